import ArgumentParser
import BarbellData
import BarbellRegimes
import Foundation

/// `barbell regime fit FILE --states K`: an HMM (Gaussian or Student-t) or a Gaussian mixture of
/// the returns, its states named.
struct RegimeFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a regime model (Gaussian or Student-t HMM, or a Gaussian mixture; EM with seeded restarts) and name each state's regime.",
        discussion: "Observations are the return in percent and, by default, its 21-bar realised volatility (annualised, percent). Labels follow RegimeLabeller's documented rules. --states 2-6 fits every count and keeps the one --criterion prefers (the table of candidates is printed)."
    )

    @Argument(help: "Market-data file (prices, or returns with --values returns).")
    var file: String

    @OptionGroup var model: RegimeModelOptions

    @Option(name: .customLong("model"), help: "Model: hmm (Gaussian HMM), student-t (HMM with Student-t emissions), gmm (Gaussian mixture, no time dependence).")
    var family = "hmm"

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
            var degreesOfFreedom: Double?
        }
        /// A state EM floored: why, first at which iteration, and in how many iterations.
        struct Floor: Encodable {
            var state: Int
            var reason: String
            var firstIteration: Int
            var iterations: Int
        }
        struct Candidate: Encodable {
            var states: Int
            var logLikelihood: Double
            var parameters: Int
            var bic: Double
            var aic: Double
        }
        var series: String
        var kind: String
        var observations: Int
        var features: [String]
        var logLikelihood: Double
        var bic: Double
        var aic: Double
        var iterations: Int
        var converged: Bool
        /// Start probabilities of an HMM, mixture weights of a GMM.
        var startProbabilities: [Double]
        var transitionMatrix: [[Double]]?
        var states: [State]
        var selection: [Candidate]?
        /// States EM floored after a collapse (empty for a clean fit).
        var flooredStates: [Floor]
        var model: ModelJSON
    }

    /// The fitted parameters as `--init` reads them back.
    enum ModelJSON: Encodable {
        case gaussian(GaussianHMM)
        case studentT(StudentTHMM)
        case mixture(weights: [Double], means: [[Double]], covariances: [[[Double]]], covarianceType: String)

        func encode(to encoder: Encoder) throws {
            switch self {
            case .gaussian(let m): try m.encode(to: encoder)
            case .studentT(let m): try m.encode(to: encoder)
            case .mixture(let w, let mu, let c, let type):
                var box = encoder.container(keyedBy: MixtureKeys.self)
                try box.encode(type, forKey: .covarianceType)
                try box.encode(w, forKey: .weights)
                try box.encode(mu, forKey: .means)
                try box.encode(c, forKey: .covariances)
            }
        }
        enum MixtureKeys: String, CodingKey { case covarianceType, weights, means, covariances }
    }

    func run() throws {
        guard let family = RegimeModelKind(rawValue: self.family) else {
            throw ValidationError("--model: expected hmm, student-t or gmm, got '\(self.family)'")
        }
        let series = try input.loadReturns(file)
        let features = try model.parsedFeatures()
        let initial = try `init`.map { try Self.readStart($0, family) }
        var range = try model.stateRange()
        switch initial {
        case .gaussian(let m): range = m.stateCount...m.stateCount
        case .studentT(let m): range = m.stateCount...m.stateCount
        case nil: break
        }
        let analysis = try RegimeAnalysis(returns: series.returns, features: features, states: range, covariance: try model.covarianceType(),
                                          restarts: model.restarts, seed: model.seed, kind: family,
                                          criterion: try model.informationCriterion(), initial: initial)
        let fit = analysis.fit
        let shares = (0..<fit.stateCount).map { k in Double(analysis.path.filter { $0 == k }.count) / Double(analysis.path.count) }
        let output = Output(
            series: series.name, kind: family.rawValue, observations: analysis.observations.count, features: features.map(\.rawValue),
            logLikelihood: fit.logLikelihood, bic: try fit.bic(analysis.observations), aic: try fit.aic(analysis.observations),
            iterations: fit.iterations, converged: fit.converged,
            startProbabilities: fit.startProbabilities, transitionMatrix: fit.transitionMatrix,
            states: (0..<fit.stateCount).map { k in
                .init(label: analysis.labels[k].rawValue, mean: fit.means[k], covariance: fit.covariances[k],
                      annualisedReturn: analysis.statistics[k].annualisedReturn, annualisedVolatility: analysis.statistics[k].annualisedVolatility,
                      share: shares[k], degreesOfFreedom: fit.degreesOfFreedom?[k])
            },
            selection: analysis.selection?.map { .init(states: $0.states, logLikelihood: $0.logLikelihood, parameters: $0.parameterCount, bic: $0.bic, aic: $0.aic) },
            flooredStates: Self.floorSummary(fit.floors),
            model: Self.modelJSON(fit))
        if let posteriors { try writePosteriors(posteriors, analysis: analysis, timestamps: Array(series.timestamps.suffix(analysis.returns.count))) }
        if json { return try printJSON(output) }
        let noun = family == .gmm ? "components" : "states"
        print("\(series.name): \(output.observations) bars, features \(output.features.joined(separator: ", ")), \(fit.stateCount) \(noun) (\(family.rawValue), \(fit.covarianceType.rawValue))")
        if let candidates = output.selection {
            var table = TextTable([noun, "log-lik", "params", "BIC", "AIC"], rightAligned: [0, 1, 2, 3, 4])
            for c in candidates {
                table.add([String(c.states) + (c.states == fit.stateCount ? " *" : ""), String(format: "%.1f", c.logLikelihood), String(c.parameters),
                           String(format: "%.1f", c.bic), String(format: "%.1f", c.aic)])
            }
            print(table.render())
        }
        print(String(format: "log-likelihood %.3f  BIC %.1f  AIC %.1f  (%d EM iterations%@)", output.logLikelihood, output.bic, output.aic,
                     output.iterations, (output.converged ? "" : ", not converged") as NSString))
        if !output.flooredStates.isEmpty {
            print("warning: EM floored " + output.flooredStates.map {
                "state \($0.state) (\($0.reason) from iteration \($0.firstIteration), in \($0.iterations) iterations)"
            }.joined(separator: ", ") + ": a state collapsed onto few bars; try fewer states")
        }
        var headers = ["state", "regime", "return/yr", "vol/yr", "share", fit.transitionMatrix == nil ? "weight" : "stay"]
        if fit.degreesOfFreedom != nil { headers.append("ν") }
        var table = TextTable(headers, rightAligned: Set(2..<headers.count))
        for (k, s) in output.states.enumerated() {
            var row = [String(k), s.label, String(format: "%+.1f%%", s.annualisedReturn * 100), String(format: "%.1f%%", s.annualisedVolatility * 100),
                       String(format: "%.1f%%", s.share * 100), String(format: "%.3f", fit.transitionMatrix?[k][k] ?? fit.startProbabilities[k])]
            if let nu = s.degreesOfFreedom { row.append(String(format: "%.1f", nu)) }
            table.add(row)
        }
        print(table.render())
    }

    /// One entry per (state, reason), in order of first occurrence.
    static func floorSummary(_ floors: [(iteration: Int, state: Int, reason: String)]) -> [Output.Floor] {
        var out = [Output.Floor]()
        for f in floors {
            if let i = out.firstIndex(where: { $0.state == f.state && $0.reason == f.reason }) {
                out[i].iterations += 1
            } else {
                out.append(.init(state: f.state, reason: f.reason, firstIteration: f.iteration, iterations: 1))
            }
        }
        return out
    }

    static func modelJSON(_ fit: FittedRegimeModel) -> ModelJSON {
        switch fit {
        case .gaussian(let f): .gaussian(f.model)
        case .studentT(let f): .studentT(f.model)
        case .mixture(let f): .mixture(weights: f.model.weights, means: f.model.means, covariances: f.model.covariances,
                                       covarianceType: f.model.covarianceType.rawValue)
        }
    }

    /// Reads `--init` as the model JSON of the chosen family (what `--json` prints as "model").
    static func readStart(_ path: String, _ family: RegimeModelKind) throws -> RegimeAnalysis.Start {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            switch family {
            case .hmm: return .gaussian(try JSONDecoder().decode(GaussianHMM.self, from: data))
            case .studentT: return .studentT(try JSONDecoder().decode(StudentTHMM.self, from: data))
            case .gmm: throw ValidationError("--init: starting parameters are supported for --model hmm and student-t")
            }
        } catch let error as RegimeError {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("--init \(path): not a \(family.rawValue) model JSON file (\(error))")
        }
    }

    func writePosteriors(_ path: String, analysis: RegimeAnalysis, timestamps: [Timestamp]) throws {
        let probabilities = try analysis.fit.posteriors(analysis.observations)
        var text = "timestamp,state," + (0..<analysis.fit.stateCount).map { "p\($0)_\(analysis.labels[$0].rawValue)" }.joined(separator: ",") + "\n"
        for t in probabilities.indices {
            text += timestamps[t].iso8601 + ",\(analysis.path[t])," + probabilities[t].map { String($0) }.joined(separator: ",") + "\n"
        }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
