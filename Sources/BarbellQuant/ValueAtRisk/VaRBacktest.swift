import Foundation

/// Backtests of a VaR model from its record of violations (days whose loss exceeded the VaR).
///
/// - Kupiec (1995) proportion of failures: are violations as frequent as `1 − confidence`?
/// - Christoffersen (1998) independence: does a violation today make one tomorrow more likely?
/// - Their sum, conditional coverage, tests both (χ² with 2 degrees of freedom).
public struct VaRBacktest: Sendable, Equatable, Codable {
    public var observations: Int
    public var violations: Int
    /// The violation probability the model claims, `1 − confidence`.
    public var expectedRate: Double
    /// Kupiec's likelihood ratio (χ²₁ under the null) and its p-value.
    public var kupiecStatistic: Double
    public var kupiecPValue: Double
    /// Christoffersen's independence likelihood ratio (χ²₁) and its p-value.
    public var independenceStatistic: Double
    public var independencePValue: Double
    /// Conditional coverage, Kupiec + independence (χ²₂), and its p-value.
    public var conditionalCoverageStatistic: Double
    public var conditionalCoveragePValue: Double

    /// - Parameters:
    ///   - violations: one flag per period, `true` where the loss exceeded that period's VaR.
    ///   - confidence: the VaR's confidence level.
    /// - Throws: `insufficientData` with fewer than 2 periods, `invalidArgument` for a confidence
    ///   outside (0, 1).
    public init(violations flags: [Bool], confidence: Double) throws {
        guard flags.count >= 2 else { throw QuantError(.insufficientData, "\(flags.count) periods; a VaR backtest needs at least 2") }
        guard confidence > 0, confidence < 1 else { throw QuantError(.invalidArgument, "confidence is \(confidence); expected a level in (0, 1)") }
        let p = 1 - confidence
        let t = Double(flags.count)
        let x = Double(flags.lazy.filter { $0 }.count)
        observations = flags.count
        violations = Int(x)
        expectedRate = p

        // Kupiec: 2·[log L(x/T) − log L(p)] with L(π) = (1−π)^{T−x} π^x.
        let observed = x / t
        kupiecStatistic = max(0, 2 * (Self.logBernoulli(x, t - x, observed) - Self.logBernoulli(x, t - x, p)))
        kupiecPValue = Self.chiSquaredOneSurvival(kupiecStatistic)

        // Christoffersen: transitions between consecutive days' states.
        var n = [[0.0, 0.0], [0.0, 0.0]]
        for (a, b) in zip(flags, flags.dropFirst()) { n[a ? 1 : 0][b ? 1 : 0] += 1 }
        let pi01 = n[0][1] / max(n[0][0] + n[0][1], 1)
        let pi11 = n[1][1] / max(n[1][0] + n[1][1], 1)
        let pi = (n[0][1] + n[1][1]) / (t - 1)
        let restricted = Self.logBernoulli(n[0][1] + n[1][1], n[0][0] + n[1][0], pi)
        let unrestricted = Self.logBernoulli(n[0][1], n[0][0], pi01) + Self.logBernoulli(n[1][1], n[1][0], pi11)
        independenceStatistic = max(0, 2 * (unrestricted - restricted))
        independencePValue = Self.chiSquaredOneSurvival(independenceStatistic)
        conditionalCoverageStatistic = kupiecStatistic + independenceStatistic
        conditionalCoveragePValue = exp(-conditionalCoverageStatistic / 2)
    }

    /// `s·log π + f·log(1−π)` with `0·log 0 = 0`.
    static func logBernoulli(_ successes: Double, _ failures: Double, _ pi: Double) -> Double {
        (successes > 0 ? successes * log(pi) : 0) + (failures > 0 ? failures * log1p(-pi) : 0)
    }

    /// `P(χ²₁ > x) = erfc(√(x/2))`.
    static func chiSquaredOneSurvival(_ x: Double) -> Double { erfc((x / 2).squareRoot()) }
}

extension VaRBacktest {
    /// Rolls a VaR model through `returns`: at each period `t ≥ window`, the model sees the
    /// `window` returns before `t` (never `t` itself) and the period is a violation when
    /// `−returns[t]` exceeds that VaR. Returns the backtest and the forecast VaR series.
    public static func rolling(_ returns: [Double], window: Int, confidence: Double,
                               model: ([Double]) throws -> RiskEstimate) throws -> (backtest: VaRBacktest, forecasts: [Double]) {
        guard window >= 2, returns.count > window + 1 else {
            throw QuantError(.insufficientData, "\(returns.count) returns; a rolling backtest with a \(window)-period window needs at least \(window + 2)")
        }
        var flags: [Bool] = [], forecasts: [Double] = []
        for t in window..<returns.count {
            let v = try model(Array(returns[(t - window)..<t])).valueAtRisk
            forecasts.append(v)
            flags.append(-returns[t] > v)
        }
        return (try VaRBacktest(violations: flags, confidence: confidence), forecasts)
    }
}
