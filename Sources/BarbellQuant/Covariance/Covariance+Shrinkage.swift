import CLapack

extension Covariance {
    /// Ledoit-Wolf shrinkage towards the scaled identity `μ·I`, `μ = tr(S)/p` (Ledoit & Wolf,
    /// "A well-conditioned estimator for large-dimensional covariance matrices", *J. Multivariate
    /// Anal.* 88, 2004), as scikit-learn's `ledoit_wolf` (and PyPortfolioOpt's
    /// `ledoit_wolf(shrinkage_target="constant_variance")`) computes it: `S` is the empirical
    /// covariance with `n` in the denominator.
    public static func ledoitWolf(_ returns: Matrix) throws -> Shrunk {
        let x = try Centered(returns, minimumRows: 2)
        let n = Double(x.rows), p = x.columns
        let empirical = x.crossProduct(scale: 1 / n)
        let mu = (0..<p).reduce(0.0) { $0 + empirical[$1, $1] } / Double(p)
        // β: Σ_t (Σ_i x_ti²)² / n − ‖XᵀX‖²/n², over n·p; δ: ‖S − μI‖² / p.
        var rowSquares = [Double](repeating: 0, count: x.rows)
        for j in 0..<p {
            for (t, v) in x.column(j).enumerated() { rowSquares[t] += v * v }
        }
        let fourth = rowSquares.reduce(0) { $0 + $1 * $1 }
        let squaredCross = empirical.values.reduce(0) { $0 + $1 * $1 }       // ‖XᵀX‖²/n²
        var beta = (fourth / n - squaredCross) / (Double(p) * n)
        let delta = (squaredCross - Double(p) * mu * mu) / Double(p)           // (‖S‖² − 2μ·tr S + pμ²)/p
        beta = min(beta, delta)
        let shrinkage = beta == 0 ? 0 : beta / delta
        return Shrunk(matrix: blend(empirical, towardsIdentity: mu, shrinkage), shrinkage: shrinkage)
    }

    /// Oracle approximating shrinkage towards `μ·I` (Chen, Wiesel, Eldar & Hero, "Shrinkage
    /// algorithms for MMSE covariance estimation", *IEEE Trans. Signal Process.* 58, 2010), as
    /// scikit-learn's `oas` computes it (its eq. 23 without the 2/p factor).
    public static func oracleApproximatingShrinkage(_ returns: Matrix) throws -> Shrunk {
        let x = try Centered(returns, minimumRows: 2)
        let n = Double(x.rows), p = Double(x.columns)
        let empirical = x.crossProduct(scale: 1 / n)
        let alpha = empirical.values.reduce(0) { $0 + $1 * $1 } / Double(empirical.values.count)
        let mu = (0..<x.columns).reduce(0.0) { $0 + empirical[$1, $1] } / p
        let numerator = alpha + mu * mu
        let denominator = (n + 1) * (alpha - mu * mu / p)
        let shrinkage = denominator == 0 ? 1 : min(numerator / denominator, 1)
        return Shrunk(matrix: blend(empirical, towardsIdentity: mu, shrinkage), shrinkage: shrinkage)
    }

    /// Ledoit-Wolf shrinkage towards the constant-correlation matrix (Ledoit & Wolf, "Honey, I
    /// shrunk the sample covariance matrix", *J. Portfolio Management* 30(4), 2004), as
    /// PyPortfolioOpt's `ledoit_wolf(shrinkage_target="constant_correlation")` computes it:
    /// `S` is the sample covariance with `n − 1` in the denominator, the moments use `n`.
    public static func ledoitWolfConstantCorrelation(_ returns: Matrix) throws -> Shrunk {
        let x = try Centered(returns, minimumRows: 2)
        let t = Double(x.rows), p = x.columns
        guard p >= 2 else { throw QuantError(.invalidArgument, "a constant-correlation target needs at least 2 assets, got \(p)") }
        let s = x.crossProduct(scale: 1 / (t - 1))
        let variance = (0..<p).map { s[$0, $0] }
        let deviation = variance.map { $0.squareRoot() }
        if let j = deviation.firstIndex(where: { !($0 > 0) }) {
            throw QuantError(.invalidArgument, "asset \(j) has zero variance; a constant-correlation target needs every asset to move")
        }
        var correlationSum = 0.0
        for i in 0..<p { for j in 0..<p { correlationSum += s[i, j] / (deviation[i] * deviation[j]) } }
        let meanCorrelation = (correlationSum - Double(p)) / Double(p * (p - 1))
        var target = s
        for i in 0..<p {
            for j in 0..<p { target[i, j] = i == j ? variance[i] : meanCorrelation * deviation[i] * deviation[j] }
        }
        // π: Σ_ij of E[(x_i x_j − s_ij)²] estimates; ρ: its diagonal plus the off-diagonal
        // θ terms; γ: ‖S − F‖². The fourth moments are BLAS products, as PyPortfolioOpt's
        // `(y.T @ y)` and `(Xm**3).T @ Xm`.
        let help = x.crossProduct(scale: 1 / t)              // XmᵀXm / t
        let squares = x.values.map { $0 * $0 }, cubes = x.values.map { $0 * $0 * $0 }
        let fourth = Centered.gram(squares, rows: p, length: x.rows, scale: 1 / t)                  // (Xm²)ᵀXm² / t
        let thirdFirst = Centered.product(cubes, x.values, rows: p, length: x.rows, scale: 1 / t)   // (Xm³)ᵀXm / t
        var piHat = 0.0, piDiagonal = 0.0, thetaSum = 0.0
        for i in 0..<p {
            for j in 0..<p {
                let pi = fourth[i, j] - 2 * (help[i, j] * t) * s[i, j] / t + s[i, j] * s[i, j]
                piHat += pi
                if i == j {
                    piDiagonal += pi
                } else {
                    let theta = thirdFirst[i, j] - help[i, i] * s[i, j] - help[i, j] * variance[i] + variance[i] * s[i, j]
                    thetaSum += deviation[j] / deviation[i] * theta
                }
            }
        }
        let rhoHat = piDiagonal + meanCorrelation * thetaSum
        var gammaHat = 0.0
        for k in s.values.indices { let d = s.values[k] - target.values[k]; gammaHat += d * d }
        let kappa = (piHat - rhoHat) / gammaHat
        let shrinkage = max(0, min(1, kappa / t))
        var out = s
        for k in out.values.indices { out.values[k] = shrinkage * target.values[k] + (1 - shrinkage) * s.values[k] }
        return Shrunk(matrix: out, shrinkage: shrinkage)
    }

    /// `(1 − s)·S + s·μ·I`.
    private static func blend(_ empirical: Matrix, towardsIdentity mu: Double, _ shrinkage: Double) -> Matrix {
        var out = empirical
        for k in out.values.indices { out.values[k] *= 1 - shrinkage }
        for i in 0..<out.rows { out[i, i] += shrinkage * mu }
        return out
    }
}
