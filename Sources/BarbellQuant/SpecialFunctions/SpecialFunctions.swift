import Foundation

/// Special functions behind the distributions and tests: regularised incomplete gamma and beta
/// functions and their inverses, accurate to about 1e-13 relative in the body and keeping their
/// relative accuracy in the tails (each tail is computed directly, never as 1 − the other).
public enum SpecialFunctions {}

extension SpecialFunctions {
    /// Smallest positive normal double's logarithm: below this a tail is treated as 0.
    static let logLeastNormal = log(Double.leastNormalMagnitude)

    /// log(1 + t) − t without cancellation near t = 0.
    ///
    /// For |t| < ½ it sums the series of 2·atanh(r) with r = t/(2 + t) (|r| ≤ 1/3, so about
    /// twenty terms reach round-off) and uses t − 2r = r·t exactly; elsewhere log1p(t) − t loses
    /// at most a few bits.
    static func log1pMinusX(_ t: Double) -> Double {
        guard abs(t) < 0.5 else { return log1p(t) - t }
        let r = t / (2 + t)
        let r2 = r * r
        var power = r * r2
        var sum = 0.0
        var k = 3.0
        while true {
            let term = power / k
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
            power *= r2
            k += 2
        }
        return 2 * sum - r * t
    }

    /// Stirling's error term log Γ(a) − [(a − ½) log a − a + ½ log 2π] for a ≥ 15, by its
    /// asymptotic series (the first omitted term is below 1e-18 there).
    static func stirlingError(_ a: Double) -> Double {
        let r = 1 / a
        let r2 = r * r
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188
            - r2 * (691.0 / 360_360 - r2 / 156))))))
    }

    /// Threshold above which Stirling-based forms replace differences of `lgamma` values, whose
    /// absolute error grows with their magnitude.
    static let stirlingThreshold = 15.0

    /// log Γ(a + b) − log Γ(a) (a, a + b > 0): by Stirling's series for a, a + b ≥ 15, without
    /// subtracting two large `lgamma` values whose absolute error grows with their magnitude;
    /// a plain `lgamma` difference below. The normalising constant of Student-t densities,
    /// log Γ((ν + d)/2) − log Γ(ν/2), is `logGammaRatio(ν/2, plus: d/2)`.
    public static func logGammaRatio(_ a: Double, plus b: Double) -> Double {
        guard a >= stirlingThreshold, a + b >= stirlingThreshold else { return lgamma(a + b) - lgamma(a) }
        // (a + b − ½) log(a + b) − (a − ½) log a − b, rearranged so that nothing large cancels.
        return b * log(a + b) + (a - 0.5) * log1p(b / a) - b + stirlingError(a + b) - stirlingError(a)
    }
}
