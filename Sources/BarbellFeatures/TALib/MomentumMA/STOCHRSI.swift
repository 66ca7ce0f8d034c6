/// TA-Lib's stochastic RSI (`TA_STOCHRSI`, Chande & Kroll, *Stocks & Commodities* 11:5): the fast
/// stochastic (``STOCHF``) applied to Wilder's RSI of `timeperiod`, the RSI serving as high, low
/// and close at once. %K compares the RSI with its own range over `fastk_period` values; %D is its
/// `fastd_matype` average of `fastd_period`.
///
/// The RSI is the momentum family's ``WilderOscillator``, so it follows TA-Lib 0.8.1 after a NaN
/// price too: the RSI reads 0 from then on, and %K with it.
enum STOCHRSI {
    static func lookback(period: Int, fastK: Int, fastD: Int, fastDType: MovingAverageType) -> Int {
        WilderOscillator.lookback(period) + STOCHF.lookback(fastK: fastK, fastD: fastD, fastDType: fastDType)
    }

    static func batch(
        _ x: UnsafeBufferPointer<Double>, period: Int, fastK: Int, fastD: Int, fastDType: MovingAverageType,
        fastKOut: UnsafeMutableBufferPointer<Double>, fastDOut: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let rsiStart = WilderOscillator.lookback(period)
        guard n > lookback(period: period, fastK: fastK, fastD: fastD, fastDType: fastDType) else { return }
        let rsi = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { rsi.deallocate() }
        rsi.initialize(repeating: .nan)
        WilderOscillator.batch(.rsi, x, period: period, rsi)
        let series = UnsafeBufferPointer(rebasing: rsi[rsiStart...])
        STOCHF.batch(
            high: series, low: series, close: series, fastK: fastK, fastD: fastD, fastDType: fastDType,
            fastKOut: UnsafeMutableBufferPointer(rebasing: fastKOut[rsiStart...]),
            fastDOut: UnsafeMutableBufferPointer(rebasing: fastDOut[rsiStart...]))
    }

    struct Stream: FeatureStream {
        let rsiStart: Int
        var rsi: WilderOscillator.Stream
        var stochastic: STOCHF.Stream
        var bar = -1

        init(period: Int, fastK: Int, fastD: Int, fastDType: MovingAverageType) {
            rsiStart = WilderOscillator.lookback(period)
            rsi = WilderOscillator.Stream(kind: .rsi, period: period)
            stochastic = STOCHF.Stream(fastK: fastK, fastD: fastD, fastDType: fastDType)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            bar += 1
            let r = rsi.next(inputs[0])
            guard bar >= rsiStart else {
                outputs[0] = .nan
                outputs[1] = .nan
                return
            }
            let (k, d) = stochastic.next(high: r, low: r, close: r)
            outputs[0] = k
            outputs[1] = d
        }
    }
}
