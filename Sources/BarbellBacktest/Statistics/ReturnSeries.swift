/// Periodic simple returns of a strategy, checked once (finite, at least two) so every statistic
/// can assume clean input. Statistics follow empyrical's definitions (0.7) exactly.
public struct Returns: Sendable, Equatable {
    /// The returns, one per period, oldest first.
    public let values: [Double]
    /// Periods per year (252 for daily, 52 weekly, 12 monthly).
    public let periodsPerYear: Double

    /// - Throws: ``BacktestError`` naming `name` and the first bad position: fewer than two
    ///   values, a non-finite value, a return ≤ −100%, or periods per year ≤ 0.
    public init(_ values: [Double], periodsPerYear: Double = 252, name: String = "returns") throws(BacktestError) {
        guard values.count >= 2 else {
            throw BacktestError(.insufficientData, "\(name): \(values.count) values; statistics need at least 2")
        }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw BacktestError(.nonFinite, "\(name): value \(i) is \(values[i]); returns must be finite (drop or fill missing periods first)")
        }
        if let i = values.firstIndex(where: { $0 <= -1 }) {
            throw BacktestError(.invalidArgument, "\(name): value \(i) is \(values[i]); a simple return must be > −1 (−100%)")
        }
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw BacktestError(.invalidArgument, "periods per year \(periodsPerYear): expected > 0")
        }
        self.values = values
        self.periodsPerYear = periodsPerYear
    }

    var count: Int { values.count }
    var mean: Double { values.reduce(0, +) / Double(count) }

    /// Sample standard deviation (ddof 1).
    var standardDeviation: Double {
        let m = mean
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(count - 1)).squareRoot()
    }
}
