import BarbellQuant
import Foundation

extension StudentTHMM {
    /// ECM training from this model's parameters: Peel & McLachlan's (2000) ECM for t mixtures
    /// with the mixing weights replaced by the Markov chain.
    ///
    /// Each iteration: the E-step fills the t log densities and runs ``HMMChain``'s
    /// forward-backward for the posteriors `γ_tk` and transition counts, and forms the weights
    /// `u_tk = (ν_k + d)/(ν_k + δ_tk)` (δ the squared Mahalanobis distance: outliers get small
    /// weights). CM-step 1: start and transitions as normalised expected counts (structural zeros
    /// stay zero, as in ``GaussianHMM/fitted(to:options:)``), `μ_k = Σ γu x / Σ γu`,
    /// `Σ_k = Σ γu (x − μ_k)(x − μ_k)ᵀ / Σ γ` (its diagonal for diag, mean diagonal for spherical,
    /// numerators pooled over states and divided by n for tied), with no prior. CM-step 2: each
    /// ν_k maximises the expected complete-data log-likelihood over
    /// ``StudentTHMMFitOptions/degreesOfFreedomRange`` (see ``StudentTDegreesOfFreedom``), unless
    /// ν is held fixed. Every step maximises its part of the expected log-likelihood, so the
    /// observed log-likelihood never decreases (ECM is a generalised EM). Scales that collapse
    /// are floored at ``StudentTHMMFitOptions/minCovariance`` and reported, never NaN.
    ///
    /// - Throws: the observation errors (`.insufficientData`, `.shapeMismatch`, `.nonFinite`),
    ///   `.insufficientData` for fewer than `stateCount × dimension` rows, `.invalidArgument` for
    ///   a constant feature or invalid options.
    public func fitted(to observations: [[Double]], options: StudentTHMMFitOptions = StudentTHMMFitOptions()) throws -> StudentTHMMFit {
        try options.validate()
        let x = try HMMObservations(observations, expectedDimension: dimension)
        try x.checkFittable(states: stateCount)
        var model = self
        var history = [Double]()
        var floors = [HMMVarianceFloor]()
        var converged = false
        var workspace = HMMWorkspace(n: x.count, k: stateCount, d: dimension)
        var delta = [Double]()
        for iteration in 0..<options.maxIterations {
            let kernel = StudentTKernel(model)
            kernel.fill(x, &workspace, delta: &delta)
            history.append(try kernel.chain.smooth(into: &workspace, wantTransitions: true))
            model = try model.maximised(x, workspace.gamma, workspace.xi, delta, options: options,
                                        iteration: iteration, floors: &floors)
            if history.count >= 2 && history[history.count - 1] - history[history.count - 2] < options.tolerance {
                converged = true
                break
            }
        }
        return StudentTHMMFit(model: model, logLikelihoodHistory: history, converged: converged,
                              logLikelihood: try model.forwardPass(x).logLikelihood, flooredStates: floors)
    }

