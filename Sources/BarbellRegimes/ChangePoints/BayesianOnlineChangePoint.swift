import BarbellQuant
import Foundation

/// Bayesian online change-point detection (Adams & MacKay 2007) with a constant hazard and a
/// Normal-Gamma model (unknown mean and variance per segment), keeping the run-length posterior.
///
/// After x_1..x_{t−1} the posterior P(r_{t−1} = r | x) and each run's Normal-Gamma parameters
/// are known. On x_t, with π_r the Student-t predictive density of run r (``NormalGammaPrior``)
/// and H the hazard,
///
///     P(r_t = r + 1, x_{1:t}) = P(r_{t−1} = r, x_{1:t−1}) · π_r(x_t) · (1 − H)   (growth)
///     P(r_t = 0, x_{1:t})     = Σ_r P(r_{t−1} = r, x_{1:t−1}) · π_r(x_t) · H   (change point)
///
/// normalised by their sum (the evidence). Run r's parameters are then updated with x_t
/// (μ ← (κμ + x)/(κ + 1), κ ← κ + 1, α ← α + ½, β ← β + κ(x − μ)²/(2(κ + 1))) and a new run
/// starts from the prior. The recursion runs in log space. Run lengths whose posterior falls
/// below `truncation` (default 1e-12) are dropped and the rest renormalised, which keeps the
/// work per bar bounded while losing at most that much mass per dropped run.
///
/// With a constant hazard P(r_t = 0 | x_{1:t}) is exactly H, so the change signal is the mass on
/// recent run lengths: `changeProbability` = P(r_t < `changeWindow` | x_{1:t}), and an alarm is
/// raised when it crosses `alarmThreshold` upward (it starts at 1, so the start-up is no alarm).
public struct BayesianOnlineChangePoint: Sendable {
    /// One bar's summary of the run-length posterior.
    public struct Signal: Sendable, Equatable {
        /// argmax_r P(r_t = r | x_{1:t}) (the shortest on ties).
        public let mapRunLength: Int
        /// P(r_t < changeWindow | x_{1:t}).
        public let changeProbability: Double
        /// changeProbability crossed alarmThreshold upward at this bar.
        public let isChange: Bool
        /// log p(x_t | x_{1:t−1}), the predictive log density of this bar.
        public let logEvidence: Double
    }

    /// H in (0, 1): the prior probability that any bar starts a new segment (1/expected length).
    public let hazard: Double
    /// The Normal-Gamma prior of every new segment.
    public let prior: NormalGammaPrior
    /// Run lengths with posterior below this are dropped, in [0, 1).
    public let truncation: Double
    /// Run lengths below this count as "a recent change" (≥ 1).
    public let changeWindow: Int
    /// Alarm level for changeProbability, in (0, 1).
    public let alarmThreshold: Double
    /// Bars seen so far.
    public private(set) var count = 0
    /// Run lengths with posterior mass, ascending (after the last update).
    public private(set) var runLengths: [Int] = [0]
    /// P(r_t = runLengths[i] | x_{1:t}), summing to 1.
    public var probabilities: [Double] { logPosterior.map { exp($0) } }
    private var logPosterior: [Double] = [0]
    private var mu: [Double], kappa: [Double], alpha: [Double], beta: [Double]
    private var previousChange = 1.0

    /// - Throws: `.invalidArgument` unless 0 < hazard < 1, 0 ≤ truncation < 1, changeWindow ≥ 1 and
    ///   0 < alarmThreshold < 1.
    public init(hazard: Double = 1.0 / 250, prior: NormalGammaPrior, truncation: Double = 1e-12,
                changeWindow: Int = 10, alarmThreshold: Double = 0.5) throws {
        try requireDetector(hazard > 0 && hazard < 1, "BayesianOnlineChangePoint", "hazard", hazard, "a number in (0, 1)")
        try requireDetector(truncation >= 0 && truncation < 1, "BayesianOnlineChangePoint", "truncation", truncation, "a number in [0, 1)")
        try requireDetector(changeWindow >= 1, "BayesianOnlineChangePoint", "changeWindow", changeWindow, "an integer ≥ 1")
        try requireDetector(alarmThreshold > 0 && alarmThreshold < 1, "BayesianOnlineChangePoint", "alarmThreshold", alarmThreshold, "a number in (0, 1)")
        self.hazard = hazard
        self.prior = prior
        self.truncation = truncation
        self.changeWindow = changeWindow
        self.alarmThreshold = alarmThreshold
        mu = [prior.mean]; kappa = [prior.kappa]; alpha = [prior.alpha]; beta = [prior.beta]
    }

    /// Advances the run-length posterior by one bar.
    /// - Throws: `.nonFinite` naming the bar's index if `x` is NaN or infinite.
    public mutating func update(_ x: Double) throws -> Signal {
        try requireFinite(x, index: count, "BayesianOnlineChangePoint")
        count += 1
        let m = runLengths.count
        let logGrowthFactor = log1p(-hazard), logHazard = log(hazard)
        var joint = [Double](repeating: 0, count: m + 1)
        var weighted = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let scale = (beta[i] * (kappa[i] + 1) / (alpha[i] * kappa[i])).squareRoot()
            let predictive = try StudentT(degreesOfFreedom: 2 * alpha[i], location: mu[i], scale: scale)
            weighted[i] = logPosterior[i] + predictive.logPDF(x)
            joint[i + 1] = weighted[i] + logGrowthFactor
        }
        joint[0] = logSumExp(weighted) + logHazard
        let evidence = logSumExp(joint)

        // Posterior, truncated, with the runs' parameters updated by x.
        var newRuns: [Int] = [0], newLog: [Double] = [joint[0] - evidence]
        var newMu = [prior.mean], newKappa = [prior.kappa], newAlpha = [prior.alpha], newBeta = [prior.beta]
        for i in 0..<m {
            let lp = joint[i + 1] - evidence
            guard exp(lp) >= truncation else { continue }
            newRuns.append(runLengths[i] + 1)
            newLog.append(lp)
            newMu.append((kappa[i] * mu[i] + x) / (kappa[i] + 1))
            newKappa.append(kappa[i] + 1)
            newAlpha.append(alpha[i] + 0.5)
            newBeta.append(beta[i] + kappa[i] * (x - mu[i]) * (x - mu[i]) / (2 * (kappa[i] + 1)))
        }
        let norm = logSumExp(newLog)
        logPosterior = newLog.map { $0 - norm }
        runLengths = newRuns
        mu = newMu; kappa = newKappa; alpha = newAlpha; beta = newBeta

        var best = 0, change = 0.0
        for i in 0..<runLengths.count {
            if logPosterior[i] > logPosterior[best] { best = i }
            if runLengths[i] < changeWindow { change += exp(logPosterior[i]) }
        }
        let alarm = change > alarmThreshold && previousChange <= alarmThreshold
        previousChange = change
        return Signal(mapRunLength: runLengths[best], changeProbability: change, isChange: alarm, logEvidence: evidence)
    }

    /// The streaming signals of `series`, bar by bar.
    public static func detect(_ series: [Double], hazard: Double = 1.0 / 250, prior: NormalGammaPrior,
                              truncation: Double = 1e-12, changeWindow: Int = 10,
                              alarmThreshold: Double = 0.5) throws -> [Signal] {
        var detector = try BayesianOnlineChangePoint(hazard: hazard, prior: prior, truncation: truncation,
                                                     changeWindow: changeWindow, alarmThreshold: alarmThreshold)
        return try series.map { try detector.update($0) }
    }
}
