/// The annualised covariance estimators a portfolio optimisation can use, with
/// PyPortfolioOpt's `risk_models` definitions, and how each treats missing returns.
///
/// Missing returns (NaN: a listing that starts later, a gap) are handled explicitly, never
/// silently dropped row-wise:
/// - ``sample``: pairwise-complete, as pandas' `DataFrame.cov` (each pair of assets uses the
///   dates both have, with that window's means); the result may be indefinite, which the
///   optimisers then report (or repair when asked to regularise).
/// - ``exponential``: pairwise, as PyPortfolioOpt's `exp_cov` (each asset demeaned over its own
///   returns, the products of a pair weighted by their absolute age and normalised over the
///   dates both have).
/// - ``ledoitWolf``: missing returns count as 0, as PyPortfolioOpt's `CovarianceShrinkage`
///   (`np.nan_to_num`) does.
public enum PortfolioRiskModel: String, Sendable, CaseIterable {
    /// Sample covariance (`n − 1`), pairwise on gapped returns.
    case sample
    /// Ledoit-Wolf shrinkage towards the scaled identity.
    case ledoitWolf = "ledoit_wolf"
    /// Exponentially weighted (PyPortfolioOpt's `exp_cov`), pairwise on gapped returns.
    case exponential = "exp"

    /// The covariance of `returns` (rows are dates, columns assets, NaN where missing) times
    /// `frequency` (252 for daily returns). `span` is the exponential model's (PyPortfolioOpt's
    /// default 180).
    public func covariance(returns: Matrix, frequency: Double = 252, span: Double = 180) throws -> Matrix {
        guard frequency > 0, frequency.isFinite else { throw QuantError(.invalidArgument, "frequency must be positive, got \(frequency)") }
        let complete = !returns.values.contains { $0.isNaN }
        var out: Matrix
        switch self {
        case .sample:
            out = complete ? try Covariance.sample(returns) : try PairwiseMoments(returns).covariance()
        case .exponential:
            out = complete ? try Covariance.exponentiallyWeighted(returns, span: span)
                : try PairwiseMoments(returns).exponentialCovariance(span: span)
        case .ledoitWolf:
            var filled = returns
            for k in filled.values.indices where filled.values[k].isNaN { filled.values[k] = 0 }
            out = try Covariance.ledoitWolf(filled).matrix
        }
        for k in out.values.indices { out.values[k] *= frequency }
        return out
    }
}

/// Pairwise-complete moments of returns with NaN gaps (pandas' `cov`/`corr` with missing data).
struct PairwiseMoments {
    let returns: Matrix

    init(_ returns: Matrix) throws {
        guard returns.columns >= 1 else { throw QuantError(.shapeMismatch, "the returns have no assets (columns)") }
        if let k = returns.values.firstIndex(where: { $0.isInfinite }) {
            throw QuantError(.nonFinite, "return at row \(k / returns.columns), asset \(k % returns.columns) is infinite")
        }
        self.returns = returns
    }

    /// Sums over the dates where both assets have a return: count, means, centred cross moments.
    private func pair(_ i: Int, _ j: Int) throws -> (count: Int, sxy: Double, sxx: Double, syy: Double) {
        var n = 0, mx = 0.0, my = 0.0
        for t in 0..<returns.rows {
            let x = returns[t, i], y = returns[t, j]
            if x.isNaN || y.isNaN { continue }
            n += 1; mx += x; my += y
        }
        guard n >= 2 else {
            throw QuantError(.insufficientData, "assets \(i) and \(j) share \(n) dates with returns; a covariance needs at least 2")
        }
        mx /= Double(n); my /= Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for t in 0..<returns.rows {
            let x = returns[t, i], y = returns[t, j]
            if x.isNaN || y.isNaN { continue }
            sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my)
        }
        return (n, sxy, sxx, syy)
    }

    /// Pairwise sample covariance (`n_ij − 1` denominator).
    func covariance() throws -> Matrix {
        let p = returns.columns
        var out = Matrix.identity(p)
        for i in 0..<p {
            for j in i..<p {
                let s = try pair(i, j)
                out[i, j] = s.sxy / Double(s.count - 1)
                out[j, i] = out[i, j]
            }
        }
        return out
    }

    /// Pairwise correlation: each pair's own means and variances (pandas' `corr`).
    func correlation() throws -> Matrix {
        let p = returns.columns
        var out = Matrix.identity(p)
        for i in 0..<p {
            for j in (i + 1)..<max(i + 1, p) {
                let s = try pair(i, j)
                guard s.sxx > 0, s.syy > 0 else {
                    throw QuantError(.invalidArgument, "asset \(s.sxx > 0 ? j : i) does not move over the dates it shares with asset \(s.sxx > 0 ? i : j); a correlation needs variance")
                }
                out[i, j] = s.sxy / (s.sxx * s.syy).squareRoot()
                out[j, i] = out[i, j]
            }
        }
        return out
    }

    /// PyPortfolioOpt's `exp_cov` on gapped returns (see ``PortfolioRiskModel/exponential``).
    func exponentialCovariance(span: Double) throws -> Matrix {
        guard span >= 1, span.isFinite else { throw QuantError(.invalidArgument, "span must be ≥ 1, got \(span)") }
        let p = returns.columns, rows = returns.rows
        let means = (0..<p).map { j -> Double in
            let r = returns.column(j).filter { !$0.isNaN }
            return r.reduce(0, +) / Double(max(r.count, 1))
        }
        let decay = 1 - 2 / (span + 1)
        var weights = [Double](repeating: 0, count: rows)
        var w = 1.0
        for t in stride(from: rows - 1, through: 0, by: -1) { weights[t] = w; w *= decay }
        var out = Matrix.identity(p)
        for i in 0..<p {
            for j in i..<p {
                var num = 0.0, den = 0.0
                for t in 0..<rows {
                    let x = returns[t, i], y = returns[t, j]
                    if x.isNaN || y.isNaN { continue }
                    num += weights[t] * (x - means[i]) * (y - means[j]); den += weights[t]
                }
                guard den > 0 else { throw QuantError(.insufficientData, "assets \(i) and \(j) share no dates with returns") }
                out[i, j] = num / den
                out[j, i] = out[i, j]
            }
        }
        return out
    }
}
