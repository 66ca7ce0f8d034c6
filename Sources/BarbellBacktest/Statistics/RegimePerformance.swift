import Foundation

/// Performance of a return series split by market regime: each regime's periods concatenated and
/// measured as if they were a series of their own (the pandas `groupby(label)` view).
public struct RegimePerformance: Sendable, Equatable, Codable {
    /// The label that marks a period whose regime is unknown (reported as its own row).
    public static let unknown = -1

    /// One regime's statistics.
    public struct Regime: Sendable, Equatable, Codable {
        public var label: Int
        /// The caller's name for the label ("unknown" for −1 unless named), or nil.
        public var name: String?
        public var periods: Int
        /// Periods over all periods (unknown ones included).
        public var fraction: Double
        /// Mean return × periods per year.
        public var meanAnnualReturn: Double
        /// Π(1 + r)^(periodsPerYear / periods) − 1.
        public var compoundedAnnualReturn: Double
        /// Sample standard deviation (ddof 1) × √periodsPerYear; nil for one period.
        public var annualVolatility: Double?
        /// Mean over sample standard deviation × √periodsPerYear; nil for one period or no variation.
        public var sharpe: Double?
        /// Deepest drawdown of the regime's returns chained together (wealth starts at 1).
        public var maxDrawdown: Double
        /// Fraction of periods with a return > 0.
        public var hitRate: Double
    }

    /// Regimes by ascending label (unknown first when present).
    public var regimes: [Regime]
    public var periodsPerYear: Double

    /// - Parameters:
    ///   - labels: one regime label per return, ≥ −1 (−1 unknown).
    ///   - names: optional display names by label.
    /// - Throws: ``BacktestError`` when the lengths differ, there are no returns, a return is not
    ///   finite or ≤ −1, a label is below −1, or periods per year is not positive.
    public init(returns: [Double], labels: [Int], names: [Int: String] = [:], periodsPerYear: Double = 252) throws(BacktestError) {
        guard !returns.isEmpty else { throw BacktestError(.insufficientData, "regime performance: no returns") }
        guard labels.count == returns.count else {
            throw BacktestError(.shapeMismatch, "regime performance: \(returns.count) returns but \(labels.count) labels; expected one label per period")
        }
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw BacktestError(.invalidArgument, "periods per year \(periodsPerYear): expected > 0")
        }
        if let i = returns.firstIndex(where: { !$0.isFinite }) {
            throw BacktestError(.nonFinite, "regime performance: return \(i) is \(returns[i])")
        }
        if let i = returns.firstIndex(where: { $0 <= -1 }) {
            throw BacktestError(.invalidArgument, "regime performance: return \(i) is \(returns[i]); a simple return must be > −1")
        }
        if let i = labels.firstIndex(where: { $0 < Self.unknown }) {
            throw BacktestError(.invalidArgument, "regime performance: label \(i) is \(labels[i]); expected ≥ −1 (−1 for unknown)")
        }
        var groups: [Int: [Double]] = [:]
        for (r, label) in zip(returns, labels) { groups[label, default: []].append(r) }
        let total = Double(returns.count)
        regimes = groups.keys.sorted().map { label in
            let x = groups[label]!, n = Double(x.count)
            let mean = x.reduce(0, +) / n
            let sd: Double? = x.count > 1 ? (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : nil
            let growth = x.reduce(1) { $0 * (1 + $1) }
            return Regime(
                label: label, name: names[label] ?? (label == Self.unknown ? "unknown" : nil), periods: x.count, fraction: n / total,
                meanAnnualReturn: mean * periodsPerYear, compoundedAnnualReturn: pow(growth, periodsPerYear / n) - 1,
                annualVolatility: sd.map { $0 * periodsPerYear.squareRoot() },
                sharpe: sd.flatMap { $0 > 0 ? mean / $0 * periodsPerYear.squareRoot() : nil },
                maxDrawdown: Returns.maxDrawdown(of: x), hitRate: Double(x.count(where: { $0 > 0 })) / n)
        }
        self.periodsPerYear = periodsPerYear
    }
}
