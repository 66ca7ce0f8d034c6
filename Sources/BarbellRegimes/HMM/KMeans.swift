import BarbellData
import BarbellQuant

/// Seeded k-means with k-means++ seeding (Arthur & Vassilvitskii 2007), used to start HMM and
/// mixture fits from well-spread means.
public struct KMeans: Sendable, Equatable {
    /// Cluster centres, `k × dimension`.
    public let centers: [[Double]]
    /// Index of the nearest centre for each observation.
    public let labels: [Int]
    /// Sum of squared distances of the observations to their centres.
    public let inertia: Double

    /// Seeds `k` centres by k-means++ (first uniformly, then with probability proportional to the
    /// squared distance to the nearest centre so far) and runs Lloyd iterations until the labels
    /// stop changing or `maxIterations`. An empty cluster keeps its previous centre.
    ///
    /// Same seed, same data → bit-identical result.
    /// - Throws: `.invalidArgument` for `k < 1`, `.insufficientData` for fewer rows than `k`, and
    ///   the observation errors (ragged rows, NaN).
    public init(_ observations: [[Double]], k: Int, seed: UInt64, maxIterations: Int = 300) throws {
        guard k >= 1 else { throw RegimeError(.invalidArgument, "k = \(k): expected ≥ 1") }
        let x = try HMMObservations(observations)
        guard x.count >= k else { throw RegimeError(.insufficientData, "observations: \(x.count) rows, k-means needs at least k = \(k)") }
        let n = x.count, d = x.dimension, v = x.values
        func dist2(_ t: Int, _ c: [Double], _ s: Int) -> Double {
            var q = 0.0
            for i in 0..<d { let r = v[t * d + i] - c[s * d + i]; q += r * r }
            return q
        }
        var g = SplitMix64(seed: seed)
        var centers = [Double]()
        let first = min(Int(g.nextOpenUnit() * Double(n)), n - 1)
        centers += v[(first * d)..<(first * d + d)]
        var nearest = (0..<n).map { dist2($0, centers, 0) }
        for s in 1..<k {
            let total = nearest.reduce(0, +)
            var pick = n - 1
            if total > 0 {
                let target = g.nextOpenUnit() * total
                var cum = 0.0
                for t in 0..<n {
                    cum += nearest[t]
                    if cum > target { pick = t; break }
                }
            } else {
                pick = min(Int(g.nextOpenUnit() * Double(n)), n - 1)
            }
            centers += v[(pick * d)..<(pick * d + d)]
            for t in 0..<n { nearest[t] = min(nearest[t], dist2(t, centers, s)) }
        }
        var labels = [Int](repeating: -1, count: n)
        var inertia = 0.0
        for iteration in 0...maxIterations {
            var changed = false
            inertia = 0
            for t in 0..<n {
                var best = 0, bestD = Double.infinity
                for s in 0..<k {
                    let q = dist2(t, centers, s)
                    if q < bestD { bestD = q; best = s }
                }
                if labels[t] != best { labels[t] = best; changed = true }
                inertia += bestD
            }
            if !changed || iteration == maxIterations { break }
            var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for t in 0..<n {
                counts[labels[t]] += 1
                for i in 0..<d { sums[labels[t] * d + i] += v[t * d + i] }
            }
            for s in 0..<k where counts[s] > 0 {
                for i in 0..<d { centers[s * d + i] = sums[s * d + i] / Double(counts[s]) }
            }
        }
        self.centers = rows(centers, d)
        self.labels = labels
        self.inertia = inertia
    }
}
