/// Relative strength of an asset against a benchmark over `window` bars: the ratio of their
/// growth factors minus one,
///
///     RS_t = (a_t / a_{t−window}) / (b_t / b_{t−window}) − 1,
///
/// i.e. how much the asset out- (positive) or under-performed the benchmark over the window, as
/// a fraction (the "comparative relative strength" of technical analysis, normalised to the
/// window's start; cf. Levy 1967, "Relative strength as a criterion for investment selection").
/// NaN propagates from any of the four prices and recovers once it leaves the window.
enum RelativeStrength {
    static func lookback(window: Int) -> Int { window }

    static func batch(asset: UnsafeBufferPointer<Double>, benchmark: UnsafeBufferPointer<Double>, window: Int,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = asset.count
        guard n > window else { return }
        for t in window..<n {
            out[t] = (asset[t] / asset[t - window]) / (benchmark[t] / benchmark[t - window]) - 1
        }
    }

    /// Keeps the last `window + 1` prices of both series.
    struct Stream: FeatureStream {
        var assetPrices: RingBuffer
        var benchmarkPrices: RingBuffer

        init(window: Int) {
            assetPrices = RingBuffer(capacity: window + 1)
            benchmarkPrices = RingBuffer(capacity: window + 1)
        }

        /// Inputs: asset close, benchmark close.
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            assetPrices.append(inputs[0])
            benchmarkPrices.append(inputs[1])
            guard assetPrices.isFull else { outputs[0] = .nan; return }
            outputs[0] = (inputs[0] / assetPrices[0]) / (inputs[1] / benchmarkPrices[0]) - 1
        }
    }
}
