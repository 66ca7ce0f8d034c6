/// pandas' rolling variance (`roll_var`, pandas 3.1) with `min_periods=1` and `ddof=1`, the
/// kernel behind Qlib's `Std`.
///
/// Welford's update with Kahan-compensated means, deletes before adds. When an update shrinks
/// the sum of squared deviations by more than a factor `1 / (1e3·ε)` the result is mostly
/// round-off, and pandas recomputes the whole window from scratch; so does this (from the
/// caller's history), which is why a window of equal values reads exactly 0.
struct PandasRollingVariance: Sendable {
    private var observations = 0.0
    private var mean = 0.0
    private var m2 = 0.0
    private var compensationAdd = 0.0
    private var compensationRemove = 0.0
    private var unstable = false
    private var started = false

    private static let inverseConditionTolerance = Double.ulpOfOne * 1e3

    @inline(__always)
    private mutating func add(_ x: Double) {
        guard !x.isNaN else { return }
        let previousM2 = m2
        observations += 1
        let previousMean = mean - compensationAdd
        let y = x - compensationAdd
        let t = y - mean
        compensationAdd = t + mean - y
        mean = mean + t / observations
        m2 = m2 + (x - previousMean) * (x - mean)
        if previousM2 * Self.inverseConditionTolerance > m2 { unstable = true }
    }

    @inline(__always)
    private mutating func remove(_ x: Double) {
        guard !x.isNaN else { return }
        let previousM2 = m2
        observations -= 1
        if observations != 0 {
            let previousMean = mean - compensationRemove
            let y = x - compensationRemove
            let t = y - mean
            compensationRemove = t + mean - y
            mean = mean - t / observations
            m2 = m2 - (x - previousMean) * (x - mean)
            if previousM2 * Self.inverseConditionTolerance > m2 { unstable = true }
        } else {
            mean = 0
            m2 = 0
            unstable = false
        }
    }

    /// Slides a `window`-bar window over `history` (pandas-clean values, newest at lag 0),
    /// `available` being how many bars the series has so far (the newest included).
    @inline(__always)
    mutating func slide<H: LagSource>(_ history: H, window: Int, available: Int) {
        if started {
            if available > window { remove(history.lag(window)) }
            add(history.lag(0))
        }
        if !started || unstable { rebuild(history, window: window, available: available) }
    }

    /// pandas' recompute of the whole window from scratch; nothing of the previous state is kept.
    private mutating func rebuild<H: LagSource>(_ history: H, window: Int, available: Int) {
        started = true
        observations = 0; mean = 0; m2 = 0; compensationAdd = 0; compensationRemove = 0
        var k = min(window, available) - 1
        while k >= 0 {
            add(history.lag(k))
            k -= 1
        }
        unstable = false
    }

    /// `Var(x, N)`: NaN with fewer than two values.
    var variance: Double { Self.variance(m2: m2, observations: observations) }

    /// `Std(x, N)`: pandas' `zsqrt`, a negative variance from round-off reads 0.
    var standardDeviation: Double { Self.standardDeviation(m2: m2, observations: observations) }

    /// The window's sum of squared deviations and count, for ``standardDeviation(m2:observations:)``
    /// evaluated later (the batch engine finishes a whole chunk at once, where the division and
    /// square root run two lanes at a time).
    var moments: (m2: Double, observations: Double) { (m2, observations) }

    @inline(__always)
    static func variance(m2: Double, observations: Double) -> Double {
        observations > 1 ? m2 / (observations - 1) : .nan
    }

    @inline(__always)
    static func standardDeviation(m2: Double, observations: Double) -> Double {
        let v = variance(m2: m2, observations: observations)
        return v < 0 ? 0 : v.squareRoot()
    }

    /// ``standardDeviation(m2:observations:)`` over `count` values in place (`values` holds the
    /// m2s on entry), two lanes at a time: the same correctly rounded division and square root,
    /// so the same bits, at half the instructions (the compiler leaves this loop scalar).
    static func standardDeviations(_ values: UnsafeMutablePointer<Double>, observations: UnsafePointer<Double>, count: Int) {
        var i = 0
        while i + 2 <= count {
            let m2 = Lanes.load(values + i)
            let n = Lanes.load(observations + i)
            let v = m2 / (n - 1)
            var result = Lanes.squareRoot(v)
            result.replace(with: 0, where: v .< 0)
            result.replace(with: .nan, where: n .<= 1)
            Lanes.store(result, values + i)
            i += 2
        }
        while i < count {
            values[i] = standardDeviation(m2: values[i], observations: observations[i])
            i += 1
        }
    }
}

