/// pandas' rolling sum and mean (`roll_sum`, `roll_mean` in pandas 3.1
/// `_libs/window/aggregations.pyx`) with `min_periods=1`, which is what Qlib's `Sum` and `Mean`
/// call.
///
/// The window total is Kahan-compensated, with separate compensation terms for values entering
/// and leaving. Two corrections from pandas are kept because they decide exact zeros: when the
/// last `nobs` values are all equal the result is rebuilt from that value (so a window of zeros
/// sums to exactly 0 whatever left it before), and a mean of all-positive or all-negative values
/// never takes the wrong sign. NaN is skipped; an empty window gives NaN.
struct PandasRollingSum: Sendable {
    private var observations = 0
    private var total = 0.0
    private var compensationAdd = 0.0
    private var compensationRemove = 0.0
    private var negatives = 0
    private var sameRun = 0
    private var previous = Double.nan

    /// Slides the window: `leaving` (NaN when nothing leaves yet) out, `entering` in, in pandas'
    /// order (deletes before adds). Both must already be ``pandasValue(_:)``.
    @inline(__always)
    mutating func slide(entering: Double, leaving: Double) {
        if !leaving.isNaN {
            observations -= 1
            let y = -leaving - compensationRemove
            let t = total + y
            compensationRemove = t - total - y
            total = t
            negatives &-= leaving.sign == .minus ? 1 : 0
        }
        if !entering.isNaN {
            observations += 1
            let y = entering - compensationAdd
            let t = total + y
            compensationAdd = t - total - y
            total = t
            // Selects, not branches: in 0/1 series (up/down counts) and in gains and losses,
            // whether a value repeats is a coin flip, which a branch would mispredict half the time.
            negatives &+= entering.sign == .minus ? 1 : 0
            sameRun = entering == previous ? sameRun &+ 1 : 1
            previous = entering
        }
    }

    /// `Sum(x, N)`.
    var sum: Double {
        guard observations > 0 else { return .nan }
        return sameRun >= observations ? previous * Double(observations) : total
    }

    /// `Mean(x, N)`.
    var mean: Double {
        let parts = meanParts
        return Self.mean(parts.numerator, parts.denominator, clamp: parts.clamp)
    }

    /// ``mean`` as a quotient still to take, so the batch engine can take a whole chunk's
    /// divisions at once (two lanes at a time) after the window updates: an empty window is
    /// NaN / 1, a window of equal values that value / 1 (both exact), otherwise the total over
    /// the count, with the sign guard as `clamp` (1: a negative mean of non-negative values
    /// reads 0, 2: a positive mean of negative values reads 0, 0: none).
    var meanParts: (numerator: Double, denominator: Double, clamp: Double) {
        guard observations > 0 else { return (.nan, 1, 0) }
        if sameRun >= observations { return (previous, 1, 0) }
        let clamp: Double = negatives == 0 ? 1 : negatives == observations ? 2 : 0
        return (total, Double(observations), clamp)
    }

    @inline(__always)
    static func mean(_ numerator: Double, _ denominator: Double, clamp: Double) -> Double {
        let result = numerator / denominator
        if clamp == 1 && result < 0 { return 0 }
        if clamp == 2 && result > 0 { return 0 }
        return result
    }

    /// ``mean(_:_:clamp:)`` over `count` values in place (`values` holds the numerators on
    /// entry), two lanes at a time with the same correctly rounded division, so the same bits.
    static func means(_ values: UnsafeMutablePointer<Double>, denominators: UnsafePointer<Double>, clamps: UnsafePointer<Double>, count: Int) {
        var i = 0
        while i + 2 <= count {
            let numerator = Lanes.load(values + i)
            let denominator = Lanes.load(denominators + i)
            let clamp = Lanes.load(clamps + i)
            var result = numerator / denominator
            result.replace(with: 0, where: ((clamp .== 1) .& (result .< 0)) .| ((clamp .== 2) .& (result .> 0)))
            Lanes.store(result, values + i)
            i += 2
        }
        while i < count {
            values[i] = mean(values[i], denominators[i], clamp: clamps[i])
            i += 1
        }
    }
}
