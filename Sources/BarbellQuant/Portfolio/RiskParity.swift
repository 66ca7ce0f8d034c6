/// Equal-risk-contribution (risk parity) portfolios: long-only weights whose risk contributions
/// `wᵢ(Σw)ᵢ` are proportional to budgets `bᵢ` (equal by default; Maillard, Roncalli & Teïletche,
/// "The properties of equally weighted risk contribution portfolios", *J. Portfolio
/// Management* 36(4), 2010).
///
/// Solved as the strictly convex problem `min ½xᵀΣx − Σ bᵢ log xᵢ` (Spinu, 2013), whose
/// minimiser normalised to sum 1 is the answer, by cyclical coordinate descent (Griveau-Billion,
/// Richard & Roncalli, 2013): each coordinate's minimiser is a quadratic's positive root.
public enum RiskParity {
    /// The weights and the largest relative deviation of a risk contribution from its budget.
    public static func optimize(covariance: Matrix, budgets: [Double]? = nil, tolerance: Double = 1e-12,
                                maxSweeps: Int = 10_000) throws -> (weights: [Double], maxBudgetError: Double) {
        let n = covariance.rows
        guard covariance.isSquare, n >= 1 else {
            throw QuantError(.shapeMismatch, "risk parity needs a square covariance, got \(covariance.rows)×\(covariance.columns)")
        }
        if let k = covariance.values.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "covariance entry (\(k / n), \(k % n)) is \(covariance.values[k])")
        }
        if let j = (0..<n).first(where: { !(covariance[$0, $0] > 0) }) {
            throw QuantError(.invalidArgument, "asset \(j) has variance \(covariance[j, j]); risk parity needs positive variances")
        }
        let b = budgets ?? Array(repeating: 1 / Double(n), count: n)
        guard b.count == n else { throw QuantError(.shapeMismatch, "\(n) assets need \(n) risk budgets, got \(b.count)") }
        if let i = b.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw QuantError(.invalidArgument, "risk budget \(i) is \(b[i]); budgets must be positive")
        }
        let budgetSum = b.reduce(0, +)
        let budget = b.map { $0 / budgetSum }
        var x = (0..<n).map { 1 / covariance[$0, $0].squareRoot() }
        var sigmaX = try covariance.multiplied(by: x)
        for _ in 0..<maxSweeps {
            var change = 0.0
            for i in 0..<n {
                let s = covariance[i, i]
                let off = sigmaX[i] - s * x[i]
                // Minimise ½s·xᵢ² + off·xᵢ − bᵢ log xᵢ: s·xᵢ² + off·xᵢ − bᵢ = 0, positive root.
                let new = (-off + (off * off + 4 * s * budget[i]).squareRoot()) / (2 * s)
                let delta = new - x[i]
                if delta != 0 {
                    for k in 0..<n { sigmaX[k] += covariance[k, i] * delta }
                    x[i] = new
                    change = max(change, abs(delta) / new)
                }
            }
            if change < tolerance { break }
        }
        sigmaX = try covariance.multiplied(by: x)
        let total = x.reduce(0, +)
        let w = x.map { $0 / total }
        let variance = zip(x, sigmaX).reduce(0) { $0 + $1.0 * $1.1 }
        let error = (0..<n).map { abs(x[$0] * sigmaX[$0] / variance - budget[$0]) / budget[$0] }.max() ?? 0
        guard error < 1e-8 else {
            throw QuantError(.optimizerFailed, "risk parity did not converge in \(maxSweeps) sweeps (largest relative budget error \(error))")
        }
        return (w, error)
    }
}
