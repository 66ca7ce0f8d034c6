/// Triangular moving average: weights rising linearly to the middle of the window and falling
/// back (`1,2,3,2,1` for 5 bars, `1,2,3,3,2,1` for 6), i.e. an SMA of an SMA. Computed with
/// `TA_TRIMA`'s O(1) recurrence: a numerator and two half-window sums (the older half
/// `numeratorSub`, the newer half `numeratorAdd`) adjusted by four values per bar.
enum TRIMA {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// `1 / Σ weights`: `(h+1)²` for an odd period, `h·(h+1)` for an even one, `h = period / 2`.
    static func factor(_ period: Int) -> Double {
        let h = period >> 1
        return 1.0 / Double(period % 2 == 1 ? (h + 1) * (h + 1) : h * (h + 1))
    }

    /// The running sums over the first window `value(0..<period)`, in TA-Lib's order: the older
    /// half from its newest value back to the oldest, then the newer half oldest first.
    @inline(__always)
    static func seed(period: Int, _ value: (Int) -> Double) -> (numerator: Double, sub: Double, add: Double) {
        let h = period >> 1
        let middle = period % 2 == 1 ? h : h - 1
        var numerator = 0.0, sub = 0.0, add = 0.0
        var i = middle
        while i >= 0 {
            sub += value(i)
            numerator += sub
            i -= 1
        }
        for j in (middle + 1)..<period {
            add += value(j)
            numerator += add
        }
        return (numerator, sub, add)
    }

    /// One bar of the recurrence: `leaving` is the value that left the window at the previous
    /// bar, `middle` the value crossing from the newer half to the older, `today` the new value.
    @inline(__always)
    static func step(odd: Bool, numerator: inout Double, sub: inout Double, add: inout Double,
                     leaving: Double, middle: Double, today: Double) {
        numerator -= sub
        sub -= leaving
        sub += middle
        if odd {
            numerator += add
            add -= middle
        } else {
            add -= middle
            numerator += add
        }
        add += today
        numerator += today
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        let factor = factor(period)
        let h = period >> 1
        let odd = period % 2 == 1
        var (numerator, sub, add) = seed(period: period) { x[$0] }
        out[period - 1] = numerator * factor
        var today = period
        while today < n {
            step(odd: odd, numerator: &numerator, sub: &sub, add: &add,
                 leaving: x[today - period], middle: x[today - h], today: x[today])
            out[today] = numerator * factor
            today += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        let half: Int
        let odd: Bool
        let factor: Double
        /// The last `period + 1` inputs: the window and the value that just left it.
        var window: RingBuffer
        var numerator = 0.0
        var sub = 0.0
        var add = 0.0

        init(period: Int) {
            self.period = period
            self.half = period >> 1
            self.odd = period % 2 == 1
            self.factor = TRIMA.factor(period)
            self.window = RingBuffer(capacity: period + 1)
        }

        mutating func next(_ x: Double) -> Double {
            window.append(x)
            let count = window.count
            if count < period { return .nan }
            if count == period {
                let w = window
                (numerator, sub, add) = TRIMA.seed(period: period) { w[$0] }
                return numerator * factor
            }
            TRIMA.step(odd: odd, numerator: &numerator, sub: &sub, add: &add,
                       leaving: window[0], middle: window[period - half], today: x)
            return numerator * factor
        }
    }
}
