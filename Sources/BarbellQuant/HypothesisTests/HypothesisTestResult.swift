import Foundation

/// Statistical hypothesis tests (t-tests, rank and distribution tests, normality, serial
/// correlation, ARCH effects, unit roots), each validated against scipy.stats or statsmodels.
///
/// Every test refuses bad input with a ``QuantError``: too few observations
/// (`.insufficientData`, the message states the minimum), NaN or infinite values (`.nonFinite`,
/// naming the index), constant samples whose statistic is undefined (`.invalidArgument`) and
/// mismatched lengths (`.shapeMismatch`).
public enum HypothesisTests {}

/// The alternative hypothesis of a one- or two-sided test, as scipy's `alternative`.
public enum Alternative: String, Sendable, Equatable, CaseIterable {
    /// The two populations (or the population and the null value) differ.
    case twoSided = "two-sided"
    /// The first sample's location is below the second's (the statistic is small).
    case less
    /// The first sample's location is above the second's (the statistic is large).
    case greater
}

/// A test's statistic and p-value, with the degrees of freedom or lag count where the test has
/// them.
public struct HypothesisTestResult: Sendable, Equatable {
    /// The test statistic (t, U, D, JB, Q, LM, …).
    public let statistic: Double
    /// The probability, under the null, of a statistic at least as extreme.
    public let pValue: Double
    /// Degrees of freedom of the reference distribution, when it has them (Welch's is fractional).
    public let degreesOfFreedom: Double?
    /// The number of lags the statistic uses, for serial-correlation tests.
    public let lags: Int?

    public init(statistic: Double, pValue: Double, degreesOfFreedom: Double? = nil, lags: Int? = nil) {
        self.statistic = statistic
        self.pValue = pValue
        self.degreesOfFreedom = degreesOfFreedom
        self.lags = lags
    }
}

extension HypothesisTests {
    /// Fails unless `x` has at least `minimum` values, all finite.
    static func requireSample(_ x: [Double], _ name: String, minimum: Int, for test: String) throws {
        guard x.count >= minimum else {
            throw QuantError(.insufficientData, "too few observations: \(name) has \(x.count), \(test) needs at least \(minimum)")
        }
        if let k = x.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "\(name)[\(k)] is \(x[k]); \(test) needs finite observations")
        }
    }

    /// The mean by a second, correcting pass (exact to round-off for long series).
    static func mean(_ x: [Double]) -> Double {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        return m + x.reduce(0) { $0 + ($1 - m) } / n
    }

    /// Sum of squared deviations from the mean, two-pass.
    static func sumOfSquares(_ x: [Double], mean m: Double) -> Double {
        x.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    }

    /// The p-value of a statistic with the given null cdf and survival for an alternative.
    static func pValue(_ alternative: Alternative, cdf: Double, survival: Double) -> Double {
        switch alternative {
        case .less: return cdf
        case .greater: return survival
        case .twoSided: return min(1, 2 * min(cdf, survival))
        }
    }
}
