/// The Black-Litterman model as PyPortfolioOpt's `BlackLittermanModel`: a prior of expected
/// returns (typically market-implied), views `P·μ = Q` with uncertainty `Ω`, and the posterior
/// returns and covariance that blend them (He & Litterman, "The intuition behind Black-Litterman
/// model portfolios", 1999; Idzorek, "A step-by-step guide to the Black-Litterman model", 2005).
public struct BlackLittermanModel: Sendable {
    /// How the views' uncertainty `Ω` is set.
    public enum ViewUncertainty: Sendable {
        /// He-Litterman's default `Ω = diag(τ·P·Σ·Pᵀ)`.
        case proportionalToPrior
        /// Idzorek's method: per-view confidence `c ∈ [0, 1]` gives `ωₖ = τ·(1 − c)/c·pₖᵀΣpₖ`
        /// (`c = 0` gives PyPortfolioOpt's 1e6).
        case idzorek(confidences: [Double])
        /// An explicit `k × k` matrix.
        case matrix(Matrix)
    }

    /// The prior covariance `Σ`.
    public let covariance: Matrix
    /// The prior returns `π`.
    public let prior: [Double]
    /// The picking matrix `P` (a row per view).
    public let picking: Matrix
    /// The views' returns `Q`.
    public let views: [Double]
    /// The prior's uncertainty scale `τ`.
    public let tau: Double
    /// The `Ω` used.
    public let omega: Matrix
    /// `π + τΣPᵀ(PτΣPᵀ + Ω)⁻¹(Q − Pπ)`.
    public let posteriorReturns: [Double]
    /// `Σ + τΣ − τΣPᵀ(PτΣPᵀ + Ω)⁻¹PτΣ`.
    public let posteriorCovariance: Matrix

    /// - Parameters:
    ///   - covariance: the (annualised) `n × n` covariance `Σ`.
    ///   - prior: prior expected returns `π` (e.g. ``marketImpliedPriorReturns(marketCaps:riskAversion:covariance:riskFreeRate:)``).
    ///   - picking: the `k × n` picking matrix `P` (a row per view).
    ///   - views: the `k` view returns `Q`.
    ///   - tau: the prior's uncertainty scale (PyPortfolioOpt's default 0.05).
    public init(covariance: Matrix, prior: [Double], picking: Matrix, views: [Double],
                uncertainty: ViewUncertainty = .proportionalToPrior, tau: Double = 0.05) throws {
        let n = prior.count, k = views.count
        guard covariance.rows == n, covariance.columns == n, n >= 1 else {
            throw QuantError(.shapeMismatch, "a prior of \(n) returns needs an \(n)×\(n) covariance, got \(covariance.rows)×\(covariance.columns)")
        }
        guard picking.rows == k, picking.columns == n, k >= 1 else {
            throw QuantError(.shapeMismatch, "\(k) views on \(n) assets need a \(k)×\(n) picking matrix, got \(picking.rows)×\(picking.columns)")
        }
        guard tau > 0, tau <= 1 else { throw QuantError(.invalidArgument, "tau must be in (0, 1], got \(tau)") }
        for (name, v) in [("prior", prior), ("views", views), ("covariance", covariance.values), ("picking matrix", picking.values)] {
            if let i = v.firstIndex(where: { !$0.isFinite }) { throw QuantError(.nonFinite, "\(name)[\(i)] is \(v[i])") }
        }
        let tauSigmaPt = try covariance.multiplied(by: picking.transposed).scaled(tau)   // n × k
        let pTauSigmaPt = try picking.multiplied(by: tauSigmaPt)                         // k × k
        var omega: Matrix
        switch uncertainty {
        case .proportionalToPrior:
            omega = Matrix.identity(k)
            for i in 0..<k { omega[i, i] = pTauSigmaPt[i, i] }
        case .idzorek(let confidences):
            guard confidences.count == k else {
                throw QuantError(.shapeMismatch, "\(k) views need \(k) confidences, got \(confidences.count)")
            }
            omega = Matrix.identity(k)
            for i in 0..<k {
                let c = confidences[i]
                guard c >= 0, c <= 1 else { throw QuantError(.invalidArgument, "view \(i)'s confidence must be in [0, 1], got \(c)") }
                omega[i, i] = c == 0 ? 1e6 : (1 - c) / c * pTauSigmaPt[i, i]
            }
        case .matrix(let m):
            guard m.rows == k, m.columns == k else {
                throw QuantError(.shapeMismatch, "\(k) views need a \(k)×\(k) Ω, got \(m.rows)×\(m.columns)")
            }
            omega = m
        }
        var a = pTauSigmaPt
        for i in a.values.indices { a.values[i] += omega.values[i] }
        let pPi = try picking.multiplied(by: prior)
        let gap = (0..<k).map { views[$0] - pPi[$0] }
        let solved: [Double], m: Matrix
        do {
            solved = try a.solve(gap)
            m = try a.solve(tauSigmaPt.transposed)                                           // k × n
        } catch let error as QuantError where error.code == .singularMatrix {
            throw QuantError(.singularMatrix, "PτΣPᵀ + Ω is singular: two views are the same combination of assets with no uncertainty (\(error.message))")
        }
        let shift = try tauSigmaPt.multiplied(by: solved)
        posteriorReturns = (0..<n).map { prior[$0] + shift[$0] }
        let correction = try tauSigmaPt.multiplied(by: m)
        var post = covariance
        for i in 0..<n {
            for j in 0..<n { post[i, j] = covariance[i, j] * (1 + tau) - correction[i, j] }
        }
        self.covariance = covariance
        self.prior = prior
        self.picking = picking
        self.views = views
        self.tau = tau
        self.omega = omega
        self.posteriorCovariance = post
    }

