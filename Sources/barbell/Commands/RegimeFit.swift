import ArgumentParser
import BarbellData
import BarbellRegimes
import Foundation

/// `barbell regime fit FILE --states K`: a Gaussian HMM of the returns, its states named.
struct RegimeFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a Gaussian HMM (Baum-Welch, seeded restarts) and name each state's regime.",
        discussion: "Observations are the return in percent and, by default, its 21-bar realised volatility (annualised, percent). Labels follow RegimeLabeller's documented rules."
    )

    @Argument(help: "Market-data file (prices, or returns with --values returns).")
    var file: String

    @OptionGroup var model: RegimeModelOptions

    @Option(help: "Start EM from these parameters (JSON written by --json's \"model\" or by hand) instead of restarts.")
    var `init`: String?

    @Option(help: "Write per-bar state posteriors and the Viterbi state to this CSV.")
    var posteriors: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: QuantInputOptions

    struct Output: Encodable {
        struct State: Encodable {
            var label: String
            var mean: [Double]
            var covariance: [[Double]]
            var annualisedReturn: Double
            var annualisedVolatility: Double
            var share: Double
        }
        var series: String
        var observations: Int
        var features: [String]
        var logLikelihood: Double
        var bic: Double
        var aic: Double
        var iterations: Int
        var converged: Bool
        var startProbabilities: [Double]
        var transitionMatrix: [[Double]]
        var states: [State]
        var model: GaussianHMM
    }

    func run() throws {
        let series = try input.loadReturns(file)
        let features = try model.parsedFeatures()
        let initial = try `init`.map { path -> GaussianHMM in
            do { return try JSONDecoder().decode(GaussianHMM.self, from: Data(contentsOf: URL(fileURLWithPath: path))) } catch let error as RegimeError {
                throw error
            } catch {
                throw ValidationError("--init \(path): not a model JSON file (\(error))")
            }
        }
        let analysis = try RegimeAnalysis(returns: series.returns, features: features, states: initial?.stateCount ?? model.states,
                                          covariance: try model.covarianceType(), restarts: model.restarts, seed: model.seed, initial: initial)
        let hmm = analysis.fit.model
        let shares = (0..<hmm.stateCount).map { k in Double(analysis.path.filter { $0 == k }.count) / Double(analysis.path.count) }
        let output = Output(
            series: series.name, observations: analysis.observations.count, features: features.map(\.rawValue),
            logLikelihood: analysis.fit.logLikelihood, bic: try hmm.bic(analysis.observations), aic: try hmm.aic(analysis.observations),
            iterations: analysis.fit.logLikelihoodHistory.count, converged: analysis.fit.converged,
            startProbabilities: hmm.startProbabilities, transitionMatrix: hmm.transitionMatrix,
            states: (0..<hmm.stateCount).map { k in
                .init(label: analysis.labels[k].rawValue, mean: hmm.means[k], covariance: hmm.covariances[k],
                      annualisedReturn: analysis.statistics[k].annualisedReturn, annualisedVolatility: analysis.statistics[k].annualisedVolatility,
                      share: shares[k])
            },
            model: hmm)
        if let posteriors { try writePosteriors(posteriors, analysis: analysis, timestamps: Array(series.timestamps.suffix(analysis.returns.count))) }
        if json { return try printJSON(output) }
        print("\(series.name): \(output.observations) bars, features \(output.features.joined(separator: ", ")), \(hmm.stateCount) states (\(hmm.covarianceType.rawValue))")
        print(String(format: "log-likelihood %.3f  BIC %.1f  AIC %.1f  (%d EM iterations%@)", output.logLikelihood, output.bic, output.aic,
                     output.iterations, (output.converged ? "" : ", not converged") as NSString))
        var table = TextTable(["state", "regime", "return/yr", "vol/yr", "share", "stay"], rightAligned: [2, 3, 4, 5])
        for (k, s) in output.states.enumerated() {
            table.add([String(k), s.label, String(format: "%+.1f%%", s.annualisedReturn * 100), String(format: "%.1f%%", s.annualisedVolatility * 100),
                       String(format: "%.1f%%", s.share * 100), String(format: "%.3f", hmm.transitionMatrix[k][k])])
        }
        print(table.render())
    }

    func writePosteriors(_ path: String, analysis: RegimeAnalysis, timestamps: [Timestamp]) throws {
        let probabilities = try analysis.fit.model.posteriors(analysis.observations)
        var text = "timestamp,state," + (0..<analysis.fit.model.stateCount).map { "p\($0)_\(analysis.labels[$0].rawValue)" }.joined(separator: ",") + "\n"
        for t in probabilities.indices {
            text += timestamps[t].iso8601 + ",\(analysis.path[t])," + probabilities[t].map { String($0) }.joined(separator: ",") + "\n"
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
