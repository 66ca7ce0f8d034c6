import BarbellData

/// Barbell's seeded draws for simulation.
///
/// There is one pseudo-random generator in Barbell, ``SplitMix64`` (from `BarbellData`), so a seed
/// means the same stream everywhere. Continuous draws are made by inversion: a uniform on the
/// open interval (0, 1) built from the generator's top 53 bits, pushed through the distribution's
/// quantile function. Inversion costs a little more than Box-Muller or the ziggurat but uses
/// exactly one uniform per draw, so a stream of draws is reproducible element by element and
/// stays aligned across distributions and runs (draw `k` always comes from output `k`).
extension RandomNumberGenerator {
    /// A uniform double strictly inside (0, 1): `(⌊u / 2¹¹⌋ + ½) · 2⁻⁵³`, never 0 or 1, so quantile
    /// functions never see their infinite end points.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }
}

extension StandardNormal {
    /// One standard normal draw, by inversion of ``StandardNormal/quantile(_:)``.
    @inlinable
    public static func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        quantile(generator.nextOpenUnit())
    }
}
