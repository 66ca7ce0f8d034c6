import BarbellData
import BarbellQuant

/// Kernel SHAP (Lundberg & Lee 2017) for any model: each feature's Shapley value for one row,
/// estimated by the weighted linear regression whose weights are the Shapley kernel, with the
/// efficiency constraint (the values sum to f(x) − E f) built in.
///
/// The value of a coalition S is the model's mean output when the features in S take the row's
/// values and the others take each background row's (interventional, features treated as
/// independent). With at most `maxCoalitions` coalitions all of them are evaluated, which gives
/// the exact Shapley values; beyond that, coalitions are drawn seeded, by size in proportion to the
/// kernel and paired with their complements.
public struct KernelSHAP: Sendable {
    /// Background rows, row-major `count × width` (a sample of the training data).
    public let background: [Double]
    public let width: Int
    public let maxCoalitions: Int
    public let seed: UInt64

    /// - Throws: ``LearningError`` for an empty or ragged background, or `width` < 1.
    public init(background: [Double], width: Int, maxCoalitions: Int = 4_096, seed: UInt64 = 0) throws {
        guard width >= 1, !background.isEmpty, background.count % width == 0 else {
            throw LearningError(.shapeMismatch, "Kernel SHAP: \(background.count) background values are not whole rows of \(width) features")
        }
        guard maxCoalitions >= 2 else { throw LearningError(.invalidArgument, "Kernel SHAP: maxCoalitions \(maxCoalitions); ≥ 2 is needed") }
        self.background = background
        self.width = width
        self.maxCoalitions = maxCoalitions
        self.seed = seed
    }

    /// The explanation of one row: `base` = E f over the background, and one value per feature
    /// with `base + Σ values = f(row)`.
    public func explain(_ row: [Double], predict: ([Double]) throws -> [Double]) throws -> (base: Double, values: [Double]) {
        guard row.count == width else {
            throw LearningError(.shapeMismatch, "Kernel SHAP: the row has \(row.count) features, the background \(width)")
        }
        let m = width, backgroundRows = background.count / m
        func value(_ mask: [Bool]) throws -> Double {
            var x = background
            for b in 0..<backgroundRows { for j in 0..<m where mask[j] { x[b * m + j] = row[j] } }
            let out = try predict(x)
            return out.reduce(0, +) / Double(out.count)
        }
        let base = try value([Bool](repeating: false, count: m))
        let full = try value([Bool](repeating: true, count: m))
        guard m > 1 else { return (base, [full - base]) }
        let (masks, weights) = coalitions(m)
        // Weighted least squares for φ with Σφ = full − base: eliminate the last feature,
        // φ_last = (full − base) − Σ_{j<last} φ_j, and regress on the other m − 1.
        let k = m - 1
        var normal = [Double](repeating: 0, count: k * k), rhs = [Double](repeating: 0, count: k)
        for (mask, w) in zip(masks, weights) {
            let z = mask.map { $0 ? 1.0 : 0 }
            let target = try value(mask) - base - z[k] * (full - base)
            let features = (0..<k).map { z[$0] - z[k] }
            for a in 0..<k {
                rhs[a] += w * features[a] * target
                for b in 0..<k { normal[a * k + b] += w * features[a] * features[b] }
            }
        }
        let solved = try Matrix(rows: k, columns: k, values: normal).solve(rhs)
        return (base, solved + [(full - base) - solved.reduce(0, +)])
    }

    /// Every proper, non-empty coalition with its Shapley kernel weight, or a seeded sample of
    /// them (sizes drawn in proportion to the kernel, each paired with its complement, equal weights).
    func coalitions(_ m: Int) -> (masks: [[Bool]], weights: [Double]) {
        let total = m < 62 ? (1 << m) - 2 : Int.max
        if total <= maxCoalitions {
            var masks: [[Bool]] = [], weights: [Double] = []
            for bits in 1..<(1 << m) - 1 {
                let mask = (0..<m).map { bits & (1 << $0) != 0 }
                let s = mask.filter { $0 }.count
                masks.append(mask)
                weights.append(Double(m - 1) / (binomial(m, s) * Double(s) * Double(m - s)))
            }
            return (masks, weights)
        }
        let sizeWeights = (1..<m).map { s in Double(m - 1) / (Double(s) * Double(m - s)) }
        let sizeTotal = sizeWeights.reduce(0, +)
        var rng = SplitMix64(seed: seed)
        var masks: [[Bool]] = []
        while masks.count + 2 <= maxCoalitions {
            var u = rng.nextUniform() * sizeTotal, s = 1
            while s < m - 1 && u >= sizeWeights[s - 1] { u -= sizeWeights[s - 1]; s += 1 }
            var order = Array(0..<m)
            for i in stride(from: m - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var mask = [Bool](repeating: false, count: m)
            for j in order.prefix(s) { mask[j] = true }
            masks.append(mask)
            masks.append(mask.map { !$0 })
        }
        return (masks, [Double](repeating: 1, count: masks.count))
    }

    private func binomial(_ n: Int, _ k: Int) -> Double {
        var r = 1.0
        for i in 0..<min(k, n - k) { r = r * Double(n - i) / Double(i + 1) }
        return r
    }
}
