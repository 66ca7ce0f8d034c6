/// The raw stochastic %K that TA-Lib's STOCH, STOCHF and STOCHRSI smooth:
/// `%K = (close - lowest low) / (highest high - lowest low) * 100` over the last `period` bars,
/// and 0 when the range is 0. (TA-Lib 0.8.1 rounds in this order; the classic C source divides by
/// `range / 100` instead, which differs in the last bits.)
///
/// The extremes are tracked as TA-Lib tracks them: the index of the current lowest low and highest
/// high is kept and the window is rescanned only when that index falls out of it; a new value
/// equal to the extreme takes its place (`<=`, `>=`). The range `highest - lowest` is
/// recomputed only when an extreme changes, so a NaN in the inputs stays in the result until the
/// extreme that absorbed it is rescanned away, exactly as in the C code.
enum StochasticK {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// Writes %K into `out` from index `period - 1` on; all columns have the same length.
    static func batch(
        high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
        period: Int, _ out: UnsafeMutableBufferPointer<Double>
    ) {
        let n = close.count
        var today = period - 1
        guard today < n else { return }
        let hp = high.baseAddress!, lp = low.baseAddress!, cp = close.baseAddress!, op = out.baseAddress!
        var extremes = Extremes()
        while today < n {
            op[today] = extremes.next(high: hp, low: lp, close: cp[today], today: today, trailing: today - (period - 1))
            today += 1
        }
    }

    /// The longest window the fused kernels scan directly with ``WindowScan``.
    static let maxScannedWindow = 16

    /// `h * 0 + l * 0`: 0 for numbers, NaN once a high or low is NaN or infinite. The fused
    /// kernels sum it over every bar they read, and redo a ``WindowScan`` pass with the tracked
    /// ``Extremes`` when the sum is not 0.
    @inline(__always)
    static func nonFinite(_ h: Double, _ l: Double) -> Double { h * 0.0 + l * 0.0 }

    /// The batch recurrence of one bar over raw column pointers, for the fused kernels: the
    /// window is bars `trailing...today` of `high` and `low`.
    struct Extremes: RawKSource {
        var lowestIndex = -1, highestIndex = -1
        var lowest = 0.0, highest = 0.0, diff = 0.0

        @inline(__always)
        mutating func next(
            high: UnsafePointer<Double>, low: UnsafePointer<Double>, close c: Double, today: Int, trailing: Int
        ) -> Double {
            let l = low[today]
            if lowestIndex < trailing {
                lowestIndex = trailing
                lowest = low[trailing]
                var i = trailing + 1
                while i <= today {
                    if low[i] < lowest {
                        lowestIndex = i
                        lowest = low[i]
                    }
                    i += 1
                }
                diff = highest - lowest
            } else if l <= lowest {
                lowestIndex = today
                lowest = l
                diff = highest - lowest
            }
            let h = high[today]
            if highestIndex < trailing {
                highestIndex = trailing
                highest = high[trailing]
                var i = trailing + 1
                while i <= today {
                    if high[i] > highest {
                        highestIndex = i
                        highest = high[i]
                    }
                    i += 1
                }
                diff = highest - lowest
            } else if h >= highest {
                highestIndex = today
                highest = h
                diff = highest - lowest
            }
            return diff != 0.0 ? (c - lowest) / diff * 100.0 : 0.0
        }
    }

    /// The same recurrence bar by bar; the last `period` highs and lows are kept for rescans, so
    /// a bar costs O(1) unless an extreme leaves the window (then O(period)).
    struct Stream {
        let period: Int
        var lows: RingBuffer
        var highs: RingBuffer
        /// Index of the bar being processed, counted from the first bar the stream saw.
        var today = -1
        var lowestIndex = -1, highestIndex = -1
        var lowest = 0.0, highest = 0.0, diff = 0.0

        init(period: Int) {
            self.period = period
            lows = RingBuffer(capacity: period)
            highs = RingBuffer(capacity: period)
        }

        /// Consumes one bar; returns %K, or NaN until `period` bars have been seen.
        mutating func next(high h: Double, low l: Double, close c: Double) -> Double {
            today += 1
            lows.append(l)
            highs.append(h)
            guard today >= period - 1 else { return .nan }
            // The window now holds bars trailing...today; window[j] is bar trailing + j.
            let trailing = today - (period - 1)
            if lowestIndex < trailing {
                lowestIndex = trailing
                lowest = lows[0]
                for j in 1..<period where lows[j] < lowest {
                    lowestIndex = trailing + j
                    lowest = lows[j]
                }
                diff = highest - lowest
            } else if l <= lowest {
                lowestIndex = today
                lowest = l
                diff = highest - lowest
            }
            if highestIndex < trailing {
                highestIndex = trailing
                highest = highs[0]
                for j in 1..<period where highs[j] > highest {
                    highestIndex = trailing + j
                    highest = highs[j]
                }
                diff = highest - lowest
            } else if h >= highest {
                highestIndex = today
                highest = h
                diff = highest - lowest
            }
            return diff != 0.0 ? (c - lowest) / diff * 100.0 : 0.0
        }
    }
}

/// One bar of raw %K over the window `trailing...today` of `high` and `low`.
protocol RawKSource {
    mutating func next(
        high: UnsafePointer<Double>, low: UnsafePointer<Double>, close c: Double, today: Int, trailing: Int
    ) -> Double
}

/// Raw %K from a direct scan of the window, without branches. Without NaN in the highs and lows
/// the tracked extremes of ``StochasticK/Extremes`` are exactly the window's minimum and
/// maximum, and `highest - lowest` is the range whichever extreme changed last, so the result is
/// the same bit for bit; TA-Lib's data-dependent branches mispredict on most bars, a scan of a
/// short window does not.
struct WindowScan: RawKSource {
    @inline(__always)
    func next(
        high: UnsafePointer<Double>, low: UnsafePointer<Double>, close c: Double, today: Int, trailing: Int
    ) -> Double {
        var lowest = low[trailing], highest = high[trailing]
        var i = trailing + 1
        while i <= today {
            let l = low[i], h = high[i]
            lowest = l < lowest ? l : lowest
            highest = h > highest ? h : highest
            i += 1
        }
        let diff = highest - lowest
        return diff != 0.0 ? (c - lowest) / diff * 100.0 : 0.0
    }
}
