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
        if !started || unstable {
            started = true
            observations = 0; mean = 0; m2 = 0; compensationAdd = 0; compensationRemove = 0
            var k = min(window, available) - 1
            while k >= 0 {
                add(history.lag(k))
                k -= 1
            }
            unstable = false
        }
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
}
