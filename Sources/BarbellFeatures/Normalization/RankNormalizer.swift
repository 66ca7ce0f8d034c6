/// Rank (empirical-CDF) normalisation: a value maps to the fraction of the training sample at or
/// below it, `F(x) = #{training values ≤ x} / n`, in [0, 1], as
/// `scipy.stats.percentileofscore(train, x, kind="weak") / 100`. Values outside the training
/// range map to 0 or 1; NaN stays NaN.
///
/// The fitted state is the sorted training sample itself (the empirical distribution), so its
/// encoded size grows with the training window.
public struct RankNormalizer: FittedNormalizer {
    /// The finite training values, ascending.
    public private(set) var sortedSample: [Double]

    public init() { sortedSample = [] }

    /// State from an ascending sample, e.g. decoded from an artifact.
    public init(sortedSample: [Double]) { self.sortedSample = sortedSample }

    public static func fit(_ sample: [Double]) throws(FeatureError) -> RankNormalizer {
        RankNormalizer(sortedSample: try finiteTrainingValues(sample, for: Self.self).sorted())
    }

    public var isFitted: Bool { !sortedSample.isEmpty }

    public func transform(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        // Binary search for the first training value greater than x.
        var low = 0, high = sortedSample.count
        while low < high {
            let mid = (low + high) / 2
            if sortedSample[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return Double(low) / Double(sortedSample.count)
    }
}
