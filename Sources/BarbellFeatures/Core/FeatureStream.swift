/// The incremental form of a feature: consumes one bar at a time and emits that bar's outputs.
///
/// Every feature in the catalogue has one, and the property tests require it to produce exactly
/// what the batch kernel produces on the same series (bit-identical where the arithmetic order
/// allows). A stream is a value; copying it forks the state, which is how a server can snapshot
/// features.
///
/// Contract:
/// - `inputs` holds one value per ``FeatureDescriptor/inputs`` entry, in that order.
/// - `outputs` has one slot per ``FeatureDescriptor/outputs`` entry; the stream writes every
///   slot on every call, the descriptor's `warmupValue` (NaN unless it says otherwise) while
///   warming up.
/// - Leading bars with a NaN input are filtered out before the stream sees them when the
///   feature's ``NaNPolicy`` is ``NaNPolicy/skipLeading`` (TA-Lib's rule), so a stream only has
///   to handle NaN that appears after its first complete bar.
public protocol FeatureStream {
    mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>)
}

/// A stream with one input and one output; `update` forwards to ``next(_:)``.
public protocol ScalarFeatureStream: FeatureStream {
    /// Consumes one value and returns the output for it (NaN while warming up).
    mutating func next(_ x: Double) -> Double
}

extension ScalarFeatureStream {
    @inlinable
    public mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
        outputs[0] = next(inputs[0])
    }
}
