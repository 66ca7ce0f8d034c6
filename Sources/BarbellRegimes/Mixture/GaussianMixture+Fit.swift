import BarbellQuant

/// Settings of EM training of a ``GaussianMixture`` (scikit-learn's defaults).
public struct GaussianMixtureFitOptions: Sendable, Equatable {
    /// Iteration cap (scikit-learn `max_iter`).
    public var maxIterations: Int
    /// Stop when the lower bound (mean log-likelihood per observation) changes by less than this
    /// in absolute value between iterations (scikit-learn `tol`); `-.infinity` (or 0) runs all
    /// ``maxIterations``.
    public var tolerance: Double
    /// Added to the diagonal of every covariance at every M-step (scikit-learn `reg_covar`), so
    /// covariances stay positive definite; it is also the floor below which a variance counts as
    /// collapsed in ``GaussianMixtureFit/flooredComponents``.
    public var regularisation: Double

    /// Options with scikit-learn's defaults: 100 iterations, tolerance 1e-3, regularisation 1e-6.
    public init(maxIterations: Int = 100, tolerance: Double = 1e-3, regularisation: Double = 1e-6) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.regularisation = regularisation
    }

    func validate() throws {
        guard maxIterations >= 1 else { throw RegimeError(.invalidArgument, "maxIterations = \(maxIterations): expected ≥ 1") }
        guard tolerance >= 0 || tolerance == -.infinity, !tolerance.isNaN else {
            throw RegimeError(.invalidArgument, "tolerance = \(tolerance): expected a value ≥ 0 or −∞")
        }
        // scikit-learn also accepts 0, which lets a collapsed component's covariance turn singular.
        guard regularisation > 0, regularisation.isFinite else {
            throw RegimeError(.invalidArgument, "regularisation = \(regularisation): expected a finite value > 0")
        }
    }
}

/// A mixture component that collapsed during EM.
public struct MixtureComponentFloor: Sendable, Equatable {
    /// Why the component counts as collapsed.
    public enum Reason: String, Sendable, Codable {
        /// Less than one observation's worth of responsibility: its mean and covariance rest on
        /// (almost) no data.
        case noMass
        /// A variance below the regularisation (the component sits on a point or a line), or a
        /// covariance that needed extra diagonal weight to stay positive definite.
        case varianceFloor
    }

    /// EM iteration (0-based) whose M-step produced the collapse.
    public let iteration: Int
    /// The collapsed component.
    public let component: Int
    /// What collapsed.
    public let reason: Reason
}

/// The result of EM training of a ``GaussianMixture``.
public struct GaussianMixtureFit: Sendable, Equatable {
    /// The model after the last M-step.
    public let model: GaussianMixture
    /// Lower bound of each iteration (scikit-learn's `lower_bounds_`): the mean log-likelihood
    /// per observation under the parameters entering the iteration, evaluated before its M-step.
    public let lowerBoundHistory: [Double]
    /// Whether the change fell below the tolerance (false when the iteration cap stopped EM, as
    /// scikit-learn's `converged_`).
    public let converged: Bool
    /// Total log-likelihood of the data under the returned ``model`` (one more E-step).
    public let logLikelihood: Double
    /// Components that collapsed, per iteration (empty when none did); handled, never NaN.
    public let flooredComponents: [MixtureComponentFloor]
}

extension GaussianMixture {
    /// EM from this model's parameters, exactly as scikit-learn 1.9's `GaussianMixture.fit` with
    /// `weights_init`, `means_init` and `precisions_init`: each iteration runs the E-step
    /// (responsibilities by log-sum-exp), the M-step (see the regularisation of
    /// ``GaussianMixtureFitOptions``) and stops once `|lower bound − previous| < tolerance`.
    ///
    /// - Throws: `.insufficientData` for fewer than `componentCount × dimension` rows (or fewer
    ///   than 2), `.invalidArgument` for a constant feature or bad options, `.shapeMismatch` for
    ///   ragged rows or the wrong feature count, `.nonFinite` for NaN or infinity in the data (or
    ///   a row impossible under every component).
    public func fitted(to observations: [[Double]], options: GaussianMixtureFitOptions = GaussianMixtureFitOptions()) throws
        -> GaussianMixtureFit {
        try options.validate()
        let x = try HMMObservations(observations, expectedDimension: dimension)
        try x.checkMixtureFittable(components: componentCount)
        return try Self.em(from: MixtureParameters(self), x, options)
    }

    /// The EM loop on validated data; one responsibility buffer for the whole fit.
    static func em(from start: MixtureParameters, _ x: HMMObservations, _ options: GaussianMixtureFitOptions) throws
        -> GaussianMixtureFit {
        let n = x.count, k = start.k
        var p = start
        var resp = [Double](repeating: 0, count: n * k)
        var history = [Double]()
        var floors = [MixtureComponentFloor]()
        var converged = false
        var previous = -Double.infinity
        history.reserveCapacity(options.maxIterations)
        for iteration in 0..<options.maxIterations {
            let total = try expectation(p, x, &resp)
            let lowerBound = total / Double(n)
            history.append(lowerBound)
            p = MixtureParameters.estimated(type: p.type, k: k, x: x, resp: resp, regularisation: options.regularisation,
                                            iteration: iteration, floors: &floors)
            // scikit-learn compares the absolute change, so a decrease also counts as converged.
            if abs(lowerBound - previous) < options.tolerance {
                converged = true
                break
            }
            previous = lowerBound
        }
        let total = try expectation(p, x, &resp)
        return GaussianMixtureFit(model: try p.model(), lowerBoundHistory: history, converged: converged,
                                  logLikelihood: total, flooredComponents: floors)
    }

    /// One E-step into `resp`; the total log-likelihood, which must be finite.
    static func expectation(_ p: MixtureParameters, _ x: HMMObservations, _ resp: inout [Double]) throws -> Double {
        let kernel = MixtureKernel(p)
        let total = x.values.withUnsafeBufferPointer { xb in
            resp.withUnsafeMutableBufferPointer { kernel.expectation(xb.baseAddress!, n: x.count, $0.baseAddress!) }
        }
        guard total.isFinite else {
            throw RegimeError(.nonFinite, "observations: an observation has zero density under every component")
        }
        return total
    }
}

extension HMMObservations {
    /// Checks that a `components`-component mixture can be identified: at least
    /// `components × dimension` rows (and 2) and no constant feature, whose variance would
    /// collapse onto the regularisation.
    func checkMixtureFittable(components: Int) throws {
        guard count >= components * dimension, count >= 2 else {
            throw RegimeError(.insufficientData, "observations: \(count) rows, a \(components)-component mixture on \(dimension) feature(s) needs at least \(max(components * dimension, 2))")
        }
        for j in 0..<dimension {
            let first = values[j]
            if !(0..<count).contains(where: { values[$0 * dimension + j] != first }) {
                throw RegimeError(.invalidArgument, "observations column \(j) is constant (\(first)): a Gaussian mixture needs variation in every feature")
            }
        }
    }
}
