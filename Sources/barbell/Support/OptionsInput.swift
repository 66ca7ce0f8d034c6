import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// The option(s) `barbell options iv|greeks` work on: one from flags, or many from a CSV.
struct OptionsInputOptions: ParsableArguments {
    @Option(help: "call or put.")
    var type: String?

    @Option(help: "Spot price S (bsm) or forward price F (black76).")
    var spot: Double?

    @Option(help: "Strike K.")
    var strike: Double?

    @Option(name: .customLong("expiry-years"), help: "Time to expiry T in years.")
    var expiryYears: Double?

    @Option(help: "Risk-free rate r, continuously compounded per year (0.05 = 5 %).")
    var rate: Double = 0

    @Option(help: "Continuous dividend yield q per year (bsm only).")
    var dividend: Double = 0

    @Option(help: "Pricing model: bsm (Black-Scholes-Merton on spot) or black76 (Black on a forward).")
    var model: String = "bsm"

    @Option(help: "CSV of options instead of the flags: header with type,spot,strike,expiry,rate,dividend and the value column (price or vol); rate and dividend may be omitted (then the flags' values).")
    var csv: String?

    func pricingModel() throws -> PricingModel {
        guard let m = PricingModel(rawValue: model.lowercased()) else {
            throw ValidationError("--model must be bsm or black76, not '\(model)'")
        }
        return m
    }

    static func optionType(_ text: String) throws -> OptionType {
        switch text.lowercased() {
        case "call", "c": return .call
        case "put", "p": return .put
        default: throw ValidationError("option type must be call or put, not '\(text)'")
        }
    }

    /// The options with their `valueColumn` value (price for `iv`, volatility for `greeks`), either
    /// the single option from the flags (with `flagValue`) or every row of `--csv`.
    func load(valueColumn: String, flagValue: Double?) throws -> [(VanillaOption, Double)] {
        let model = try pricingModel()
        guard let csv else {
            guard let type, let spot, let strike, let expiryYears else {
                throw ValidationError("give --type, --spot, --strike and --expiry-years (or --csv FILE)")
            }
            guard let flagValue else { throw ValidationError("give --\(valueColumn) (or --csv FILE)") }
            return [(VanillaOption(type: try Self.optionType(type), model: model, underlying: spot, strike: strike,
                                   expiry: expiryYears, rate: rate, dividendYield: dividend), flagValue)]
        }
        var lines: [String] = []
        try LineReader(path: csv).forEachLine { bytes, _ in
            lines.append(String(decoding: bytes, as: UTF8.self))
            return true
        }
        lines.removeAll { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw QuantError(.invalidArgument, "\(csv): empty file, expected a header row") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ name: String, required: Bool = true) throws -> Int? {
            if let i = names.firstIndex(of: name) { return i }
            if required { throw QuantError(.invalidArgument, "\(csv): no '\(name)' column (header: \(header))") }
            return nil
        }
        let typeColumn = try column("type")!, spotColumn = try column("spot")!, strikeColumn = try column("strike")!
        let expiryColumn = try column("expiry")!, valueIndex = try column(valueColumn)!
        let rateColumn = try column("rate", required: false), dividendColumn = try column("dividend", required: false)
        var out: [(VanillaOption, Double)] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func number(_ i: Int?, _ name: String, default value: Double) throws -> Double {
                guard let i else { return value }
                guard i < cells.count, let x = Double(cells[i]) else {
                    throw QuantError(.invalidArgument, "\(csv) line \(offset + 2): column '\(name)' has '\(i < cells.count ? cells[i] : "")', expected a number")
                }
                return x
            }
            guard typeColumn < cells.count else { throw QuantError(.invalidArgument, "\(csv) line \(offset + 2): too few fields") }
            let type: OptionType
            do { type = try Self.optionType(cells[typeColumn]) } catch {
                throw QuantError(.invalidArgument, "\(csv) line \(offset + 2): column 'type' has '\(cells[typeColumn])', expected call or put")
            }
            out.append((VanillaOption(type: type, model: model, underlying: try number(spotColumn, "spot", default: .nan),
                                      strike: try number(strikeColumn, "strike", default: .nan),
                                      expiry: try number(expiryColumn, "expiry", default: .nan),
                                      rate: try number(rateColumn, "rate", default: rate),
                                      dividendYield: try number(dividendColumn, "dividend", default: dividend)),
                        try number(valueIndex, valueColumn, default: .nan)))
        }
        return out
    }
}

/// `--date` for chain commands: YYYY-MM-DD or MM/DD/YYYY.
func parseChainDate(_ text: String?, flag: String = "--date") throws -> CalendarDate? {
    guard let text else { return nil }
    do { return try CalendarDate(parsing: text) } catch {
        throw ValidationError("\(flag) '\(text)' is not a date; use YYYY-MM-DD or MM/DD/YYYY")
    }
}
