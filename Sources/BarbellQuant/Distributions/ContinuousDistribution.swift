import BarbellData
import Foundation

/// A univariate continuous distribution: density, distribution function, upper tail, quantile
/// and seeded draws.
///
/// Conventions shared by every conforming type: `cdf` and `survival` are each computed directly
/// (so `survival` keeps its relative precision far in the upper tail, where 1 − cdf would be 0);
/// `quantile` returns NaN outside [0, 1] and the support's ends (possibly ±∞) at 0 and 1; `pdf`
/// and `cdf` are 0 outside the support; NaN inputs give NaN.
public protocol ContinuousDistribution: Sendable {
    /// The density at x.
    func pdf(_ x: Double) -> Double
    /// The log-density at x (−∞ outside the support), accurate where the density underflows.
    func logPDF(_ x: Double) -> Double
    /// P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// P(X > x) = 1 − cdf(x), computed without cancellation in the upper tail.
    func survival(_ x: Double) -> Double
    /// The x with cdf(x) = p.
    func quantile(_ p: Double) -> Double
    /// One draw, by inversion: `quantile(generator.nextOpenUnit())` unless the type documents
    /// otherwise, so draw k always consumes exactly generator output k.
    func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double
}

extension ContinuousDistribution {
    public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        quantile(generator.nextOpenUnit())
    }

    /// `count` draws from a ``SplitMix64`` seeded with `seed`: the same seed gives bit-identical
    /// arrays on every run and machine.
    public func sample(count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<max(count, 0)).map { _ in sample(using: &generator) }
    }
}

/// Fails with `.invalidArgument` naming `name` unless `condition` holds for `value`.
func requireParameter(_ value: Double, _ name: String, _ expectation: String, _ condition: Bool) throws {
    guard condition, !value.isNaN else {
        throw QuantError(.invalidArgument, "\(name) is \(value); expected \(expectation)")
    }
}
