import ArgumentParser
import BarbellData
import Foundation

/// `barbell data resample`: bars to coarser bars, from a file or from the store.
struct DataResample: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resample",
        abstract: "Resample bars to a coarser timeframe (open first, high max, low min, close last, volume sum).",
        discussion: "SOURCE is a bar file, or a stored symbol (with --timeframe when it is stored at several). Bars are labelled by the start of their bucket; weeks start on Monday 00:00 UTC; empty buckets give no bar."
    )

    @Argument(help: "A bar file or a stored symbol.")
    var source: String

    @Option(name: .customLong("to"), help: "Target timeframe, e.g. 5m, 1h, 1d, 1w.")
    var target: String

    @Option(help: "Timeframe of the stored source series.")
    var timeframe: String?

    @Option(help: "Write the bars to this CSV file instead of stdout.")
    var out: String?

    @Flag(help: "Save the resampled bars into the store.")
    var save = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        guard let to = Timeframe(target) else { throw ValidationError("--to: expected e.g. 5m, 1h, 1d, got '\(target)'") }
        var inputs: [BarSeries]
        if FileManager.default.fileExists(atPath: source) {
            var options = MarketFileOptions()
            if let timeframe { options.csv.timeframe = Timeframe(timeframe) }
            inputs = try MarketFile.loadBars(source, options: options).map(\.series)
        } else {
            let store = try await storeOptions.open()
            let stored = try await store.listSeries().filter { $0.symbol.name == source }
            let match = timeframe.flatMap(Timeframe.init).map { tf in stored.filter { $0.timeframe == tf } } ?? stored
            guard match.count == 1 else {
                try? await store.close()
                throw DataError(.notFound, match.isEmpty ? "'\(source)' is neither a file nor a stored symbol (see `barbell data list`)"
                                                         : "'\(source)' is stored at several timeframes; pass --timeframe")
            }
            inputs = [try await store.bars(symbol: match[0].symbol, timeframe: match[0].timeframe, from: nil, to: nil)]
            try await store.close()
        }
        let outputs = try inputs.map { (s) throws(DataError) -> BarSeries in try s.resampled(to: to) }
        if save {
            let store = try await storeOptions.open()
            do {
                let summary = try await store.importBars(outputs, source: "resample \(source) → \(to)", replace: false)
                try await store.close()
                print("saved \(summary.rowsInserted) new \(to) bars to \(storeOptions.location)")
            } catch {
                try? await store.close()
                throw error
            }
            return
        }
        let text = outputs.count == 1 ? BarCSVWriter.text(outputs[0])
            : outputs.map { s in (0..<s.count).map { BarCSVWriter.row(s, $0, includeSymbol: true) + "\n" }.joined() }
                .reduce(BarCSVWriter.header(for: outputs[0], includeSymbol: true) + "\n", +)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            print("\(outputs.map(\.count).reduce(0, +)) \(to) bars written to \(out)")
        } else {
            print(text, terminator: "")
        }
    }
}
