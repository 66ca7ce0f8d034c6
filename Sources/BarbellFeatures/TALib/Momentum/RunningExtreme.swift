/// Random access to recent values by absolute bar index: an input column in batch, a ring of
/// the last few bars in a stream. The window kernels (WILLR, AROON) are written once against
/// it so batch and stream execute the same comparisons.
protocol BarHistory {
    subscript(bar bar: Int) -> Double { get }
}

extension UnsafeBufferPointer<Double>: BarHistory {
    @inline(__always) subscript(bar bar: Int) -> Double { self[bar] }
}

/// At least the last `capacity` values of a series addressed by absolute bar index. The storage
/// is rounded up to a power of two so a slot is a mask, not an integer division.
struct BarRing: BarHistory {
    private var storage: [Double]
    private let mask: Int

    init(capacity: Int) {
        var size = 1
        while size < capacity { size <<= 1 }
        storage = [Double](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    mutating func store(_ x: Double, at bar: Int) {
        storage.withUnsafeMutableBufferPointer { $0[bar & mask] = x }
    }

    @inline(__always)
    subscript(bar bar: Int) -> Double { storage.withUnsafeBufferPointer { $0[bar & mask] } }
}

/// TA-Lib's incremental window extreme (`TA_MIN`/`TA_MAX` style): the extreme and its bar are
/// kept; a new bar that ties or beats it takes over, and only when the extreme leaves the window
/// is the window rescanned from its oldest bar.
///
/// The rescan's tie rule is a parameter because TA-Lib differs: WILLR rescans with a strict
/// comparison (the oldest of equal extremes wins), AROON with a non-strict one (the newest).
struct RunningExtreme {
    var bar = -1
    var value = 0.0

    /// Updates the lowest value over bars `oldest ... today`; returns whether it changed.
    @inline(__always)
    mutating func updateLowest<H: BarHistory>(_ h: H, today: Int, oldest: Int, strictRescan: Bool) -> Bool {
        if bar < oldest {
            bar = oldest
            value = h[bar: oldest]
            var i = oldest + 1
            while i <= today {
                let x = h[bar: i]
                if strictRescan ? x < value : x <= value {
                    bar = i
                    value = x
                }
                i += 1
            }
            return true
        }
        let x = h[bar: today]
        if x <= value {
            bar = today
            value = x
            return true
        }
        return false
    }

    /// Updates the highest value over bars `oldest ... today`; returns whether it changed.
    @inline(__always)
    mutating func updateHighest<H: BarHistory>(_ h: H, today: Int, oldest: Int, strictRescan: Bool) -> Bool {
        if bar < oldest {
            bar = oldest
            value = h[bar: oldest]
            var i = oldest + 1
            while i <= today {
                let x = h[bar: i]
                if strictRescan ? x > value : x >= value {
                    bar = i
                    value = x
                }
                i += 1
            }
            return true
        }
        let x = h[bar: today]
        if x >= value {
            bar = today
            value = x
            return true
        }
        return false
    }
}
