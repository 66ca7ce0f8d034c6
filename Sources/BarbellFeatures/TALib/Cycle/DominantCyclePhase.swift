import Foundation

/// The dominant cycle phase of TA-Lib's `HT_DCPHASE`, `HT_SINE` and `HT_TRENDMODE`: a
/// single-bin DFT of the last `n` smoothed prices, `n` the dominant cycle period rounded,
///
///     real = Σᵢ sin(2πi/n)·p[t−i],  imag = Σᵢ cos(2πi/n)·p[t−i],  i = 0..<n,
///     phase = atan(real/imag)·180/π + 90 + 360/smoothPeriod (+180 when imag < 0), wrapped to ≤ 315,
///
/// summed newest first over TA-Lib's 50-slot circular buffer, in TA-Lib's order, so the rounding
/// matches. When `imag` is exactly zero the previous phase is nudged by ±90 as TA-Lib does.
///
/// The sines and cosines depend only on the whole period `n` and the term `i`, so they come from
/// a table computed once with TA-Lib's own expression (`sin(i·2π/n)`), bit for bit the values
/// TA-Lib computes per term. The ring is mirrored (each value stored at `slot` and `slot + 50`)
/// so the newest `n` values are contiguous.
struct DominantCyclePhase {
    static let slots = 50
    /// 2π as TA-Lib computes it (`8·atan(1)`).
    static let twoPi = atan(1.0) * 8.0
    /// `sin(2πi/n)`, `cos(2πi/n)` interleaved for n = 1...50, i = 0..<n; row n starts at
    /// `n·(n−1)`.
    static let table: [Double] = {
        var t = [Double]()
        t.reserveCapacity(slots * (slots + 1))
        for n in 1...slots {
            for i in 0..<n {
                let angle = Double(i) * twoPi / Double(n)
                t.append(sin(angle))
                t.append(cos(angle))
            }
        }
        return t
    }()

    private var ring = [Double](repeating: 0, count: 2 * DominantCyclePhase.slots)
    private var slot = 0
    /// The latest phase in degrees.
    private(set) var phase = 0.0

    /// Records this bar's smoothed price and returns the updated phase.
    @inline(__always)
    mutating func update(smoothed: Double, smoothPeriod: Double) -> Double {
        let previous = phase
        phase = Self.table.withUnsafeBufferPointer { table in
            ring.withUnsafeMutableBufferPointer { ring in
                Self.step(previous, ring: ring.baseAddress!, slot: &slot, smoothed: smoothed,
                          smoothPeriod: smoothPeriod, table: table.baseAddress!)
            }
        }
        return phase
    }

    /// One bar over a mirrored ring of `2 · slots` values: stores `smoothed` at `slot`, advances
    /// it, and returns the phase that follows `phase`. Shared by streams and batch kernels.
    @inline(__always)
    static func step(_ phase: Double, ring: UnsafeMutablePointer<Double>, slot: inout Int, smoothed: Double,
                     smoothPeriod: Double, table: UnsafePointer<Double>) -> Double {
        ring[slot] = smoothed
        ring[slot + slots] = smoothed
        var n = HilbertCycle.cycleLength(smoothPeriod)
        if n > slots { n = slots }
        let newest = UnsafePointer(ring + slot + slots)
        let row = table + n &* (n &- 1)
        var realPart = 0.0
        var imagPart = 0.0
        var i = 0
        while i < n {
            let price = newest[-i]
            realPart += row[2 &* i] * price
            imagPart += row[2 &* i &+ 1] * price
            i &+= 1
        }
        var phase = phase
        let magnitude = abs(imagPart)
        if magnitude > 0.0 {
            phase = atan(realPart / imagPart) * HilbertCycle.rad2Deg
        } else if magnitude <= 0.01 {
            if realPart < 0.0 {
                phase -= 90.0
            } else if realPart > 0.0 {
                phase += 90.0
            }
        }
        phase += 90.0
        // Compensates the one-bar lag of the price smoother.
        phase += 360.0 / smoothPeriod
        if imagPart < 0.0 { phase += 180.0 }
        if phase > 315.0 { phase -= 360.0 }
        slot &+= 1
        if slot == slots { slot = 0 }
        return phase
    }
}

/// Ehlers' instantaneous trendline as TA-Lib's `HT_TRENDLINE` computes it: the mean of the last
/// `n` raw prices (`n` the rounded dominant cycle period, newest first), smoothed over the last
/// four such means with weights 4-3-2-1:
/// `trend = (4·m[t] + 3·m[t−1] + 2·m[t−2] + m[t−3]) / 10`.
struct InstantaneousTrendline {
    private var iTrend1 = 0.0
    private var iTrend2 = 0.0
    private var iTrend3 = 0.0

    /// The mean of the `n` prices ending at `newest` (newest first), of which only the newest
    /// `available` exist; the others count as 0, as in TA-Lib's zero-filled buffer (adding +0.0
    /// changes no sum, so they are skipped).
    @inline(__always)
    static func mean(newest: UnsafePointer<Double>, available: Int, smoothPeriod: Double) -> Double {
        let n = HilbertCycle.cycleLength(smoothPeriod)
        let terms = n < available ? n : available
        // Four partial sums (TA-Lib adds one price at a time): a quarter of the additions in
        // sequence. The prices are summed, not differenced, so the reordering changes the mean
        // by a few ulps at most, far inside the fixtures' 1e-9; batch and stream share it.
        // Lane pairs `a` = (s1, s0) and `b` = (s3, s2), loaded two prices at a time (the older
        // first): the same four sums as one scalar accumulator per offset, half the instructions.
        var a = SIMD2<Double>(), b = SIMD2<Double>()
        var i = 0
        while i &+ 4 <= terms {
            a += Lanes.load(newest - (i &+ 1))
            b += Lanes.load(newest - (i &+ 3))
            i &+= 4
        }
        var mean = (a[1] + a[0]) + (b[1] + b[0])
        while i < terms {
            mean += newest[-i]
            i &+= 1
        }
        if n > 0 { mean = mean / Double(n) }
        return mean
    }

    @inline(__always)
    mutating func update(mean: Double) -> Double {
        let trendline = (4.0 * mean + 3.0 * iTrend1 + 2.0 * iTrend2 + iTrend3) / 10.0
        iTrend3 = iTrend2
        iTrend2 = iTrend1
        iTrend1 = mean
        return trendline
    }
}

/// The last 64 raw prices for the streams' trendline, mirrored so the newest 64 are contiguous;
/// slots never written read as zero.
struct RecentPrices {
    private static let capacity = 64
    private var storage = [Double](repeating: 0, count: 2 * RecentPrices.capacity)
    private var head = 0
    private var count = 0

    @inline(__always)
    mutating func append(_ x: Double) {
        storage[head] = x
        storage[head + Self.capacity] = x
        head = (head + 1) & (Self.capacity - 1)
        if count < Self.capacity { count += 1 }
    }

    /// The trendline mean over these prices (see ``InstantaneousTrendline/mean``).
    func mean(smoothPeriod: Double) -> Double {
        storage.withUnsafeBufferPointer { s in
            // The newest sits at head − 1 + capacity.
            InstantaneousTrendline.mean(newest: s.baseAddress! + head - 1 + Self.capacity, available: count,
                                        smoothPeriod: smoothPeriod)
        }
    }
}
