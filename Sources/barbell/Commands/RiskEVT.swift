import ArgumentParser
import BarbellQuant
import Foundation

/// `barbell risk evt FILE`: extreme-value tail of the losses of a return series.
struct RiskEVT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evt",
        abstract: "Extreme-value tail risk: GPD peaks over threshold (VaR, ES), GEV block maxima, Hill estimator.",
        discussion: "Losses are the negated returns. The GPD is fitted by maximum likelihood to the losses above the threshold quantile; VaR and ES are McNeil & Frey's tail formulas."
    )

    @Argument(help: "Market-data file (prices, or returns with --values returns).")
    var file: String

    @Option(name: .customLong("threshold-quantile"), help: "Loss quantile used as the POT threshold.")
    var thresholdQuantile = 0.95

    @Option(help: "Comma-separated confidence levels for VaR and ES.")
    var confidence = "0.99,0.995,0.999"

    @Option(help: "Block length (periods) for the GEV block maxima (21 ≈ a trading month).")
    var block = 21

    @Option(name: .customLong("hill-k"), help: "Upper order statistics for Hill's estimator (default: the POT exceedance count).")
    var hillK: Int?

    @Flag(name: .customLong("mean-excess"), help: "Also print the mean-excess function (threshold diagnostic).")
    var meanExcess = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: QuantInputOptions

    struct Output: Encodable {
        struct Level: Encodable { var confidence: Double; var valueAtRisk: Double; var expectedShortfall: Double }
        struct GEV: Encodable { var blockSize: Int; var blocks: Int; var shape: Double; var location: Double; var scale: Double; var logLikelihood: Double }
        struct Hill: Encodable { var k: Int; var shape: Double; var tailIndex: Double; var standardError: Double }
        var series: String
        var observations: Int
        var thresholdQuantile: Double
        var threshold: Double
        var exceedances: Int
        var shape: Double
        var shapeStandardError: Double
        var scale: Double
        var scaleStandardError: Double
        var logLikelihood: Double
        var levels: [Level]
        var gev: GEV?
        var hill: Hill
        var meanExcess: [MeanExcessPoint]?
    }

    func run() throws {
        let levels = try confidence.split(separator: ",").map { text -> Double in
            guard let c = Double(text.trimmingCharacters(in: .whitespaces)), c > 0, c < 1 else {
                throw ValidationError("--confidence: expected levels in (0, 1) like 0.99, got '\(text)'")
            }
            return c
        }
        let series = try input.loadReturns(file)
        let losses = series.returns.map { -$0 }
        let model = try PeaksOverThreshold(losses: losses, threshold: .quantile(thresholdQuantile))
        let errors = model.tail.standardErrors
        let hill = try HillEstimate(losses, tailCount: hillK ?? model.tail.count)
        let maxima = try GeneralizedExtremeValueFit.blockMaxima(losses, blockSize: block)
        // Too few blocks is not a failure of the whole report: the GEV line is left out.
        let gev = maxima.count >= 10 ? try GeneralizedExtremeValueFit.fit(maxima: maxima) : nil
        let output = Output(
            series: series.name, observations: losses.count, thresholdQuantile: thresholdQuantile, threshold: model.threshold,
            exceedances: model.tail.count, shape: model.tail.shape, shapeStandardError: errors.shape, scale: model.tail.scale,
            scaleStandardError: errors.scale, logLikelihood: model.tail.logLikelihood,
            levels: try levels.map { .init(confidence: $0, valueAtRisk: try model.valueAtRisk(confidence: $0), expectedShortfall: try model.expectedShortfall(confidence: $0)) },
            gev: gev.map { .init(blockSize: block, blocks: maxima.count, shape: $0.shape, location: $0.location, scale: $0.scale, logLikelihood: $0.logLikelihood) },
            hill: .init(k: hill.tailCount, shape: hill.shape, tailIndex: hill.tailIndex, standardError: hill.standardError),
            meanExcess: meanExcess ? try PeaksOverThreshold.meanExcess(losses: losses, probabilities: stride(from: 0.5, through: 0.99, by: 0.01).map { $0 }) : nil)
        if json { return try printJSON(output) }
        print("\(series.name): \(losses.count) returns, losses above the \(thresholdQuantile) quantile (\(formatNumber(model.threshold))): \(model.tail.count)")
        print("GPD tail: ξ = \(String(format: "%.4f", model.tail.shape)) (± \(String(format: "%.4f", errors.shape))), σ = \(formatNumber(model.tail.scale)) (± \(formatNumber(errors.scale)))")
        var table = TextTable(["confidence", "VaR", "ES"], rightAligned: [0, 1, 2])
        for level in output.levels {
            table.add([String(level.confidence), String(format: "%.4f%%", level.valueAtRisk * 100), String(format: "%.4f%%", level.expectedShortfall * 100)])
        }
        print(table.render())
        print("Hill (k = \(hill.tailCount)): ξ = \(String(format: "%.4f", hill.shape)), tail index α = \(String(format: "%.2f", hill.tailIndex))")
        if let g = output.gev {
            print("GEV on \(g.blocks) blocks of \(block): ξ = \(String(format: "%.4f", g.shape)), μ = \(formatNumber(g.location)), σ = \(formatNumber(g.scale))")
        }
        if let points = output.meanExcess {
            var me = TextTable(["threshold", "mean excess", "exceedances"], rightAligned: [0, 1, 2])
            for p in points { me.add([formatNumber(p.threshold), formatNumber(p.meanExcess), String(p.exceedances)]) }
            print("\nMean excess e(u) (linear above a good threshold):\n" + me.render())
        }
    }
}
