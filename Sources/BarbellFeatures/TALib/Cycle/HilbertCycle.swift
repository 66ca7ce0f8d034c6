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
    /// 180/π computed as TA-Lib computes it (`45 / atan(1)`).
    static let rad2Deg = 45.0 / atan(1.0)

    /// First bar on which the Hilbert stage runs: TA-Lib primes only the WMA before it (bar 12
    /// for the lookback-32 functions, bar 37 for the lookback-63 ones).
    let hilbertStart: Int
    /// Number of bars consumed so far.
    private(set) var bar = 0
    /// The most recent raw prices, for the WMA's trailing value and the trendline average.
    private(set) var recent = RecentPrices()

    // Price smoother (TA-Lib's WMA recurrence with period 4).
    private var wmaSub = 0.0
    private var wmaSum = 0.0
    private var trailingWMAValue = 0.0
    /// The latest smoothed price.
    private(set) var smoothed = 0.0

    // Hilbert transform state.
    private var slot = 0
    private var even = HilbertFilters()
    private var odd = HilbertFilters()
    private var i1ForEvenPrev2 = 0.0
    private var i1ForEvenPrev3 = 0.0
    private var i1ForOddPrev2 = 0.0
    private var i1ForOddPrev3 = 0.0
    private var prevQ2 = 0.0
    private var prevI2 = 0.0
    private var re = 0.0
    private var im = 0.0

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

    /// Consumes one price. Returns true when the Hilbert stage ran for it, i.e. when the
    /// period, phasor and smoothed price describe this bar.
    @inline(__always)
    mutating func update(_ x: Double) -> Bool {
        let today = bar
        bar += 1
        recent.append(x)
        // The first three bars only seed the WMA sums (TA-Lib's unrolled initialisation).
        switch today {
        case 0:
            wmaSub = x
            wmaSum = x
            return false
        case 1:
            wmaSub += x
            wmaSum += x * 2.0
            return false
        case 2:
            wmaSub += x
            wmaSum += x * 3.0
            trailingWMAValue = 0.0
            return false
        default:
            break
        }
        wmaSub += x
        wmaSub -= trailingWMAValue
        wmaSum += x * 4.0
        trailingWMAValue = recent.back(3)
        smoothed = wmaSum * 0.1
        wmaSum -= wmaSub
        guard today >= hilbertStart else { return false }
        hilbertStep(evenBar: today & 1 == 0)
        return true
    }

    @inline(__always)
    private mutating func hilbertStep(evenBar: Bool) {
        let gain = 0.075 * period + 0.54
        let q1: Double
        let jI: Double
        let jQ: Double
        let i1: Double
        if evenBar {
            let detrender = even.detrender.apply(smoothed, slot: slot, gain: gain)
            q1 = even.q1.apply(detrender, slot: slot, gain: gain)
            i1 = i1ForEvenPrev3
            jI = even.jI.apply(i1, slot: slot, gain: gain)
            jQ = even.jQ.apply(q1, slot: slot, gain: gain)
            // The tap slot advances once per even/odd pair, after the even bar.
            slot += 1
            if slot == 3 { slot = 0 }
            // The odd bars' I1 is this detrender, three bars later.
            i1ForOddPrev3 = i1ForOddPrev2
            i1ForOddPrev2 = detrender
        } else {
            let detrender = odd.detrender.apply(smoothed, slot: slot, gain: gain)
            q1 = odd.q1.apply(detrender, slot: slot, gain: gain)
            i1 = i1ForOddPrev3
            jI = odd.jI.apply(i1, slot: slot, gain: gain)
            jQ = odd.jQ.apply(q1, slot: slot, gain: gain)
            i1ForEvenPrev3 = i1ForEvenPrev2
            i1ForEvenPrev2 = detrender
        }
        inPhase = i1
        quadrature = q1
        let q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2
        let i2 = 0.2 * (i1 - jQ) + 0.8 * prevI2

        // Homodyne discriminator.
        re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re
        im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im
        prevQ2 = q2
        prevI2 = i2
        let previous = period
        if im != 0.0 && re != 0.0 {
            period = 360.0 / (atan(im / re) * Self.rad2Deg)
        }
        let upper = 1.5 * previous
        if period > upper { period = upper }
        let lower = 0.67 * previous
        if period < lower { period = lower }
        if period < 6 {
            period = 6
        } else if period > 50 {
            period = 50
        }
        period = 0.2 * period + 0.8 * previous
        smoothPeriod = 0.33 * period + 0.67 * smoothPeriod
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

/// Three filter taps addressed circularly, one of TA-Lib's `xxx_Odd[3]` / `xxx_Even[3]` arrays.
struct HilbertTaps {
    private var t0 = 0.0
    private var t1 = 0.0
    private var t2 = 0.0

    /// Stores `value` in `slot` and returns what was there.
    @inline(__always)
    mutating func exchange(_ slot: Int, _ value: Double) -> Double {
        let old: Double
        switch slot {
        case 0:
            old = t0
            t0 = value
        case 1:
            old = t1
            t1 = value
        default:
            old = t2
            t2 = value
        }
        return old
    }
}

/// One Hilbert FIR filter for one bar parity:
/// `(0.0962·x[t] + 0.5769·x[t-2] − 0.5769·x[t-4] − 0.0962·x[t-6]) · (0.075·period + 0.54)`,
/// evaluated in TA-Lib's incremental order so the rounding matches.
struct HilbertFilter {
    private var taps = HilbertTaps()
    private var previousTerm = 0.0
    private var previousInput = 0.0

    @inline(__always)
    mutating func apply(_ input: Double, slot: Int, gain: Double) -> Double {
        let scaled = HilbertCycle.a * input
        var value = 0 - taps.exchange(slot, scaled)
        value += scaled
        value -= previousTerm
        previousTerm = HilbertCycle.b * previousInput
        value += previousTerm
        previousInput = input
        value *= gain
        return value
    }
}

/// The four filters of one bar parity.
struct HilbertFilters {
    var detrender = HilbertFilter()
    var q1 = HilbertFilter()
    var jI = HilbertFilter()
    var jQ = HilbertFilter()
}

/// The last 64 raw prices in a fixed ring (no allocation per bar); slots never written read as
/// zero.
struct RecentPrices {
    private static let capacity = 64
    private var storage = [Double](repeating: 0, count: RecentPrices.capacity)
    private var head = 0

    @inline(__always)
    mutating func append(_ x: Double) {
        storage[head] = x
        head = (head + 1) & (Self.capacity - 1)
    }

    /// The price `lag` bars back, 0 the newest; `lag` < 64.
    @inline(__always)
    func back(_ lag: Int) -> Double {
        storage[(head - 1 - lag) & (Self.capacity - 1)]
    }
}
