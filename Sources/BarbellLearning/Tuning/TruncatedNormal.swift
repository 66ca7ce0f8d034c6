import Foundation

/// The truncated normal distribution's log density, log mass and quantiles, computed the way
/// optuna 3.6.1 does (`optuna/samplers/_tpe/_truncnorm.py`), so that TPE's Parzen estimators
/// agree with optuna's to rounding: log masses work in the left tail by symmetry, and the
/// quantile function inverts log Φ by bisection.
enum TruncatedNormal {
    private static let logRootTwoPi = 0.5 * Foundation.log(2 * Double.pi)

    /// Φ(a) with erf/erfc chosen to keep precision in both tails.
    static func ndtr(_ a: Double) -> Double {
        let x = a / 2.0.squareRoot()
        if x < -1 / 2.0.squareRoot() { return 0.5 * erfc(-x) }
        if x < 1 / 2.0.squareRoot() { return 0.5 + 0.5 * erf(x) }
        return 1 - 0.5 * erfc(x)
    }

    /// log Φ(a), with an asymptotic series far in the left tail where Φ underflows.
    static func logNdtr(_ a: Double) -> Double {
        if a > 6 { return -ndtr(-a) }
        if a > -20 { return Foundation.log(ndtr(a)) }
        let logLHS = -0.5 * a * a - Foundation.log(-a) - 0.5 * Foundation.log(2 * Double.pi)
        var lastTotal = 0.0, rightHandSide = 1.0, numerator = 1.0, denominatorFactor = 1.0
        let denominatorStep = 1 / (a * a)
        var sign = 1.0, i = 0.0
        while abs(lastTotal - rightHandSide) > Double.ulpOfOne {
            i += 1
            lastTotal = rightHandSide
            sign = -sign
            denominatorFactor *= denominatorStep
            numerator *= 2 * i - 1
            rightHandSide += sign * numerator * denominatorFactor
        }
        return logLHS + Foundation.log(rightHandSide)
    }

    /// log(p - q) from log p and log q.
    private static func logDiff(_ logP: Double, _ logQ: Double) -> Double {
        logP + log1p(-exp(logQ - logP))
    }

    /// log(Φ(b) - Φ(a)), the log of the standard normal's mass on `[a, b]`.
    static func logGaussMass(_ a: Double, _ b: Double) -> Double {
        if b <= 0 { return logDiff(logNdtr(b), logNdtr(a)) }
        if a > 0 { return logDiff(logNdtr(-a), logNdtr(-b)) }
        // Central case: 1 - Φ(a) - Φ(-b) avoids cancelling near a mass of 1. optuna computes Φ
        // here as 0.5 + 0.5 erf(x/√2) for every x.
        let left = 0.5 + 0.5 * erf(a / 2.0.squareRoot())
        let right = 0.5 + 0.5 * erf(-b / 2.0.squareRoot())
        return log1p(-left - right)
    }

    /// The log density at `x` of a normal (`mu`, `sigma`) truncated to `[low, high]`.
    static func logPDF(_ x: Double, mu: Double, sigma: Double, low: Double, high: Double) -> Double {
        let a = (low - mu) / sigma, b = (high - mu) / sigma
        if a == b { return .nan }
        let z = (x - mu) / sigma
        if z < a || z > b { return -.infinity }
        return -(z * z) / 2 - logRootTwoPi - logGaussMass(a, b) - Foundation.log(sigma)
    }

    /// The standard normal truncated to `[a, b]`'s quantile at `q`.
    static func ppf(_ q: Double, a: Double, b: Double) -> Double {
        if a == b { return .nan }
        if q == 0 { return a }
        if q == 1 { return b }
        if a < 0 {
            return inverseLogNdtr(logSum(logNdtr(a), Foundation.log(q) + logGaussMass(a, b)))
        }
        return -inverseLogNdtr(logSum(logNdtr(-b), log1p(-q) + logGaussMass(a, b)))
    }

    private static func logSum(_ p: Double, _ q: Double) -> Double {
        // numpy's logaddexp.
        if p == q { return p + Foundation.log(2.0) }
        let high = max(p, q), low = min(p, q)
        return high + log1p(exp(low - high))
    }

    /// x with log Φ(x) = y, by 100 bisection steps on [-100, 100] (as optuna).
    private static func inverseLogNdtr(_ y: Double) -> Double {
        var a = -100.0, b = 100.0
        if logNdtr(a) > y { swap(&a, &b) }
        var m = 0.0
        for _ in 0..<100 {
            m = (a + b) / 2
            if logNdtr(m) < y { a = m } else { b = m }
        }
        return m
    }

    /// A draw from the normal (`mu`, `sigma`) truncated to `[low, high]`, by inverting the CDF
    /// at a uniform `u` in [0, 1).
    static func sample(u: Double, mu: Double, sigma: Double, low: Double, high: Double) -> Double {
        ppf(u, a: (low - mu) / sigma, b: (high - mu) / sigma) * sigma + mu
    }
}
