import Foundation

/// The engine shared by TA-Lib's Hilbert-transform family (`HT_DCPERIOD`, `HT_DCPHASE`,
/// `HT_PHASOR`, `HT_SINE`, `HT_TRENDMODE`, `HT_TRENDLINE`), after John Ehlers, *Rocket Science
/// for Traders* (2001), as TA-Lib codes it.
///
/// Each price goes through:
/// 1. a 4-bar weighted moving average (weights 1-2-3-4, divided by 10) kept as TA-Lib keeps it,
///    a weighted sum and a plain sum updated in place;
/// 2. from bar ``hilbertStart`` on, four Hilbert FIR filters (detrender, Q1, jI, jQ), each run
///    separately for even and odd bars with three-slot circular tap buffers, exactly as TA-Lib's
///    `HILBERT_VARIABLES` / `DO_HILBERT_EVEN` / `DO_HILBERT_ODD` macros do;
/// 3. the homodyne discriminator, which turns the smoothed I/Q phasor into the dominant cycle
///    ``period`` (clamped to 0.67–1.5 × the previous period and to 6...50 bars) and its
///    smoothed form ``smoothPeriod``.
///
/// Batch kernels and streams of the family drive this one value type bar by bar, so both perform
/// the same floating-point operations in the same order and agree bit for bit by construction.
/// TA-Lib's parity test (`bar % 2`) counts bars from the first one given, which is also the
/// first bar without NaN (the framework's leading-NaN rule), so ``bar`` counts from there too.
struct HilbertCycle {
    /// The filter coefficients of Ehlers' Hilbert transform.
    static let a = 0.0962
    static let b = 0.5769
    /// 180/π as TA-Lib computes it (`45 / atan(1)`), written out so it folds into the loops
    /// (a computed global costs a `swift_once` call per use); a test checks the two agree.
    static let rad2Deg = 57.29577951308232
    /// 360 / rad2Deg = 2π: TA-Lib's `360 / (atan(·)·rad2Deg)` as one division (a multiply
    /// less on the dependency chain).
    static let degreesPerCycleInRadians = 360.0 / 57.29577951308232

    private var engine: HilbertEngine
    private var filters = [Double](repeating: 0, count: HilbertEngine.filterStateCount)
    /// The three previous raw prices (newest first), for the WMA's trailing value.
    private var previous1 = 0.0
    private var previous2 = 0.0
    private var previous3 = 0.0

    init(hilbertStart: Int) {
        engine = HilbertEngine(hilbertStart: hilbertStart)
    }

    /// Number of bars consumed so far.
    var bar: Int { engine.bar }
    /// The latest smoothed price.
    var smoothed: Double { engine.smoothed }
    /// In-phase component of the latest bar, `HT_PHASOR`.
    var inPhase: Double { engine.inPhase }
    /// Quadrature component of the latest bar, `HT_PHASOR`.
    var quadrature: Double { engine.quadrature }
    /// Dominant cycle period, `HT_DCPERIOD`.
    var smoothPeriod: Double { engine.smoothPeriod }

    /// Consumes one price (see ``HilbertEngine/update(_:back3:filters:)``).
    @inline(__always)
    mutating func update(_ x: Double) -> Bool {
        let back3 = previous3
        previous3 = previous2
        previous2 = previous1
        previous1 = x
        var e = engine
        let ran = filters.withUnsafeMutableBufferPointer { e.update(x, back3: back3, filters: $0.baseAddress!) }
        engine = e
        return ran
    }

    /// The dominant cycle as a whole number of bars, `(int)(smoothPeriod + 0.5)` in TA-Lib.
    /// A NaN period (after a NaN price) gives 0, which, like C's conversion, runs no averaging
    /// loop; Swift's `Int(_:)` would trap instead.
    @inline(__always)
    static func cycleLength(_ smoothPeriod: Double) -> Int {
        let rounded = smoothPeriod + 0.5
        return rounded.isNaN ? 0 : Int(rounded)
    }
}

/// The scalar state of ``HilbertCycle``; the eight filters' taps live in a caller's buffer of
/// ``filterStateCount`` doubles (zeroed at first), addressed as TA-Lib addresses its arrays, so a
/// batch kernel keeps this value in registers and the taps in place (no shifting per bar).
struct HilbertEngine {
    /// Five doubles per filter (three circular taps, the previous term, the previous input),
    /// four filters per bar parity.
    static let filterStateCount = 40

