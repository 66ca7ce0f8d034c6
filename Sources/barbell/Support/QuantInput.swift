import ArgumentParser
import BarbellData
import Foundation

/// How the quant commands (`risk`, `portfolio`, `options`) read price or return series from a
/// market-data file: any file `barbell data import` reads, one ticker or many.
struct QuantInputOptions: ParsableArguments {
    enum Values: String, ExpressibleByArgument, CaseIterable {
        /// The file holds prices; returns are computed from consecutive values.
        case prices
        /// The file's values are already returns (one per row).
        case returns
    }

    enum ReturnKind: String, ExpressibleByArgument, CaseIterable {
        /// p[t] / p[t−1] − 1 (what PyPortfolioOpt and `arch`'s examples use).
        case simple
        /// log(p[t] / p[t−1]).
        case log
    }

    @Option(help: "What the file's values are: prices or returns.")
    var values: Values = .prices

    @Option(name: .customLong("return-kind"), help: "Returns computed from prices: simple or log.")
    var returnKind: ReturnKind = .simple

    @Option(help: "Which ticker to use when the file holds several (default: the only one).")
    var ticker: String?

    @Flag(name: .customLong("use-close"), help: "Use Close even when the file has an Adj Close column.")
    var useClose = false

    @OptionGroup var input: InputOptions

    /// Every ticker in the file aligned on the union of timestamps; NaN where a ticker has no
    /// value (a listing that starts later, or a gap).
    func loadPanel(_ path: String) throws -> PricePanel {
        let loaded = try MarketFile.loadBars(path, options: input.loadOptions())
        guard !loaded.isEmpty else { throw DataError(.noDataRows, "no rows", file: path) }
        return PricePanel(loaded.map { ($0.series.symbol.name, $0.series.timestamps, (useClose ? nil : $0.adjClose) ?? $0.series.close) })
    }

    /// One return series: the named ticker, or the file's only one.
    func loadReturns(_ path: String) throws -> ReturnSeries {
        let panel = try loadPanel(path)
        let column: Int
        if let ticker {
            guard let k = panel.tickers.firstIndex(of: ticker) else {
                throw CommandFailure(message: "\(path): no ticker '\(ticker)'; the file has \(panel.tickers.joined(separator: ", "))", exitCode: ExitStatus.usage)
            }
            column = k
        } else {
            guard panel.tickers.count == 1 else {
                throw CommandFailure(message: "\(path) holds \(panel.tickers.count) tickers (\(panel.tickers.prefix(8).joined(separator: ", "))...); pick one with --ticker", exitCode: ExitStatus.usage)
            }
            column = 0
        }
        let values = panel.prices.map { $0[column] }
        let valid = values.indices.filter { values[$0].isFinite }
        switch self.values {
        case .returns:
            return ReturnSeries(name: panel.tickers[column], timestamps: valid.map { panel.timestamps[$0] }, returns: valid.map { values[$0] })
        case .prices:
            var stamps: [Timestamp] = [], returns: [Double] = []
            for (a, b) in zip(valid, valid.dropFirst()) {
                let (p0, p1) = (values[a], values[b])
                guard p0 > 0, p1 > 0 else {
                    throw DataError(.badNumber, "price \(p0 > 0 ? p1 : p0) of \(panel.tickers[column]) at \(panel.timestamps[p0 > 0 ? b : a].display) is not positive; returns need positive prices", file: path)
                }
                stamps.append(panel.timestamps[b])
                returns.append(returnKind == .simple ? p1 / p0 - 1 : Foundation.log(p1 / p0))
            }
            return ReturnSeries(name: panel.tickers[column], timestamps: stamps, returns: returns)
        }
    }
}


/// Prices of several tickers on one time axis: `prices[t][k]` is ticker `k` at `timestamps[t]`.
struct PricePanel {
    var tickers: [String]
    var timestamps: [Timestamp]
    var prices: [[Double]]

    init(_ columns: [(String, [Timestamp], [Double])]) {
        tickers = columns.map(\.0)
        timestamps = Array(Set(columns.flatMap(\.1))).sorted()
        let row = Dictionary(uniqueKeysWithValues: timestamps.enumerated().map { ($1, $0) })
        prices = Array(repeating: Array(repeating: .nan, count: columns.count), count: timestamps.count)
        for (k, column) in columns.enumerated() {
            for (t, value) in zip(column.1, column.2) { prices[row[t]!][k] = value }
        }
    }
}

/// One named series of returns with the time of each return (the end of its period).
struct ReturnSeries {
    var name: String
    var timestamps: [Timestamp]
    var returns: [Double]
}

/// Parses `A=0.5,B=0.3` (or `A:0.5`) into weights per ticker.
func parseWeights(_ text: String, option: String = "--weights") throws -> [String: Double] {
    var weights: [String: Double] = [:]
    for item in text.split(separator: ",") {
        let parts = item.split(whereSeparator: { $0 == "=" || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, let w = Double(parts[1]), w.isFinite else {
            throw ValidationError("\(option): expected TICKER=WEIGHT pairs separated by commas, got '\(item)'")
        }
        guard weights[parts[0]] == nil else { throw ValidationError("\(option): '\(parts[0])' is given twice") }
        weights[parts[0]] = w
    }
    guard !weights.isEmpty else { throw ValidationError("\(option): no weights given") }
    return weights
}

extension PricePanel {
    /// The column of each weighted ticker, or a usage error naming the missing one.
    func columns(of weights: [String: Double], path: String) throws -> [(ticker: String, column: Int, weight: Double)] {
        try weights.keys.sorted().map { ticker in
            guard let k = tickers.firstIndex(of: ticker) else {
                throw CommandFailure(message: "\(path): no ticker '\(ticker)'; the file has \(tickers.prefix(20).joined(separator: ", "))", exitCode: ExitStatus.usage)
            }
            return (ticker, k, weights[ticker]!)
        }
    }

    /// Simple returns of the given columns on consecutive rows where all of them have prices
    /// (row = period); leading NaN (later listings) and gaps are skipped, never filled.
    func commonReturns(_ columns: [Int]) -> (timestamps: [Timestamp], returns: [[Double]]) {
        let rows = prices.indices.filter { t in columns.allSatisfy { prices[t][$0].isFinite && prices[t][$0] > 0 } }
        var stamps: [Timestamp] = [], out: [[Double]] = []
        for (a, b) in zip(rows, rows.dropFirst()) {
            stamps.append(timestamps[b])
            out.append(columns.map { prices[b][$0] / prices[a][$0] - 1 })
        }
        return (stamps, out)
    }
}