    /// The CM-steps from the E-step's posteriors `γ` (n × k), transition counts (k × k) and
    /// squared Mahalanobis distances `δ` (n × k).
    func maximised(_ x: HMMObservations, _ gamma: [Double], _ transitionCounts: [Double], _ delta: [Double],
                   options: StudentTHMMFitOptions, iteration: Int, floors: inout [HMMVarianceFloor]) throws -> StudentTHMM {
        let k = stateCount, d = dimension, n = x.count, dd = Double(d)
        let (start, trans) = Self.chainUpdate(startProbabilities, transitionMatrix, gamma, transitionCounts)
        // Pass 1: Σγ, Σγu, Σγu x and Σγ(log u − u) per state.
        var mass = [Double](repeating: 0, count: k), weight = mass, logUMinusU = mass
        var weighted = [Double](repeating: 0, count: k * d)
        for t in 0..<n {
            for s in 0..<k {
                let g = gamma[t * k + s]
                let u = (degreesOfFreedom[s] + dd) / (degreesOfFreedom[s] + delta[t * k + s])
                let w = g * u
                mass[s] += g
                weight[s] += w
                logUMinusU[s] += g * (log(u) - u)
                for i in 0..<d { weighted[s * d + i] += w * x.values[t * d + i] }
            }
        }
        // A state without weight keeps its mean (its scale then fails the floor's finiteness test).
        let mu: [[Double]] = (0..<k).map { s in
            let m = (0..<d).map { weighted[s * d + $0] / weight[s] }
            return m.allSatisfy(\.isFinite) ? m : means[s]
        }
        // Pass 2: the weighted scatter about the new means (two passes: no cancellation).
        let outer = covarianceType == .full || covarianceType == .tied
        var scatter = [Double](repeating: 0, count: k * d * d)
        var r = [Double](repeating: 0, count: d)
        for t in 0..<n {
            for s in 0..<k {
                let w = gamma[t * k + s] * (degreesOfFreedom[s] + dd) / (degreesOfFreedom[s] + delta[t * k + s])
                for i in 0..<d { r[i] = x.values[t * d + i] - mu[s][i] }
                let base = s * d * d
                for i in 0..<d {
                    if outer {
                        for j in 0...i { scatter[base + i * d + j] += w * r[i] * r[j] }
                    } else {
                        scatter[base + i * d + i] += w * r[i] * r[i]
                    }
                }
            }
        }
        var scales = [[[Double]]]()
        for s in 0..<k {
            var c = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for i in 0..<d { for j in 0...i { c[i][j] = scatter[s * d * d + i * d + j] / mass[s]; c[j][i] = c[i][j] } }
            if covarianceType == .spherical {
                let m = (0..<d).reduce(0.0) { $0 + c[$1][$1] } / dd
                for i in 0..<d { c[i][i] = m }
            }
            scales.append(c)
        }
        if covarianceType == .tied {
            let total = mass.reduce(0, +)
            var c = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for s in 0..<k { for i in 0..<d { for j in 0...i { c[i][j] += scatter[s * d * d + i * d + j] } } }
            for i in 0..<d { for j in 0...i { c[i][j] /= total; c[j][i] = c[i][j] } }
            if floorScale(&c, options.minCovariance, spherical: false) {
                for s in 0..<k { floors.append(HMMVarianceFloor(iteration: iteration, state: s)) }
            }
            scales = [[[Double]]](repeating: c, count: k)
        } else {
            for s in 0..<k where floorScale(&scales[s], options.minCovariance, spherical: covarianceType == .spherical) {
                floors.append(HMMVarianceFloor(iteration: iteration, state: s))
            }
        }
        var nu = degreesOfFreedom
        if options.estimatesDegreesOfFreedom {
            for s in 0..<k {
                let c = StudentTDegreesOfFreedom.constant(mass: mass[s], logUMinusU: logUMinusU[s], previous: nu[s], dimension: d)
                nu[s] = StudentTDegreesOfFreedom.solve(c: c, range: options.degreesOfFreedomRange, previous: nu[s])
            }
        }
        return try StudentTHMM(covarianceType: covarianceType, startProbabilities: start, transitionMatrix: trans,
                               means: mu, scales: scales, degreesOfFreedom: nu)
    }

    /// Start and transition probabilities as normalised expected counts, keeping structural zeros
    /// at zero (``GaussianHMM``'s update, which depends on the chain only).
    static func chainUpdate(_ start0: [Double], _ trans0: [[Double]], _ gamma: [Double],
                            _ counts: [Double]) -> (start: [Double], transitions: [[Double]]) {
        let k = start0.count
        var start = (0..<k).map { start0[$0] == 0 ? 0 : max(gamma[$0], 0) }
        let s0 = start.reduce(0, +)
        start = start.map { $0 / s0 }
        let trans: [[Double]] = (0..<k).map { i in
            let row = (0..<k).map { trans0[i][$0] == 0 ? 0 : max(counts[i * k + $0], 0) }
            let s = row.reduce(0, +)
            return row.map { $0 / (s == 0 ? 1 : s) }
        }
        return (start, trans)
    }
}

/// The variance floor of ``GaussianHMM``'s Baum-Welch applied to a scale matrix; true when it had
/// to (a collapsed state). Non-finite entries (no posterior mass) restart from `floor · I`; a
/// diagonal entry below the floor is raised to it with its row and column zeroed (all entries
/// for spherical); a matrix that lost positive definiteness gets `floor` added to its diagonal.
func floorScale(_ c: inout [[Double]], _ floor: Double, spherical: Bool) -> Bool {
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
    if spherical, collapsed { for i in 0..<d { c[i][i] = floor } }
    if choleskyLower(c.flatMap { $0 }, d) == nil {
        collapsed = true
        for i in 0..<d { c[i][i] += floor }
    }
    return collapsed
}
