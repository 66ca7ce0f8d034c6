/// A transformation fitted on a training window and then applied to other data, never fitted on
/// the data it transforms (that would leak the future into the past):
///
///     let n = try ZScoreNormalizer.fit(trainColumn)
///     let scaled = try n.apply(testColumn)
///
/// The fitted state is `Codable`, so a model artifact can record exactly what it was trained
/// with. NaN in the training sample is ignored; NaN in applied data stays NaN. A normaliser that
/// was never fitted (``init()``), or whose state was decoded empty, throws
/// ``FeatureError/Code/notFitted`` from `apply`; fitting on a sample without a finite value
/// throws the same code.
public protocol FittedNormalizer: Sendable, Codable, Equatable {
    /// Fits on the finite values of `sample`.
    static func fit(_ sample: [Double]) throws(FeatureError) -> Self
    /// True once fitted.
    var isFitted: Bool { get }
    /// The transform of one value; callers have checked ``isFitted``.
    func transform(_ x: Double) -> Double
}

extension FittedNormalizer {
    /// The transform of one value.
    public func apply(_ x: Double) throws(FeatureError) -> Double {
        try requireFitted()
        return transform(x)
    }

    /// The transform of every value of `column`.
    public func apply(_ column: [Double]) throws(FeatureError) -> [Double] {
        try requireFitted()
        return column.map(transform)
    }

    func requireFitted() throws(FeatureError) {
        guard isFitted else {
            throw FeatureError(.notFitted, "\(Self.self) was applied before it was fitted; fit it on a training window first (\(Self.self).fit(train))")
        }
    }
}

/// The finite values of a training sample, or `notFitted` when there are none.
func finiteTrainingValues<N>(_ sample: [Double], for _: N.Type) throws(FeatureError) -> [Double] {
    let values = sample.filter(\.isFinite)
    guard !values.isEmpty else {
        throw FeatureError(.notFitted, "\(N.self) cannot be fitted on \(sample.isEmpty ? "an empty sample" : "a sample without a finite value (\(sample.count) values)")")
    }
    return values
}
