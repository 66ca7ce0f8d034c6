/// Standardisation `(x − mean) / std` with the training sample's mean and population standard
/// deviation (ddof 0), as scikit-learn's `StandardScaler`. A constant training sample has std 0;
/// the scale is then 1 (as `StandardScaler` does) so values are only centred.
public struct ZScoreNormalizer: FittedNormalizer {
    public private(set) var mean: Double
    /// The divisor: the training standard deviation, or 1 when that is 0.
    public private(set) var scale: Double
    /// Finite training values the state was fitted on; 0 means unfitted.
    public private(set) var sampleCount: Int

    /// An unfitted normaliser; `apply` throws until it is replaced by ``fit(_:)``'s result.
    public init() {
        mean = .nan
        scale = .nan
        sampleCount = 0
    }

    public init(mean: Double, scale: Double, sampleCount: Int) {
        self.mean = mean
        self.scale = scale
        self.sampleCount = sampleCount
    }

    public static func fit(_ sample: [Double]) throws(FeatureError) -> ZScoreNormalizer {
        let values = try finiteTrainingValues(sample, for: Self.self)
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        // Two passes: the centred sum of squares does not cancel catastrophically.
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let std = (squares / n).squareRoot()
        return ZScoreNormalizer(mean: mean, scale: std > 0 ? std : 1, sampleCount: values.count)
    }

    public var isFitted: Bool { sampleCount > 0 && mean.isFinite && scale.isFinite && scale > 0 }

    public func transform(_ x: Double) -> Double { (x - mean) / scale }
}
