/// A TA-Lib candlestick pattern written once over a ``Candles`` view, so the batch kernel and
/// the stream run the same code on the same numbers.
///
/// The engine keeps one running total per ``slots`` entry exactly as TA-Lib does: the initial
/// sum is accumulated oldest first, and after every evaluated bar the newest range is added and
/// the one leaving the window subtracted in one step (`total += new - old`). Patterns with state
/// across bars (Hikkake) see ``primingBars`` bars before their first output.
protocol CandlePattern: SendableMetatype {
    init(_ parameters: FeatureParameters)
    /// Running totals `evaluate` reads, `totals[k]` for `slots[k]`. Patterns return a
    /// ``CandleSlots`` value from a computed property, so after inlining the compiler sees
    /// constant slots, updates them in straight-line code and keeps the totals in registers.
    static var slots: CandleSlots { get }
    /// TA-Lib's `TA_CDLxxx_Lookback`.
    static var lookback: Int { get }
    /// Bars before ``lookback`` that are evaluated (state only, no output); 0 for most patterns.
    static var primingBars: Int { get }
    /// How many bars back `evaluate` reads, plus one.
    static var span: Int { get }
    /// The pattern's value at the current bar: 0, ±100, ±80 (weak Engulfing/Harami) or ±200
    /// (confirmed Hikkake).
    mutating func evaluate(_ bar: Candles, _ totals: CandleTotals) -> Double
}

extension CandlePattern {
    static var primingBars: Int { 0 }
    static var span: Int { lookback + 1 }

    /// Bars of history a stream keeps: the pattern's reach and the windows of its totals.
    static var history: Int {
        let slots = slots
        var bars = max(span, primingBars + 1)
        for k in 0..<slots.count { bars = max(bars, slots[k].lag + slots[k].setting.averagePeriod + 1) }
        return bars
    }
}

/// Batch and streaming drivers shared by every candlestick pattern.
enum CandlePatternKernel {
    /// Fills `out` for the whole series like TA-Lib's Python wrapper: 0 (no pattern) on the
    /// leading bars without all four prices and through the lookback, the pattern after that.
    static func batch<P: CandlePattern>(_: P.Type, _ inputs: BatchInputs, _ parameters: FeatureParameters, _ out: UnsafeMutableBufferPointer<Double>) {
        let open = inputs[0], high = inputs[1], low = inputs[2], close = inputs[3]
        let n = inputs.count
        var start = 0
        while start < n, open[start].isNaN || high[start].isNaN || low[start].isNaN || close[start].isNaN { start += 1 }
        let lookback = P.lookback
        let firstOutput = min(n, start + lookback)
        for i in 0..<firstOutput { out[i] = 0 }
        guard n - start > lookback else { return }
        var pattern = P(parameters)
        let slots = P.slots
        let first = start + lookback - P.primingBars
        let o = open.baseAddress!, h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!
        var totals = CandleTotals()
        for k in 0..<slots.count {
            let period = slots[k].setting.averagePeriod
            guard period > 0 else { continue }
            var j = first - period
            while j < first {
                let bar = Candles(openAt: o + j, highAt: h + j, lowAt: l + j, closeAt: c + j, index: j - start)
                totals[k] += bar.range(slots[k].setting, slots[k].lag)
                j += 1
            }
        }
        var i = first
        while i < n {
            let bar = Candles(openAt: o + i, highAt: h + i, lowAt: l + i, closeAt: c + i, index: i - start)
            let value = pattern.evaluate(bar, totals)
            if i >= firstOutput { out[i] = value }
            advance(slots, bar, &totals)
            i += 1
        }
    }

    /// Slides every total one bar: adds the range of the candle entering the window and
    /// subtracts that of the candle leaving it, as one `+= new - old`.
    // `@_transparent` because `@inline(__always)` was not honoured here at eight slots, and an
    // out-of-line update forces the totals through memory on every bar.
    @_transparent
    static func advance(_ slots: CandleSlots, _ bar: Candles, _ totals: inout CandleTotals) {
        let count = slots.count
        if count > 0 { slide(slots.s0, bar, &totals.t0) }
        if count > 1 { slide(slots.s1, bar, &totals.t1) }
        if count > 2 { slide(slots.s2, bar, &totals.t2) }
        if count > 3 { slide(slots.s3, bar, &totals.t3) }
        if count > 4 { slide(slots.s4, bar, &totals.t4) }
        if count > 5 { slide(slots.s5, bar, &totals.t5) }
        if count > 6 { slide(slots.s6, bar, &totals.t6) }
        if count > 7 { slide(slots.s7, bar, &totals.t7) }
    }