    /// First bar on which the Hilbert stage runs: TA-Lib primes only the WMA before it (bar 12
    /// for the lookback-32 functions, bar 37 for the lookback-63 ones).
    let hilbertStart: Int
    /// Number of bars consumed so far.
    private(set) var bar = 0

    // Price smoother (TA-Lib's WMA recurrence with period 4).
    private var wmaSub = 0.0
    private var wmaSum = 0.0
    private var trailingWMAValue = 0.0
    /// The latest smoothed price.
    private(set) var smoothed = 0.0

    // Hilbert transform state.
    private var slot = 0
    private var i1ForEvenPrev2 = 0.0
    private var i1ForEvenPrev3 = 0.0
    private var i1ForOddPrev2 = 0.0
    private var i1ForOddPrev3 = 0.0
    private var prevQ2 = 0.0
    private var prevI2 = 0.0
    private var re = 0.0
    private var im = 0.0
    /// The filters' gain for the next bar, `0.075·period + 0.54`.
    private var gain = 0.54

    /// In-phase component of the latest bar (the detrender delayed three bars), `HT_PHASOR`.
    private(set) var inPhase = 0.0
    /// Quadrature component of the latest bar (Q1), `HT_PHASOR`.
    private(set) var quadrature = 0.0
    /// Dominant cycle period before the final smoothing.
    private(set) var period = 0.0
    /// Dominant cycle period, `HT_DCPERIOD`.
    private(set) var smoothPeriod = 0.0

    init(hilbertStart: Int) {
        self.hilbertStart = hilbertStart
    }

    /// Consumes one price; `back3` is the price three bars before it (read only from the fourth
    /// bar on). Returns true when the Hilbert stage ran for it, i.e. when the period, phasor and
    /// smoothed price describe this bar.
    @inline(__always)
    mutating func update(_ x: Double, back3: Double, filters: UnsafeMutablePointer<Double>) -> Bool {
        let today = bar
        bar &+= 1
        // The first three bars only seed the WMA sums (TA-Lib's unrolled initialisation).
        if today < 3 {
            switch today {
            case 0:
                wmaSub = x
                wmaSum = x
            case 1:
                wmaSub += x
                wmaSum += x * 2.0
            default:
                wmaSub += x
                wmaSum += x * 3.0
                trailingWMAValue = 0.0
            }
            return false
        }
        wmaSub += x
        wmaSub -= trailingWMAValue
        wmaSum += x * 4.0
        trailingWMAValue = back3
        smoothed = wmaSum * 0.1
        wmaSum -= wmaSub
        guard today >= hilbertStart else { return false }
        hilbertStep(evenBar: today & 1 == 0, filters: filters)
        return true
    }

    /// One Hilbert FIR filter for one bar parity, its state at `f`, before its gain:
    /// `0.0962·x[t] + 0.5769·x[t-2] − 0.5769·x[t-4] − 0.0962·x[t-6]`, `scaled` being
    /// `0.0962·x[t]` (the caller forms it). TA-Lib sums the terms in the order x[t], x[t−4],
    /// x[t−2] and then applies the gain `0.075·period + 0.54`; the older terms are summed first
    /// here, and a filtered filter output's scaled input is formed as `(0.0962·raw)·gain` rather
    /// than `0.0962·(raw·gain)`, which takes operations off the bar-to-bar dependency chain
    /// (a reassociation within the fixtures' 1e-9, shared by batch and stream).
    @inline(__always)
    private static func raw(_ f: UnsafeMutablePointer<Double>, _ input: Double, scaled: Double, slot: Int) -> Double {
        let oldest = f[slot]
        f[slot] = scaled
        let previousTerm = f[3]
        let term = HilbertCycle.b * f[4]
        f[3] = term
        f[4] = input
        return scaled + ((term - previousTerm) - oldest)
    }