extension PandasRollingVariance {
    /// Two windows over one series as the lanes of `SIMD2`s: the same operations in the same
    /// order per lane, so each lane is bit for bit the scalar ``PandasRollingVariance``.
    ///
    /// The scalar update is a chain of two dependent divisions per bar; a lane pair carries two
    /// windows on one chain, so a loop holding all of Alpha158's five windows keeps three chains
    /// in flight instead of queueing five. Anything off the steady state (warm-up, a NaN, the
    /// round-off rebuild) runs the scalar code on the lanes.
    struct Pair: Sendable {
        private var observations: SIMD2<Double>
        private var mean: SIMD2<Double>
        private var m2: SIMD2<Double>
        private var compensationAdd: SIMD2<Double>
        private var compensationRemove: SIMD2<Double>
        private var started: (Bool, Bool)

        init(_ a: PandasRollingVariance, _ b: PandasRollingVariance) {
            observations = SIMD2(a.observations, b.observations)
            mean = SIMD2(a.mean, b.mean)
            m2 = SIMD2(a.m2, b.m2)
            compensationAdd = SIMD2(a.compensationAdd, b.compensationAdd)
            compensationRemove = SIMD2(a.compensationRemove, b.compensationRemove)
            started = (a.started, b.started)
            // Both lanes' `unstable` flags are false between slides (a slide clears its own).
        }

        /// Lane `i` as a scalar state.
        func lane(_ i: Int) -> PandasRollingVariance {
            var s = PandasRollingVariance()
            s.observations = observations[i]
            s.mean = mean[i]
            s.m2 = m2[i]
            s.compensationAdd = compensationAdd[i]
            s.compensationRemove = compensationRemove[i]
            s.started = i == 0 ? started.0 : started.1
            return s
        }

        /// The two lanes' m2 and counts, as ``PandasRollingVariance/moments``.
        var moments: (m2: SIMD2<Double>, observations: SIMD2<Double>) { (m2, observations) }

        /// ``PandasRollingVariance/slide(_:window:available:)`` for lane windows `windows`.
        @inline(__always)
        mutating func slide(_ history: ColumnView, windows: (Int, Int), available: Int) {
            let entering = history.lag(0)
            let leaving = SIMD2(history.lag(windows.0), history.lag(windows.1))
            // The steady state: both lanes drop a number and take a number, and keep at least one.
            guard started.0, started.1, available > max(windows.0, windows.1), !entering.isNaN,
                  !leaving[0].isNaN, !leaving[1].isNaN, observations[0] > 1, observations[1] > 1 else {
                slideLanes(history, windows: windows, available: available)
                return
            }
            let tolerance = PandasRollingVariance.inverseConditionTolerance
            // remove(leaving), lane-wise.
            var previousM2 = m2
            observations -= 1
            var previousMean = mean - compensationRemove
            var y = leaving - compensationRemove
            var t = y - mean
            compensationRemove = t + mean - y
            mean = mean - t / observations
            m2 = m2 - (leaving - previousMean) * (leaving - mean)
            var unstable = previousM2 * tolerance .> m2
            // add(entering), lane-wise.
            let x = SIMD2(repeating: entering)
            previousM2 = m2
            observations += 1
            previousMean = mean - compensationAdd
            y = x - compensationAdd
            t = y - mean
            compensationAdd = t + mean - y
            mean = mean + t / observations
            m2 = m2 + (x - previousMean) * (x - mean)
            unstable .|= previousM2 * tolerance .> m2
            if any(unstable) { rebuild(history, windows: windows, available: available, where: unstable) }
        }

        /// pandas rebuilds an unstable window from scratch, which reads nothing of its state.
        @inline(never)
        private mutating func rebuild(_ history: ColumnView, windows: (Int, Int), available: Int,
                                      where unstable: SIMDMask<SIMD2<Int64>>) {
            var a = lane(0), b = lane(1)
            if unstable[0] { a.rebuild(history, window: windows.0, available: available) }
            if unstable[1] { b.rebuild(history, window: windows.1, available: available) }
            self = Pair(a, b)
        }

        @inline(never)
        private mutating func slideLanes(_ history: ColumnView, windows: (Int, Int), available: Int) {
            var a = lane(0), b = lane(1)
            a.slide(history, window: windows.0, available: available)
            b.slide(history, window: windows.1, available: available)
            self = Pair(a, b)
        }
    }
}