    @_transparent
    static func slide(_ slot: CandleSlot, _ bar: Candles, _ total: inout Double) {
        let period = slot.setting.averagePeriod
        guard period > 0 else { return }
        total += bar.range(slot.setting, slot.lag) - bar.range(slot.setting, slot.lag + period)
    }

    /// The incremental form: the last bars in a contiguous buffer that is compacted every
    /// ``CandlePattern/history`` bars, so a bar costs O(slots) without allocating.
    struct Stream<P: CandlePattern>: FeatureStream {
        var pattern: P
        let slots: CandleSlots
        let history: Int
        let capacity: Int
        /// open, high, low, close columns of `capacity` values each.
        var buffer: [Double]
        var totals = CandleTotals()
        /// Bars in `buffer`.
        var held = 0
        /// Bars seen since the first bar with all four prices.
        var seen = 0
        var started = false

        init(_ parameters: FeatureParameters) {
            pattern = P(parameters)
            slots = P.slots
            history = P.history
            capacity = 2 * history
            buffer = [Double](repeating: 0, count: 4 * capacity)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = 0
            if !started {
                guard !inputs.contains(where: \.isNaN) else { return }
                started = true
            }
            if held == capacity {
                // Keep the newest `history - 1` bars at the front.
                let keep = history - 1
                for column in 0..<4 {
                    let base = column * capacity
                    for j in 0..<keep { buffer[base + j] = buffer[base + capacity - keep + j] }
                }
                held = keep
            }
            for column in 0..<4 { buffer[column * capacity + held] = inputs[column] }
            held += 1
            let i = seen
            seen += 1
            let lookback = P.lookback
            let first = lookback - P.primingBars
            let capacity = capacity, held = held
            let slots = slots
            var pattern = pattern, totals = totals
            let value: Double? = buffer.withUnsafeBufferPointer { b in
                let p = b.baseAddress! + (held - 1)
                let bar = Candles(openAt: p, highAt: p + capacity, lowAt: p + 2 * capacity, closeAt: p + 3 * capacity, index: i)
                if i < first {
                    // Build each total from the same bars, in the same order, as the batch warm-up.
                    for k in 0..<slots.count {
                        let period = slots[k].setting.averagePeriod
                        if period > 0, i >= first - period {
                            totals[k] += bar.range(slots[k].setting, slots[k].lag)
                        }
                    }
                    return nil
                }
                let value = pattern.evaluate(bar, totals)
                CandlePatternKernel.advance(slots, bar, &totals)
                return value
            }
            self.pattern = pattern
            self.totals = totals
            if i >= lookback, let value { outputs[0] = value }
        }
    }
}

extension FeatureDescriptor {
    /// A TA-Lib candlestick pattern: OHLC in, `integer` out (0, ±100, ±200 as `Double`).
    ///
    /// The policy is ``NaNPolicy/passThrough`` because the kernels reproduce the wrapper's rule
    /// themselves: TA-Lib's Python wrapper returns 0, not NaN, before the first bar with four
    /// prices and through the lookback, which the generic NaN-filling path cannot express.
    static func candlePattern<P: CandlePattern>(
        _ name: String, _ pattern: P.Type, summary: String, parameters: [ParameterDescriptor] = []
    ) -> FeatureDescriptor {
        FeatureDescriptor(
            name: name, group: .pattern, summary: summary, inputs: InputField.ohlc, parameters: parameters,
            outputs: ["integer"], nanPolicy: .passThrough, warmupValue: 0, writesEveryOutput: true, streamingCost: "O(1)",
            lookback: { _ in P.lookback },
            batch: { inputs, p, outputs in CandlePatternKernel.batch(P.self, inputs, p, outputs[0]) },
            stream: { CandlePatternKernel.Stream<P>($0) }
        )
    }
}

extension ParameterDescriptor {
    /// TA-Lib's `penetration`: how far into the prior body a candle must reach, 0...3e37.
    static func penetration(default value: Double) -> Self {
        .real("penetration", default: value, range: 0...3e37, "fraction of the prior real body the candle must penetrate")
    }
}
