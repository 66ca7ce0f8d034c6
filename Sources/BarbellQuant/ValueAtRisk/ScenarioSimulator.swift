import BarbellData
import CLapack
import Dispatch
import Foundation

/// Seeded Monte Carlo scenarios of correlated asset returns, `r = μ + L z` with `Σ = L Lᵀ`
/// (Cholesky), for Monte Carlo VaR and fat-tailed stress tests.
///
/// **Reproducibility.** Scenarios are generated in fixed blocks of 4,096; block `b` draws from
/// `SplitMix64` started at `seed + b·2⁴⁰·γ` (γ the generator's increment), i.e. from its own
/// stretch of the one SplitMix64 sequence 2⁴⁰ draws long, so the result is bit-identical for a
/// seed whatever the number of threads. Normals are drawn by inversion; Student-t scenarios
/// divide each scenario's normal vector by `√(W/(ν−2))`, `W ~ χ²(ν)` (Marsaglia-Tsang), which
/// keeps the covariance equal to `Σ` and gives every asset the same heavy-tailed shock.
public struct ScenarioSimulator: Sendable {
    /// The distribution of one period's returns.
    public enum Distribution: Sendable, Equatable {
        case normal
        /// Multivariate Student-t with ν > 2 degrees of freedom, scaled to covariance Σ.
        case studentT(degreesOfFreedom: Double)
    }

    public var mean: [Double]
    /// The lower Cholesky factor of the covariance.
    let factor: Matrix
    public var distribution: Distribution

    static let blockSize = 4096

    /// - Throws: `shapeMismatch` when the mean and covariance disagree, `notPositiveDefinite`
    ///   when the covariance has no Cholesky factor (regularise it first with
    ///   ``Matrix/nearestPositiveDefinite(minimumEigenvalue:)``), `invalidArgument` for ν ≤ 2.
    public init(mean: [Double], covariance: Matrix, distribution: Distribution = .normal) throws {
        guard covariance.isSquare, covariance.rows == mean.count else {
            throw QuantError(.shapeMismatch, "\(mean.count) means need a \(mean.count)×\(mean.count) covariance, got \(covariance.rows)×\(covariance.columns)")
        }
        if case .studentT(let nu) = distribution, !(nu > 2) {
            throw QuantError(.invalidArgument, "Student-t scenarios need ν > 2 for a finite covariance, got \(nu)")
        }
        self.mean = mean
        self.factor = try covariance.cholesky()
        self.distribution = distribution
    }

    /// `count` scenarios of one period's returns, row-major (`count × assets`).
    public func scenarios(count: Int, seed: UInt64) -> Matrix {
        let n = mean.count
        var z = [Double](repeating: 0, count: count * n)
        let blocks = (count + Self.blockSize - 1) / Self.blockSize
        z.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let address = Int(bitPattern: base)
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                let out = UnsafeMutablePointer<Double>(bitPattern: address)!
                var generator = SplitMix64(seed: seed &+ UInt64(b) &* (0x9E37_79B9_7F4A_7C15 &<< 40))
                let start = b * Self.blockSize, end = min(count, start + Self.blockSize)
                for row in start..<end {
                    let p = out + row * n
                    for k in 0..<n { p[k] = StandardNormal.sample(using: &generator) }
                    if case .studentT(let nu) = distribution {
                        let w = GammaDraws.chiSquared(degreesOfFreedom: nu, using: &generator)
                        let s = ((nu - 2) / w).squareRoot()
                        for k in 0..<n { p[k] *= s }
                    }
                }
            }
        }
        // r = z Lᵀ + μ, one BLAS call over all scenarios.
        var r = [Double](repeating: 0, count: count * n)
        for row in 0..<count { for k in 0..<n { r[row * n + k] = mean[k] } }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(n), Int32(n),
                    1, z, Int32(n), factor.values, Int32(n), 1, &r, Int32(n))
        return Matrix(uncheckedRows: count, columns: n, values: r)
    }

    /// Portfolio returns `w·r` of `count` scenarios over `horizon` periods; horizons above one
    /// sum `horizon` independent one-period scenarios per path.
    ///
    /// The scenarios are the same draws as ``scenarios(count:seed:)`` makes (same blocks, same
    /// seeds, same order), but each is reduced on the fly as `w·μ + (Lᵀw)·z` — algebraically
    /// `w·(μ + Lz)` — so no `count × assets` matrix is ever written: the cost is the normal
    /// draws, and memory stays at one value per scenario.
    public func portfolioReturns(weights: [Double], count: Int, horizon: Int = 1, seed: UInt64) throws -> [Double] {
        let n = mean.count
        guard weights.count == n else {
            throw QuantError(.shapeMismatch, "\(weights.count) weights for \(n) assets")
        }
        guard count >= 1, horizon >= 1 else {
            throw QuantError(.invalidArgument, "scenario count (\(count)) and horizon (\(horizon)) must be at least 1")
        }
        // b = Lᵀw: the portfolio's loading on each independent shock.
        var loading = [Double](repeating: 0, count: n)
        for i in 0..<n { for k in 0...i { loading[k] += weights[i] * factor[i, k] } }
        let drift = zip(weights, mean).reduce(0) { $0 + $1.0 * $1.1 }
        let total = count * horizon
        var pnl = [Double](repeating: 0, count: total)
        let blocks = (total + Self.blockSize - 1) / Self.blockSize
        let distribution = self.distribution
        let b = loading
        pnl.withUnsafeMutableBufferPointer { buffer in
            let address = Int(bitPattern: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let out = UnsafeMutablePointer<Double>(bitPattern: address)!
                var generator = SplitMix64(seed: seed &+ UInt64(block) &* (0x9E37_79B9_7F4A_7C15 &<< 40))
                let start = block * Self.blockSize, end = min(total, start + Self.blockSize)
                for row in start..<end {
                    var shock = 0.0
                    for k in 0..<n { shock += b[k] * StandardNormal.sample(using: &generator) }
                    if case .studentT(let nu) = distribution {
                        shock *= ((nu - 2) / GammaDraws.chiSquared(degreesOfFreedom: nu, using: &generator)).squareRoot()
                    }
                    out[row] = drift + shock
                }
            }
        }
        guard horizon > 1 else { return pnl }
        return (0..<count).map { path in pnl[(path * horizon)..<((path + 1) * horizon)].reduce(0, +) }
    }
}

extension ValueAtRisk {
    /// Monte Carlo VaR and ES of a portfolio with weights `w` on assets with one-period mean
    /// returns `mean` and covariance `covariance`: the empirical quantile and tail mean of
    /// `scenarios` simulated portfolio returns (see ``ScenarioSimulator`` for the seeding).
    /// Horizons above one simulate paths of independent periods and sum them.
    public static func monteCarlo(weights: [Double], mean: [Double], covariance: Matrix, confidence: Double,
                                  horizon: Int = 1, scenarios: Int = 100_000,
                                  distribution: ScenarioSimulator.Distribution = .normal, seed: UInt64) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        let simulator = try ScenarioSimulator(mean: mean, covariance: covariance, distribution: distribution)
        let pnl = try simulator.portfolioReturns(weights: weights, count: scenarios, horizon: horizon, seed: seed)
        var estimate = try historical(pnl, confidence: confidence)
        estimate.method = "monte_carlo"
        estimate.horizon = horizon
        estimate.horizonScaling = horizon == 1 ? HorizonScaling.none : HorizonScaling.simulatedPaths
        return estimate
    }
}
