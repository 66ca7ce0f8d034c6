import BarbellData

/// Permutation importance for any model (Breiman 2001; scikit-learn's `permutation_importance`):
/// how much a score drops when one feature's column is shuffled, breaking its link to the target
/// while keeping its distribution. Seeded: the same seed gives the same permutations.
public struct PermutationImportance: Sendable, Equatable {
    /// Per feature: the mean drop of the score over the repeats (baseline − permuted), and its
    /// standard deviation (divisor n; 0 for one repeat), in feature order.
    public let mean: [Double]
    public let standardDeviation: [Double]
    /// Per feature and repeat: the drop.
    public let drops: [[Double]]
    /// The score on the unpermuted data.
    public let baseline: Double

    /// - Parameters:
    ///   - x: Row-major `rows × width` features (the evaluation fold, never the training rows).
    ///   - y: Targets, one per row.
    ///   - predict: The model, from row-major features to one prediction per row.
    ///   - score: Higher is better (for example the IC, or minus the MSE).
    ///   - repeats: Shuffles per feature.
    /// - Throws: ``LearningError`` for shapes that disagree, fewer than 2 rows or repeats < 1,
    ///   and whatever `predict` or `score` throw.
    public init(x: [Double], width: Int, y: [Double], repeats: Int = 5, seed: UInt64,
                predict: ([Double]) throws -> [Double], score: ([Double], [Double]) throws -> Double) throws {
        guard width >= 1, y.count >= 2, x.count == y.count * width else {
            throw LearningError(.shapeMismatch, "permutation importance: \(x.count) feature values for \(y.count) rows × \(width) features (need ≥ 2 rows)")
        }
        guard repeats >= 1 else { throw LearningError(.invalidArgument, "permutation importance: repeats \(repeats); ≥ 1 is needed") }
        let rows = y.count
        baseline = try score(try predict(x), y)
        var rng = SplitMix64(seed: seed)
        var drops: [[Double]] = []
        var permuted = x
        for j in 0..<width {
            var perFeature: [Double] = []
            for _ in 0..<repeats {
                var order = Array(0..<rows)
                for i in stride(from: rows - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
                for r in 0..<rows { permuted[r * width + j] = x[order[r] * width + j] }
                perFeature.append(baseline - (try score(try predict(permuted), y)))
            }
            for r in 0..<rows { permuted[r * width + j] = x[r * width + j] }
            drops.append(perFeature)
        }
        self.drops = drops
        mean = drops.map { $0.reduce(0, +) / Double($0.count) }
        standardDeviation = zip(drops, mean).map { d, m in (d.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(d.count)).squareRoot() }
    }
}
