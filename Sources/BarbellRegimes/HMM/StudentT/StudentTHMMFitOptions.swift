import BarbellQuant

/// Settings of ``StudentTHMM`` training by ECM.
public struct StudentTHMMFitOptions: Sendable, Equatable {
    /// Iteration cap.
    public var maxIterations: Int
    /// Stop when the log-likelihood gains less than this between iterations; `-.infinity` runs
    /// all ``maxIterations``.
    public var tolerance: Double
    /// Floor on the diagonal of the scale matrices: a state collapsing below it (onto few points)
    /// is floored here and reported in ``StudentTHMMFit/flooredStates``. As for
    /// ``HMMFitOptions/minCovariance``, scale the data (returns in percent) so that it is small
    /// against the variances.
    public var minCovariance: Double
    /// Whether the M-step estimates ν; false holds every ν at the starting model's value.
    public var estimatesDegreesOfFreedom: Bool
    /// The range the ν estimates are confined to. Its lower end must exceed 2 (finite variance);
    /// the upper end caps ν where the t is indistinguishable from a Gaussian in any realistic
    /// sample and the likelihood is flat in ν, so the root would drift without bound.
    public var degreesOfFreedomRange: ClosedRange<Double>
    /// ν of every state in the starting models of
    /// ``StudentTHMM/fit(_:states:covarianceType:restarts:seed:options:)``.
    public var initialDegreesOfFreedom: Double

    /// Defaults: 100 iterations, tolerance 0.01 (hmmlearn's for restarts), floor 1e-3
    /// (hmmlearn's `min_covar`), ν estimated in [2.1, 200] from a start of 10 (moderately heavy
    /// tails, with the variance of the Gaussian start kept: scale = covariance · 8/10).
    public init(maxIterations: Int = 100, tolerance: Double = 1e-2, minCovariance: Double = 1e-3,
                estimatesDegreesOfFreedom: Bool = true, degreesOfFreedomRange: ClosedRange<Double> = 2.1...200,
                initialDegreesOfFreedom: Double = 10) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.minCovariance = minCovariance
        self.estimatesDegreesOfFreedom = estimatesDegreesOfFreedom
        self.degreesOfFreedomRange = degreesOfFreedomRange
        self.initialDegreesOfFreedom = initialDegreesOfFreedom
    }

    /// - Throws: `.invalidArgument` naming the first invalid setting.
    func validate() throws {
        guard maxIterations >= 1 else { throw RegimeError(.invalidArgument, "maxIterations = \(maxIterations): expected ≥ 1") }
        guard (tolerance >= 0 && tolerance.isFinite) || tolerance == -.infinity else {
            throw RegimeError(.invalidArgument, "tolerance = \(tolerance): expected a finite value ≥ 0 or −∞")
        }
        guard minCovariance > 0, minCovariance.isFinite else {
            throw RegimeError(.invalidArgument, "minCovariance = \(minCovariance): expected a finite value > 0")
        }
        let r = degreesOfFreedomRange
        guard r.lowerBound > 2, r.upperBound.isFinite else {
            throw RegimeError(.invalidArgument, "degreesOfFreedomRange = \(r): expected a finite range above 2")
        }
        guard r.contains(initialDegreesOfFreedom) else {
            throw RegimeError(.invalidArgument, "initialDegreesOfFreedom = \(initialDegreesOfFreedom): expected a value in degreesOfFreedomRange \(r)")
        }
    }
}

/// The result of ``StudentTHMM`` training.
public struct StudentTHMMFit: Sendable, Equatable {
    /// The model after the last M-step.
    public let model: StudentTHMM
    /// Log-likelihood of the data under the parameters entering each iteration: entry `i` is
    /// evaluated before the `i`-th M-step (ECM never lowers it, up to rounding).
    public let logLikelihoodHistory: [Double]
    /// Whether the gain fell below the tolerance (false when the iteration cap stopped EM).
    public let converged: Bool
    /// Log-likelihood of the data under the returned ``model``.
    public let logLikelihood: Double
    /// States whose scale was floored at ``StudentTHMMFitOptions/minCovariance`` (empty when none
    /// collapsed).
    public let flooredStates: [HMMVarianceFloor]
}
