import Foundation

/// Returns from prices and annualised expected returns, with PyPortfolioOpt's definitions
/// (`expected_returns.returns_from_prices` and `mean_historical_return`).
///
/// Prices are a `Matrix` with one row per date (oldest first) and one column per asset. A
/// missing price is NaN; a listing that starts later has leading NaN. Such gaps are kept as NaN
/// returns (pandas' `pct_change(fill_method=None)`), and each estimate uses the returns each
/// asset (or pair of assets) has: see ``PortfolioRiskModel`` for how the covariance treats them.
public enum ExpectedReturns {
    /// Simple returns `p[t] / p[t−1] − 1`, NaN where either price is missing, with the rows
    /// where every return is missing dropped (PyPortfolioOpt's `returns_from_prices`:
    /// `pct_change(fill_method=None).dropna(how="all")`).
    ///
    /// - Throws: `invalidArgument` for a non-positive or infinite price (naming the asset and
    ///   row), `insufficientData` for fewer than 2 rows or an asset with no return at all.
    public static func returns(fromPrices prices: Matrix, logReturns: Bool = false) throws -> Matrix {
        guard prices.columns >= 1 else { throw QuantError(.shapeMismatch, "the prices have no assets (columns)") }
        guard prices.rows >= 2 else {
            throw QuantError(.insufficientData, "returns need at least 2 price rows, got \(prices.rows)")
        }
        let n = prices.columns
        for (k, p) in prices.values.enumerated() where !p.isNaN && !(p > 0 && p.isFinite) {
            throw QuantError(.invalidArgument, "price of asset \(k % n) at row \(k / n) is \(p); prices must be positive (NaN marks a missing price)")
        }
        var out: [Double] = []
        out.reserveCapacity((prices.rows - 1) * n)
        for t in 1..<prices.rows {
            var row = [Double](repeating: .nan, count: n)
            var any = false
            for j in 0..<n {
                let p0 = prices[t - 1, j], p1 = prices[t, j]
                if p0.isNaN || p1.isNaN { continue }
                row[j] = logReturns ? Foundation.log(p1 / p0) : p1 / p0 - 1
                any = true
            }
            if any { out += row }
        }
        let returns = Matrix(uncheckedRows: out.count / n, columns: n, values: out)
        if let j = (0..<n).first(where: { j in !(0..<returns.rows).contains { returns[$0, j].isFinite } }) {
            throw QuantError(.insufficientData, "asset \(j) has no two consecutive prices, so no return")
        }
        return returns
    }

    /// The annualised mean historical return of each asset from its (possibly NaN-gapped)
    /// returns: compounded `(Π(1 + r))^(frequency / count) − 1` (PyPortfolioOpt's default) or
    /// the arithmetic `mean(r) · frequency`, each over the returns the asset has.
    public static func meanHistorical(returns: Matrix, frequency: Double = 252, compounding: Bool = true) throws -> [Double] {
        guard frequency > 0, frequency.isFinite else { throw QuantError(.invalidArgument, "frequency must be positive, got \(frequency)") }
        if let k = returns.values.firstIndex(where: { $0.isInfinite }) {
            throw QuantError(.nonFinite, "return at row \(k / returns.columns), asset \(k % returns.columns) is infinite")
        }
        return try (0..<returns.columns).map { j in
            let r = returns.column(j).filter { !$0.isNaN }
            guard !r.isEmpty else { throw QuantError(.insufficientData, "asset \(j) has no returns") }
            if compounding {
                // Σ log(1 + r) rather than the product, so thousands of days cannot overflow.
                let growth = r.reduce(0.0) { $0 + Foundation.log1p($1) }
                return Foundation.expm1(growth * frequency / Double(r.count))
            }
            return r.reduce(0, +) / Double(r.count) * frequency
        }
    }

    /// ``meanHistorical(returns:frequency:compounding:)`` of ``returns(fromPrices:logReturns:)``.
    public static func meanHistorical(prices: Matrix, frequency: Double = 252, compounding: Bool = true) throws -> [Double] {
        try meanHistorical(returns: returns(fromPrices: prices), frequency: frequency, compounding: compounding)
    }
}