    /// The unconstrained optimal weights for the posterior returns, `(δΣ)⁻¹μ_BL` normalised to
    /// sum to 1 (PyPortfolioOpt's `bl_weights`, which uses the prior covariance).
    public func weights(riskAversion: Double) throws -> [Double] {
        guard riskAversion > 0, riskAversion.isFinite else {
            throw QuantError(.invalidArgument, "the risk aversion must be positive, got \(riskAversion)")
        }
        let raw = try covariance.scaled(riskAversion).solve(posteriorReturns)
        let total = raw.reduce(0, +)
        guard abs(total) > 1e-300 else { throw QuantError(.invalidArgument, "the posterior's optimal weights sum to 0 and cannot be normalised") }
        return raw.map { $0 / total }
    }

    /// The returns implied by market-capitalisation weights `w_m`: `δ·Σ·w_m + r_f`
    /// (PyPortfolioOpt's `market_implied_prior_returns`).
    public static func marketImpliedPriorReturns(marketCaps: [Double], riskAversion: Double, covariance: Matrix, riskFreeRate: Double = 0) throws -> [Double] {
        guard marketCaps.count == covariance.rows, covariance.isSquare else {
            throw QuantError(.shapeMismatch, "\(marketCaps.count) market caps need a \(marketCaps.count)×\(marketCaps.count) covariance, got \(covariance.rows)×\(covariance.columns)")
        }
        if let i = marketCaps.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw QuantError(.invalidArgument, "market cap \(i) is \(marketCaps[i]); caps must be finite and ≥ 0")
        }
        let total = marketCaps.reduce(0, +)
        guard total > 0 else { throw QuantError(.invalidArgument, "the market caps sum to 0") }
        let implied = try covariance.multiplied(by: marketCaps.map { $0 / total })
        return implied.map { riskAversion * $0 + riskFreeRate }
    }

    /// The market's risk aversion `δ = (E[r] − r_f) / Var[r]` from its prices, both annualised
    /// with `frequency` (PyPortfolioOpt's `market_implied_risk_aversion`; sample variance).
    public static func marketImpliedRiskAversion(marketPrices: [Double], frequency: Double = 252, riskFreeRate: Double = 0) throws -> Double {
        let prices = marketPrices.filter { !$0.isNaN }
        let returns = try ExpectedReturns.returns(fromPrices: Matrix(rows: prices.count, columns: 1, values: prices)).values
        guard returns.count >= 2 else { throw QuantError(.insufficientData, "the market's risk aversion needs at least 3 prices, got \(prices.count)") }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
        guard variance > 0 else { throw QuantError(.invalidArgument, "the market prices do not move; the risk aversion is undefined") }
        return (mean * frequency - riskFreeRate) / (variance * frequency)
    }
}

extension Matrix {
    func scaled(_ s: Double) -> Matrix {
        Matrix(uncheckedRows: rows, columns: columns, values: values.map { $0 * s })
    }
}
