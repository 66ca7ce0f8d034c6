/// Chaikin A/D oscillator (`TA_ADOSC`): `EMA(AD, fast) − EMA(AD, slow)` with
/// `k = 2 / (period + 1)`. Unlike TA-Lib's other EMAs, both start from the first A/D value
/// (no SMA seed), and the first output comes after `max(fast, slow) − 1` bars.
enum ADOSC {
    static func lookback(fast: Int, slow: Int) -> Int { max(fast, slow) - 1 }

    struct State: Sendable {
        let lookback: Int
        let fastK: Double, fastKeep: Double
        let slowK: Double, slowKeep: Double
        var ad = 0.0
        var fastEMA = 0.0
        var slowEMA = 0.0
        var seen = 0

        init(fast: Int, slow: Int) {
            lookback = ADOSC.lookback(fast: fast, slow: slow)
            fastK = 2.0 / Double(fast + 1)
            fastKeep = 1.0 - fastK
            slowK = 2.0 / Double(slow + 1)
            slowKeep = 1.0 - slowK
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double, volume: Double) -> Double {
            AD.accumulate(&ad, high: high, low: low, close: close, volume: volume)
            if seen == 0 {
                fastEMA = ad
                slowEMA = ad
            } else {
                fastEMA = (fastK * ad) + (fastKeep * fastEMA)
                slowEMA = (slowK * ad) + (slowKeep * slowEMA)
            }
            seen += 1
            return seen > lookback ? fastEMA - slowEMA : .nan
        }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      volume: UnsafeBufferPointer<Double>, fast: Int, slow: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, v = volume.baseAddress!, o = out.baseAddress!
        let state = State(fast: fast, slow: slow)
        let fastK = state.fastK, fastKeep = state.fastKeep, slowK = state.slowK, slowKeep = state.slowKeep
        let lookback = state.lookback
        // `State.next` with the state in registers: the first bar seeds both EMAs with the A/D.
        var ad = 0.0
        AD.accumulate(&ad, high: h[0], low: l[0], close: c[0], volume: v[0])
        var fastEMA = ad, slowEMA = ad
        if lookback == 0 { o[0] = fastEMA - slowEMA }
        var i = 1
        while i < n {
            AD.accumulate(&ad, high: h[i], low: l[i], close: c[i], volume: v[i])
            fastEMA = (fastK * ad) + (fastKeep * fastEMA)
            slowEMA = (slowK * ad) + (slowKeep * slowEMA)
            if i >= lookback { o[i] = fastEMA - slowEMA }
            i += 1
        }
    }

    struct Stream: FeatureStream {
        var state: State
        init(fast: Int, slow: Int) { state = State(fast: fast, slow: slow) }
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(high: inputs[0], low: inputs[1], close: inputs[2], volume: inputs[3])
        }
    }
}
