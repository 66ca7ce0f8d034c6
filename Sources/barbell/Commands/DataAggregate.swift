import ArgumentParser
import BarbellData
import Foundation

/// `barbell data aggregate FILE --bars RULE`: trades to time, tick, volume or dollar bars.
struct DataAggregate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Aggregate trades (Binance capture, Tardis or freqtrade trades) into bars.",
        discussion: """
        RULE is a timeframe (1s, 1m, 5m, 1h, 1d), ticks:N, volume:X or dollar:X (López de Prado bars). \
        Time bars are labelled by their start; activity bars by their first trade. A trade is never \
        split across bars; the last, possibly partial bar is included. Only time bars can be saved \
        to the store.
        """
    )

    @Argument(help: "Trades file.")
    var file: String

    @Option(help: "Bar rule: 1m, 5m, 1h, ticks:1000, volume:50, dollar:1e6.")
    var bars: String = "1m"

    @Option(help: "Symbol (default: from the file).")
    var symbol: String?

    @Option(help: "File format: auto, binance, tardis.")
    var format: MarketFileFormat = .auto

    @Option(name: .customLong("time-source"), help: "Binance captures: exchange (event time) or receive (local clock).")
    var timeSource: String = "exchange"

    @Option(help: "Write the bars to this CSV file instead of stdout.")
    var out: String?

    @Flag(help: "Save the bars into the store (time bars only).")
    var save = false

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print a JSON summary instead of the bars.")
    var json = false

    func run() async throws {
        guard let rule = TradeBarRule(argument: bars) else {
            throw ValidationError("--bars: expected a timeframe like 1m or ticks:N, volume:X, dollar:X; got '\(bars)'")
        }
        guard let source = BinanceTimeSource(rawValue: timeSource) else {
            throw ValidationError("--time-source: expected exchange or receive, got '\(timeSource)'")
        }
        let trades = try MarketFile.loadTrades(file, format: format, symbol: symbol.map { Symbol($0) }, timeSource: source)
        var result = try TradeBars.aggregate(trades, rule: rule)
        if let symbol { result.symbol = Symbol(symbol) }
        if save {
            guard result.timeframe != nil else {
                throw ValidationError("--save stores time bars only; \(rule) bars have no fixed timeframe (use --out)")
            }
            let store = try await storeOptions.open()
            do {
                let summary = try await store.importBars([result], source: file, replace: false)
                try await store.close()
                if !json { print("saved \(summary.rowsInserted) new bars (\(summary.rowsPresent) already present) to \(storeOptions.location)") }
            } catch {
                try? await store.close()
                throw error
            }
        }
        if json {
            try printJSON(AggregateOutput(file: file, symbol: result.symbol.name, rule: rule.description, trades: trades.count, bars: result.count,
                                          first: result.timestamps.first?.iso8601, last: result.timestamps.last?.iso8601))
        } else if let out {
            try BarCSVWriter.text(result).write(toFile: out, atomically: true, encoding: .utf8)
            print("\(trades.count) trades → \(result.count) \(rule) bars written to \(out)")
        } else if !save {
            print(BarCSVWriter.text(result), terminator: "")
        }
    }
}

struct AggregateOutput: Encodable {
    var file: String
    var symbol: String
    var rule: String
    var trades: Int
    var bars: Int
    var first: String?
    var last: String?
}

extension TradeBarRule {
    /// Parses `1m`, `ticks:100`, `volume:5.5`, `dollar:1e6`.
    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 1, let tf = Timeframe(parts[0]) { self = .time(tf); return }
        guard parts.count == 2 else { return nil }
        switch parts[0].lowercased() {
        case "ticks", "tick": guard let n = Int(parts[1]), n > 0 else { return nil }; self = .ticks(n)
        case "volume": guard let v = Double(parts[1]), v > 0 else { return nil }; self = .volume(v)
        case "dollar": guard let v = Double(parts[1]), v > 0 else { return nil }; self = .dollar(v)
        case "time": guard let tf = Timeframe(parts[1]) else { return nil }; self = .time(tf)
        default: return nil
        }
    }
}
