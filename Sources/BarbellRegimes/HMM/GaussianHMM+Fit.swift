import BarbellQuant

/// Settings of Baum-Welch training (hmmlearn's defaults).
public struct HMMFitOptions: Sendable, Equatable {
    /// Iteration cap (hmmlearn `n_iter`).
    public var maxIterations: Int
    /// Stop when the log-likelihood gains less than this between iterations (hmmlearn `tol`);
    /// `-.infinity` runs all ``maxIterations``.
    public var tolerance: Double
    /// Variance floor: a state whose variance falls below it (collapse onto few points) is
    /// floored here and reported in ``HMMFit/flooredStates`` (hmmlearn `min_covar`).
    public var minCovariance: Double

    /// Options with hmmlearn's defaults: 10 iterations, tolerance 0.01, floor 1e-3.
    public init(maxIterations: Int = 10, tolerance: Double = 1e-2, minCovariance: Double = 1e-3) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.minCovariance = minCovariance
    }
}

/// A state whose variance collapsed below the floor during EM.
public struct HMMVarianceFloor: Sendable, Equatable {
    /// EM iteration (0-based) whose M-step produced the collapse.
    public let iteration: Int
    /// The collapsed state.
    public let state: Int
}

/// The result of Baum-Welch training.
public struct HMMFit: Sendable, Equatable {
    /// The model after the last M-step.
    public let model: GaussianHMM
    /// Log-likelihood of the data under the parameters entering each iteration (hmmlearn's
    /// `monitor_.history`): entry `i` is evaluated before the `i`-th M-step.
    public let logLikelihoodHistory: [Double]
    /// Whether the gain fell below the tolerance (false when the iteration cap stopped EM, unlike
    /// hmmlearn's `monitor_.converged`, which is also true at the cap).
    public let converged: Bool
    /// Log-likelihood of the data under the returned ``model`` (one more forward pass).
    public let logLikelihood: Double
    /// States floored at ``HMMFitOptions/minCovariance`` (empty when none collapsed).
    public let flooredStates: [HMMVarianceFloor]
}

extension GaussianHMM {
    /// Baum-Welch (EM) from this model's parameters, with hmmlearn 0.3.3's M-step at its default
    /// priors: Dirichlet(1) on start and transition rows (plain normalised counts), a zero-weight
    /// prior on the means, and covariance prior 0.01 with weight 1, i.e.
    /// `Σ_k = (0.01 + Σ_t γ_tk (x_t − μ_k)(x_t − μ_k)ᵀ) / max(Σ_t γ_tk, 1e-5)`
    /// (0.01 added to every entry for full covariance, as hmmlearn broadcasts it; tied pools the
    /// numerators over states and divides by the total mass; spherical averages the diagonal).
    /// States that collapse are floored at ``HMMFitOptions/minCovariance`` and reported.
    ///
    /// - Throws: the observation errors of ``score(_:)``, `.insufficientData` for fewer than
    ///   `stateCount × dimension` rows, `.invalidArgument` for a constant feature or bad options.
    public func fitted(to observations: [[Double]], options: HMMFitOptions = HMMFitOptions()) throws -> HMMFit {
        guard options.maxIterations >= 1 else { throw RegimeError(.invalidArgument, "maxIterations = \(options.maxIterations): expected ≥ 1") }
        // −∞ (hmmlearn `tol=-np.inf`) runs every iteration: with tolerance 0 EM stops at the first
        // rounding-level decrease of the log-likelihood once it has converged.
        guard options.tolerance >= 0 || options.tolerance == -.infinity, !options.tolerance.isNaN else {
            throw RegimeError(.invalidArgument, "tolerance = \(options.tolerance): expected a value ≥ 0 or −∞")
        }
        guard options.minCovariance > 0, options.minCovariance.isFinite else { throw RegimeError(.invalidArgument, "minCovariance = \(options.minCovariance): expected a finite value > 0") }
        let x = try HMMObservations(observations, expectedDimension: dimension)
        try x.checkFittable(states: stateCount)
        var model = self
        var history = [Double]()
        var floors = [HMMVarianceFloor]()
        var converged = false
        var workspace = HMMWorkspace(n: x.count, k: stateCount, d: dimension, rowOutputs: false)
        var statistics = GaussianHMMStatistics(k: stateCount, d: dimension, outer: covarianceType == .full || covarianceType == .tied)
        for iteration in 0..<options.maxIterations {
            let ll = try HMMKernel(model).expectation(x, into: &workspace, statistics: &statistics)
            history.append(ll)
            model = try model.maximised(statistics, workspace.xi, floor: options.minCovariance, iteration: iteration, floors: &floors)
            if history.count >= 2 && history[history.count - 1] - history[history.count - 2] < options.tolerance {
                converged = true
                break
            }
        }
        return HMMFit(model: model, logLikelihoodHistory: history, converged: converged,
                      logLikelihood: try HMMKernel(model).filter(x).logLikelihood, flooredStates: floors)
    }

