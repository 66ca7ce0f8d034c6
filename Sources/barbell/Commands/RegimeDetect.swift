import ArgumentParser
import BarbellData
import BarbellRegimes
import Foundation

/// `barbell regime detect FILE`: the current regime, its confidence and the probabilities.
struct RegimeDetect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "The current market regime with its confidence and probabilities (HMM + GMM + volatility + trend ensemble).",
        discussion: "The HMM part uses smoothed posteriors over the whole file, so the history is a reading of the past, not what a live filter would have said on each day."
    )

    @Argument(help: "Market-data file (prices, or returns with --values returns).")
    var file: String

    @OptionGroup var model: RegimeModelOptions

    @Flag(help: "Also print the regime history (every lasting change).")
    var history = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: QuantInputOptions

    struct Output: Encodable {
        struct Change: Encodable { var date: String; var from: String?; var to: String }
        var series: String
        var date: String
        var regime: String
        var confidence: Double
        var probabilities: [String: Double]
        var history: [Change]?
    }

    func run() throws {
        let series = try input.loadReturns(file)
        let analysis = try RegimeAnalysis(returns: series.returns, features: try model.parsedFeatures(), states: try model.stateRange(),
                                          covariance: try model.covarianceType(), restarts: model.restarts, seed: model.seed,
                                          criterion: try model.informationCriterion())
        let result = try analysis.ensemble()
        let stamps = Array(series.timestamps.suffix(analysis.returns.count))
        let last = result.probabilities.count - 1
        let output = Output(
            series: series.name, date: stamps[last].display, regime: result.regimes[last].rawValue, confidence: result.confidence[last],
            probabilities: Dictionary(uniqueKeysWithValues: zip(RegimeLabel.allCases.map(\.rawValue), result.probabilities[last])),
            history: history ? result.history.map { .init(date: stamps[$0.index].display, from: $0.from?.rawValue, to: $0.to.rawValue) } : nil)
        if json { return try printJSON(output) }
        print("\(series.name) on \(output.date): \(output.regime) (confidence \(String(format: "%.2f", output.confidence)))")
        var table = TextTable(["regime", "probability"], rightAligned: [1])
        for label in RegimeLabel.allCases { table.add([label.rawValue, String(format: "%.3f", output.probabilities[label.rawValue] ?? 0)]) }
        print(table.render())
        if let changes = output.history {
            print("\nhistory (\(changes.count) lasting changes):")
            for c in changes { print("  \(c.date)  \(c.from ?? "-") → \(c.to)") }
        }
    }
}
