import ArgumentParser
import BarbellData
import BarbellStore
import Foundation

/// `barbell data show SYMBOL`: stored bars in a time window.
struct DataShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show stored bars of a symbol in a time window."
    )

    @Argument(help: "Symbol as stored.")
    var symbol: String

    @Option(help: "Timeframe (default: the only one stored for the symbol).")
    var timeframe: String?

    @Option(help: "Start of the window (inclusive), e.g. 2020-01-01 or 2020-01-01T09:30:00Z.")
    var from: String?

    @Option(help: "End of the window (exclusive).")
    var to: String?

    @Option(help: "Show at most the last N bars (0 = all).")
    var limit: Int = 20

    @Flag(help: "Print bars as JSON.")
    var json = false

    @Flag(help: "Print bars as CSV.")
    var csv = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let fromTs = try from.map { try parseTime($0, option: "--from") }
        let toTs = try to.map { try parseTime($0, option: "--to") }
        let store = try await storeOptions.open()
        let bars: BarSeries
        do {
            bars = try await readBars(store, from: fromTs, to: toTs)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        print(render(bars))
    }

    /// Resolves the timeframe (the only one stored, unless given) and reads the window.
    func readBars(_ store: any MarketDataStore, from fromTs: Timestamp?, to toTs: Timestamp?) async throws -> BarSeries {
        let stored = try await store.listSeries().filter { $0.symbol.name == symbol }
        let tf: Timeframe
        if let timeframe {
            guard let t = Timeframe(timeframe) else { throw ValidationError("--timeframe: expected e.g. 1m, 1h, 1d, got '\(timeframe)'") }
            tf = t
        } else if stored.count == 1 {
            tf = stored[0].timeframe
        } else if stored.isEmpty {
            throw DataError(.notFound, "no bars stored for '\(symbol)' in \(storeOptions.location); see `barbell data list`")
        } else {
            throw CommandFailure(message: "'\(symbol)' is stored at several timeframes (\(stored.map(\.timeframe.description).joined(separator: ", "))); pass --timeframe", exitCode: ExitStatus.usage)
        }
        var bars = try await store.bars(symbol: Symbol(symbol), timeframe: tf, from: fromTs, to: toTs)
        if limit > 0 && bars.count > limit { bars = bars.selecting(rows: (bars.count - limit)..<bars.count) }
        return bars
    }

    func render(_ bars: BarSeries) -> String {
        if json {
            return jsonText(bars.bars)
        } else if csv {
            return String(BarCSVWriter.text(bars).dropLast())
        } else {
            var table = TextTable(["timestamp", "open", "high", "low", "close", "volume"], rightAligned: [1, 2, 3, 4, 5])
            for i in 0..<bars.count {
                table.add([bars.timestamps[i].display, formatNumber(bars.open[i]), formatNumber(bars.high[i]),
                           formatNumber(bars.low[i]), formatNumber(bars.close[i]), formatNumber(bars.volume[i])])
            }
            return "\(symbol) \(bars.timeframe?.description ?? ""): \(bars.count) bars shown\n" + table.render()
        }
    }
}

/// Parses a user-supplied time (ISO-8601, M/D/YYYY, YYYYMMDD or epoch) as UTC.
func parseTime(_ text: String, option: String) throws -> Timestamp {
    var parser = TimestampParser()
    do {
        return Timestamp(nanoseconds: try parser.parse(text))
    } catch {
        throw ValidationError("\(option): expected a date like 2020-01-31 or 2020-01-31T09:30:00Z, got '\(text)'")
    }
}
