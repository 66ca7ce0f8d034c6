import BarbellData
import BarbellQuant

/// The draws the regime models' samplers share, so a seed means the same sequence of draws in
/// each: a category by inversion of one uniform, and a correlated normal vector `μ + s · L z`
/// from `d` standard normals drawn by inversion.
enum RegimeSampling {
    /// The index `j` with `Σ_{i<j} p_i ≤ u < Σ_{i≤j} p_i` for one open uniform `u` (rounding that
    /// leaves the cumulative sum short of 1 falls to the last category with positive weight).
    static func category(_ p: [Double], using g: inout SplitMix64) -> Int {
        let u = g.nextOpenUnit()
        var cumulative = 0.0
        for j in p.indices {
            cumulative += p[j]
            if u < cumulative { return j }
        }
        return p.indices.last { p[$0] > 0 } ?? p.count - 1
    }

    /// `d` standard normal draws, by inversion.
    static func standardNormals(_ d: Int, using g: inout SplitMix64) -> [Double] {
        (0..<d).map { _ in StandardNormal.sample(using: &g) }
    }

    /// `μ + scale · L z` with `L` a lower-triangular factor (d × d, row-major).
    static func correlated(mean: [Double], factor l: [Double], _ z: [Double], scale: Double = 1) -> [Double] {
        let d = mean.count
        return (0..<d).map { i in
            var y = 0.0
            for j in 0...i { y += l[i * d + j] * z[j] }
            return mean[i] + y * scale
        }
    }
}
