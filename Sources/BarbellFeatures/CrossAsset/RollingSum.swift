/// A rolling sum of the last `window` values that skips NaN and infinite values, counting them
/// instead: the mean is NaN while such a value is in the window (pandas' `rolling(window).mean()`
/// with `min_periods = window`) and recovers once it leaves.
struct RollingSum {
    var sum = 0.0
    var valid = 0
    var invalid = 0

    @inline(__always)
    mutating func add(_ x: Double) {
        guard x.isFinite else { invalid += 1; return }
        sum += x
        valid += 1
    }

    @inline(__always)
    mutating func remove(_ x: Double) {
        guard x.isFinite else { invalid -= 1; return }
        sum -= x
        valid -= 1
        if valid == 0 { sum = 0 }
    }

    @inline(__always) var mean: Double { invalid == 0 && valid > 0 ? sum / Double(valid) : .nan }
}