    @inline(__always)
    private mutating func hilbertStep(evenBar: Bool, filters: UnsafeMutablePointer<Double>) {
        let a = HilbertCycle.a
        let f = evenBar ? filters : filters + 20
        let detrenderRaw = Self.raw(f, smoothed, scaled: a * smoothed, slot: slot)
        let detrender = detrenderRaw * gain
        let q1Raw = Self.raw(f + 5, detrender, scaled: (a * detrenderRaw) * gain, slot: slot)
        let q1 = q1Raw * gain
        let i1 = evenBar ? i1ForEvenPrev3 : i1ForOddPrev3
        let jI = Self.raw(f + 10, i1, scaled: a * i1, slot: slot) * gain
        let jQRaw = Self.raw(f + 15, q1, scaled: (a * q1Raw) * gain, slot: slot)
        if evenBar {
            // The tap slot advances once per even/odd pair, after the even bar.
            slot &+= 1
            if slot == 3 { slot = 0 }
            // The odd bars' I1 is this detrender, three bars later.
            i1ForOddPrev3 = i1ForOddPrev2
            i1ForOddPrev2 = detrender
        } else {
            i1ForEvenPrev3 = i1ForEvenPrev2
            i1ForEvenPrev2 = detrender
        }
        let fifthGain = 0.2 * gain
        inPhase = i1
        quadrature = q1
        // TA-Lib's `0.2·(Q1 + jI) + 0.8·prevQ2`, `0.2·(I1 − jQ) + 0.8·prevI2` and the
        // homodyne discriminator's `0.2·(I2·prevI2 + Q2·prevQ2) + 0.8·Re`,
        // `0.2·(I2·prevQ2 − Q2·prevI2) + 0.8·Im`, distributed so the terms known early are
        // summed first and the values computed last in the bar (Q1, jQ, I2) meet one multiply
        // and one addition each (a reassociation within the fixtures' 1e-9).
        let q2 = (0.2 * jI + 0.8 * prevQ2) + q1Raw * fifthGain
        let i2 = (0.2 * i1 + 0.8 * prevI2) - jQRaw * fifthGain

        // Homodyne discriminator.
        re = (0.2 * prevI2) * i2 + ((0.2 * prevQ2) * q2 + 0.8 * re)
        im = (0.2 * prevQ2) * i2 - ((0.2 * prevI2) * q2 - 0.8 * im)
        prevQ2 = q2
        prevI2 = i2
        let previous = period
        if im != 0.0 && re != 0.0 {
            period = HilbertCycle.degreesPerCycleInRadians / atan(im / re)
        }
        // TA-Lib clamps to [0.67, 1.5] × the previous period, then to [6, 50]. Clamping is
        // monotone, so that equals one clamp to the bounds clamped to [6, 50], which depend
        // only on the previous period and leave two comparisons on the dependency chain.
        var upper = 1.5 * previous
        if upper < 6 {
            upper = 6
        } else if upper > 50 {
            upper = 50
        }
        var lower = 0.67 * previous
        if lower < 6 {
            lower = 6
        } else if lower > 50 {
            lower = 50
        }
        if period > upper { period = upper }
        if period < lower { period = lower }
        let clamped = period
        period = 0.2 * clamped + 0.8 * previous
        // TA-Lib's next `0.075·period + 0.54`, from the clamped period directly (one multiply
        // and one addition after the clamps instead of two of each).
        gain = 0.015 * clamped + (0.06 * previous + 0.54)
        smoothPeriod = 0.33 * period + 0.67 * smoothPeriod
    }
}

extension HilbertEngine {
    /// The batch kernels' loop: runs an engine over `count` prices at `x` (the prices three bars
    /// back read in place) and calls `body(i, ran, engine)` after each bar, `ran` telling whether
    /// the Hilbert stage ran.
    @inline(__always)
    static func drive(_ x: UnsafePointer<Double>, count: Int, hilbertStart: Int,
                      _ body: (Int, Bool, HilbertEngine) -> Void) {
        var engine = HilbertEngine(hilbertStart: hilbertStart)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: filterStateCount) { buffer in
            let filters = buffer.baseAddress!
            filters.initialize(repeating: 0, count: filterStateCount)
            var i = 0
            let head = min(3, count)
            while i < head {
                let ran = engine.update(x[i], back3: 0, filters: filters)
                body(i, ran, engine)
                i &+= 1
            }
            while i < count {
                let ran = engine.update(x[i], back3: x[i &- 3], filters: filters)
                body(i, ran, engine)
                i &+= 1
            }
        }
    }
}