    /// hmmlearn's M-step from the E-step's sufficient statistics and transition counts.
    func maximised(_ st: GaussianHMMStatistics, _ transitionCounts: [Double], floor: Double, iteration: Int,
                   floors: inout [HMMVarianceFloor]) throws -> GaussianHMM {
        let k = stateCount, d = dimension
        // Start and transitions: normalised expected counts, keeping structural zeros at zero.
        var start = (0..<k).map { startProbabilities[$0] == 0 ? 0 : max(st.first($0), 0) }
        let s0 = start.reduce(0, +)
        start = start.map { $0 / s0 }
        var trans = [[Double]]()
        for i in 0..<k {
            var row = (0..<k).map { transitionMatrix[i][$0] == 0 ? 0 : max(transitionCounts[i * k + $0], 0) }
            var s = row.reduce(0, +)
            if s == 0 { s = 1 }
            row = row.map { $0 / s }
            trans.append(row)
        }
        let post = (0..<k).map { st.mass($0) }
        let prior = 0.01
        var means = [[Double]](), covs = [[[Double]]]()
        var tiedSum = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for s in 0..<k {
            let mu = (0..<d).map { st.sum(s, $0) / post[s] }
            let denom = max(post[s], 1e-5)
            var c = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            switch covarianceType {
            case .diag, .spherical:
                var diag = (0..<d).map { i in
                    (prior + (st.square(s, i) - 2 * mu[i] * st.sum(s, i) + mu[i] * mu[i] * post[s])) / denom
                }
                if covarianceType == .spherical {
                    let m = diag.reduce(0, +) / Double(d)
                    diag = [Double](repeating: m, count: d)
                }
                for i in 0..<d { c[i][i] = diag[i] }
            case .full, .tied:
                for i in 0..<d {
                    for j in 0..<d {
                        let cn = st.product(s, i, j) - st.sum(s, i) * mu[j] - mu[i] * st.sum(s, j) + mu[i] * mu[j] * post[s]
                        c[i][j] = (prior + cn) / denom
                        tiedSum[i][j] += cn
                    }
                }
                if covarianceType == .tied {
                    // hmmlearn: (prior + Σ_k c_n,k) / Σ_k Σ_t γ_tk, one matrix for all states.
                    let total = post.reduce(0, +)
                    if s == k - 1 { for i in 0..<d { for j in 0..<d { tiedSum[i][j] = (prior + tiedSum[i][j]) / total } } }
                }
                // Symmetrise exactly: the two triangles differ only by rounding.
                for i in 0..<d { for j in 0..<i { c[j][i] = c[i][j] } }
            }
            var meanRow = mu
            if !meanRow.allSatisfy(\.isFinite) { meanRow = self.means[s] }   // no posterior mass: keep the mean
            means.append(meanRow)
            if covarianceType == .tied { continue }
            if floored(&c, floor) { floors.append(HMMVarianceFloor(iteration: iteration, state: s)) }
            covs.append(c)
        }
        if covarianceType == .tied {
            for i in 0..<d { for j in 0..<i { tiedSum[j][i] = tiedSum[i][j] } }
            if floored(&tiedSum, floor) {
                for s in 0..<k { floors.append(HMMVarianceFloor(iteration: iteration, state: s)) }
            }
            covs = [[[Double]]](repeating: tiedSum, count: k)
        }
        return try GaussianHMM(covarianceType: covarianceType, startProbabilities: start, transitionMatrix: trans,
                               means: means, covariances: covs)
    }

    /// Applies the variance floor to one covariance matrix; true when it had to (a collapsed state).
    /// Non-finite entries (no posterior mass) restart from `floor · I`; a diagonal entry below the
    /// floor is raised to it with its row and column zeroed; a full matrix that lost positive
    /// definiteness gets `floor` added to its diagonal.
    private func floored(_ c: inout [[Double]], _ floor: Double) -> Bool {
        let d = c.count
        if !c.allSatisfy({ $0.allSatisfy(\.isFinite) }) {
            c = (0..<d).map { i in (0..<d).map { i == $0 ? floor : 0 } }
            return true
        }
        var collapsed = false
        for i in 0..<d where c[i][i] < floor {
            collapsed = true
            for j in 0..<d where j != i { c[i][j] = 0; c[j][i] = 0 }
            c[i][i] = floor
        }
        if covarianceType == .spherical, collapsed { for i in 0..<d { c[i][i] = floor } }
        if choleskyLower(c.flatMap { $0 }, d) == nil {
            collapsed = true
            for i in 0..<d { c[i][i] += floor }
        }
        return collapsed
    }
}
