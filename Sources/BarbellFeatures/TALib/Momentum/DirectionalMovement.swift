/// Wilder's directional movement state, shared by TA-Lib's `PLUS_DM`, `MINUS_DM`, `PLUS_DI`,
/// `MINUS_DI`, `DX`, `ADX` and `ADXR` (which TA-Lib implements as separate copies of one loop).
///
/// Per bar, with `up = high - prevHigh` and `down = prevLow - low`:
/// - `+DM1 = up` when `up > 0 && up > down`, else 0; `-DM1 = down` when `down > 0 && up < down`,
///   else 0 (equal moves give neither);
/// - `TR1` is TA-Lib's true range: `high - low`, replaced by `|high - prevClose|` and then by
///   `|low - prevClose|` when larger (NaN comparisons are false, so a NaN stays).
///
/// The first `period - 1` one-bar values (bars 1 ... period-1) are summed; from bar `period`
/// on each sum is Wilder-smoothed. TA-Lib computes `s - s / period + x1`; here it is
/// `s * ((period - 1) / period) + x1`, which differs by rounding only (well inside the 1e-9
/// parity tolerance) and keeps the division off the bar-to-bar dependency chain.
///
/// Reference: J. Welles Wilder Jr., *New Concepts in Technical Trading Systems* (1978).
struct DirectionalMovement {
    let period: Int
    let periodValue: Double
    /// `(period - 1) / period`, the smoothing's decay factor.
    let decay: Double
    /// Which movements to maintain; PLUS_DI and MINUS_DI need one side only, and skipping the
    /// other saves a division per bar (TA-Lib's separate functions skip it too).
    let tracksPlus: Bool
    let tracksMinus: Bool
    /// Bars consumed so far.
    private(set) var bars = 0
    private var prevHigh = 0.0
    private var prevLow = 0.0
    private var prevClose = 0.0
    /// Summed, then smoothed +DM, -DM and TR.
    private(set) var plusDM = 0.0
    private(set) var minusDM = 0.0
    private(set) var trueRange = 0.0
    /// The latest bar's one-period values (unsmoothed), for the period-1 forms.
    private(set) var plusDM1 = 0.0
    private(set) var minusDM1 = 0.0
    private(set) var trueRange1 = 0.0

    init(period: Int, tracksPlus: Bool = true, tracksMinus: Bool = true) {
        self.period = period
        self.periodValue = Double(period)
        self.decay = Double(period - 1) / Double(period)
        self.tracksPlus = tracksPlus
        self.tracksMinus = tracksMinus
    }

    /// Consumes one bar. `close` only feeds the true range; DM-only users may pass 0.
    @inline(__always)
    mutating func update(high: Double, low: Double, close: Double) {
        if bars == 0 {
            prevHigh = high
            prevLow = low
            prevClose = close
            bars = 1
            return
        }
        if bars < period {
            measure(high: high, low: low, close: close)
            plusDM += plusDM1
            minusDM += minusDM1
            trueRange += trueRange1
            bars += 1
        } else {
            advance(high: high, low: low, close: close)
        }
    }

    /// ``update(high:low:close:)`` for a bar past the seeding (`bars >= period`), without the
    /// phase tests; batch loops call it directly.
    @inline(__always)
    mutating func advance(high: Double, low: Double, close: Double) {
        measure(high: high, low: low, close: close)
        // Adding an exact 0.0 for "no movement" is what TA-Lib's skipped addition does.
        if tracksPlus { plusDM = plusDM * decay + plusDM1 }
        if tracksMinus { minusDM = minusDM * decay + minusDM1 }
        trueRange = trueRange * decay + trueRange1
        bars += 1
    }

    /// The one-bar movements and true range against the previous bar.
    @inline(__always)
    private mutating func measure(high: Double, low: Double, close: Double) {
        let up = high - prevHigh
        prevHigh = high
        let down = prevLow - low
        prevLow = low
        (plusDM1, minusDM1) = Self.moves(up: up, down: down)
        trueRange1 = TALibMath.trueRange(high: high, low: low, prevClose: prevClose)
        prevClose = close
    }

    /// Feeds bars `0 ..< min(period, count)` (the seeding) and returns the next bar index.
    @inline(__always)
    mutating func seed(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>) -> Int {
        let end = Swift.min(period, high.count)
        var i = 0
        while i < end {
            update(high: high[i], low: low[i], close: close[i])
            i += 1
        }
        return i
    }

    /// (+DM1, -DM1): `+DM1 = up` when `up > 0 && up > down`, `-DM1 = down` when
    /// `down > 0 && up < down`, else 0; computed together as packed compares and a blend, since
    /// the tests are coin flips on real data and scalar selects get compiled into branches.
    @inline(__always)
    static func moves(up: Double, down: Double) -> (plus: Double, minus: Double) {
        let a = SIMD2<Double>(up, down), b = SIMD2<Double>(down, up)
        let zero = SIMD2<Double>(repeating: 0)
        let m = zero.replacing(with: a, where: (a .> zero) .& (a .> b))
        return (m[0], m[1])
    }

    /// `100 * dm / tr`, or 0 unless `tr > 0` (TA-Lib 0.8 tests the smoothed range that way, so a
    /// NaN range yields 0, not NaN).
    @inline(__always)
    static func index(_ dm: Double, _ tr: Double) -> Double {
        tr > 0 ? 100.0 * (dm / tr) : 0
    }

    /// The DX of the smoothed values, or nil where TA-Lib keeps its previous value (range not
    /// positive, or the two indexes summing to zero).
    @inline(__always)
    var dx: Double? {
        guard trueRange > 0 else { return nil }
        // One division for both indexes (rounding differs from TA-Lib's by an ulp).
        let scale = 100.0 / trueRange
        let minusDI = minusDM * scale
        let plusDI = plusDM * scale
        let sum = minusDI + plusDI
        if TALibMath.isZero(sum) { return nil }
        return 100.0 * (abs(minusDI - plusDI) / sum)
    }
}
