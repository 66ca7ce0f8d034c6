/// Robust scaling `(x − median) / IQR` with the training sample's median and interquartile range
/// (75th − 25th percentile, linearly interpolated as numpy's default `percentile` method), as
/// scikit-learn's `RobustScaler` with its defaults. Outliers in the training window barely move
/// either statistic. A zero IQR (more than half the sample equal) gives scale 1, as
/// `RobustScaler` does, so values are only centred.
///
/// The IQR is preferred to the MAD here because it is what `RobustScaler` records and needs no
/// consistency constant; the two agree up to a factor for symmetric distributions.
public struct RobustNormalizer: FittedNormalizer {
    public private(set) var median: Double
    /// The divisor: the training IQR, or 1 when that is 0.
    public private(set) var scale: Double
    public private(set) var sampleCount: Int

    public init() {
        median = .nan
        scale = .nan
        sampleCount = 0
    }

    public init(median: Double, scale: Double, sampleCount: Int) {
        self.median = median
        self.scale = scale
        self.sampleCount = sampleCount
    }

    public static func fit(_ sample: [Double]) throws(FeatureError) -> RobustNormalizer {
        let sorted = try finiteTrainingValues(sample, for: Self.self).sorted()
        let iqr = interpolatedQuantile(sorted, 0.75) - interpolatedQuantile(sorted, 0.25)
        return RobustNormalizer(median: interpolatedQuantile(sorted, 0.5), scale: iqr > 0 ? iqr : 1, sampleCount: sorted.count)
    }

    public var isFitted: Bool { sampleCount > 0 && median.isFinite && scale.isFinite && scale > 0 }

    public func transform(_ x: Double) -> Double { (x - median) / scale }
}

/// Quantile `q` of ascending `sorted` with linear interpolation between order statistics
/// (numpy's default `method="linear"`, Hyndman & Fan type 7).
func interpolatedQuantile(_ sorted: [Double], _ q: Double) -> Double {
    let position = q * Double(sorted.count - 1)
    let below = Int(position.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    let fraction = position - Double(below)
    return sorted[below] + (sorted[above] - sorted[below]) * fraction
}
