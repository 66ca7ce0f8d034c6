import ArgumentParser
import BarbellData
import BarbellFeatures
import Foundation

/// `barbell features compute FILE --features LIST --out OUT.csv`.
struct FeaturesCompute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute features over a market-data file and write them as CSV.",
        discussion: """
        Features are TA-Lib-style specs, e.g. --features 'RSI(timeperiod=14),MACD,BBANDS(timeperiod=20,nbdevup=2,nbdevdn=2,matype=0)'; \
        omitted parameters take their defaults. Or a set: --set alpha158, alpha360, talib, all, or a JSON/YAML feature-set file. \
        Columns are named by the canonical spec, with .output for multi-output functions (MACD(...).macdsignal).
        """
    )

    @Argument(help: "CSV (optionally .gz) or candle JSON file.")
    var file: String

    @Option(help: "Comma-separated feature specs.")
    var features: String?

    @Option(help: "A built-in set (\(FeatureSet.builtinNames.joined(separator: ", "))) or a feature-set JSON/YAML file.")
    var set: String?

    @Option(help: "Write the features to this CSV file (timestamp column first).")
    var out: String?

    @Option(help: "Threads for multi-symbol files (default: all cores).")
    var threads: Int?

    @Flag(help: "Print a JSON summary (feature-set hash, columns, defined counts, last values).")
    var json = false

    @Flag(name: .customLong("no-vwap-fallback"), help: "Fail instead of using (high+low+close)/3 when a feature needs VWAP and the file has none.")
    var noVWAPFallback = false

    @OptionGroup var input: InputOptions

    func run() async throws {
        let featureSet = try resolveSet()
        let computer: FeatureComputer
        do { computer = try FeatureComputer(featureSet) } catch { throw CommandFailure(message: error.message, exitCode: ExitStatus.usage) }
        let loaded = try MarketFile.loadBars(file, options: try input.loadOptions())
        var inputs = loaded.map { FeatureInput($0.series) }
        if !noVWAPFallback, computer.features.contains(where: { $0.descriptor.inputs.contains(.vwap) }) {
            for i in inputs.indices where inputs[i][.vwap] == nil {
                inputs[i] = inputs[i].withTypicalPriceVWAP()
                FileHandle.standardError.write(Data("note: \(loaded[i].series.symbol): no VWAP column; using (high+low+close)/3 (--no-vwap-fallback to refuse)\n".utf8))
            }
        }
        let frames: [FeatureFrame]
        do { frames = try computer.compute(panel: inputs, threads: threads) } catch { throw CommandFailure(message: "\(file): \(error.message)") }
        if let out {
            try FeatureCSVWriter.write(path: out, series: loaded.map(\.series), frames: frames)
        }
        let summary = try FeatureSummary(set: featureSet, series: loaded.map(\.series), frames: frames)
        if json {
            try printJSON(summary)
        } else {
            print(summary.render())
            if let out { print("wrote \(summary.columns.count) feature columns × \(summary.rows) rows to \(out)") }
        }
    }

    func resolveSet() throws -> FeatureSet {
        switch (features, set) {
        case (let list?, nil):
            do { return try FeatureSet(name: "cli", list: list) } catch { throw ValidationError("--features: \(error.message)") }
        case (nil, let name?):
            if let builtin = FeatureSet.builtin(name) { return builtin }
            guard FileManager.default.fileExists(atPath: name) else {
                throw ValidationError("--set: '\(name)' is neither a built-in set (\(FeatureSet.builtinNames.joined(separator: ", "))) nor a file")
            }
            do { return try FeatureSet.load(contentsOf: URL(fileURLWithPath: name)) } catch { throw CommandFailure(message: error.message) }
        case (nil, nil): throw ValidationError("give --features LIST or --set NAME")
        case (_?, _?): throw ValidationError("give either --features or --set, not both")
        }
    }
}
