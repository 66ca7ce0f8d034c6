/// TA-Lib's floating-point conventions that several momentum kernels share.
enum TALibMath {
    /// `TA_EPSILON`: the band within which TA-Lib treats a value as zero.
    static let epsilon = 1e-14

    /// `TA_IS_ZERO`: strictly inside (-epsilon, epsilon). NaN is not zero, so a NaN divisor
    /// propagates instead of being replaced by 0.
    @inline(__always)
    static func isZero(_ v: Double) -> Bool { -epsilon < v && v < epsilon }

    /// All ones when `condition` holds, else 0, for branch-free selection (a mispredicted
    /// branch on a coin-flip condition costs more than the arithmetic).
    @inline(__always)
    static func mask(_ condition: Bool) -> UInt64 { condition ? .max : 0 }

    /// `x` when `x > 0`, else +0 (NaN gives 0), computed with a bit mask so the compiler emits
    /// no data-dependent branch, as TA-Lib 0.8.1's RSI does.
    @inline(__always)
    static func positivePart(_ x: Double) -> Double {
        Double(bitPattern: x.bitPattern & mask(x > 0))
    }

    /// TA-Lib's true range in its comparison order: `high - low`, replaced by `|high - prevClose|`
    /// and then `|low - prevClose|` when strictly larger (so a NaN range stays NaN).
    @inline(__always)
    static func trueRange(high: Double, low: Double, prevClose: Double) -> Double {
        // `t > range ? t : range` is exactly x86's maxsd(t, range), NaN rules included, so it
        // compiles without a branch.
        var range = high - low
        var t = abs(high - prevClose)
        range = t > range ? t : range
        t = abs(low - prevClose)
        return t > range ? t : range
    }
}
