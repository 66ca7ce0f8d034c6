/// TA-Lib's zero tests (`TA_IS_ZERO`, `TA_IS_ZERO_OR_NEG` in `ta_utility.h`). TA-Lib C 0.8
/// uses `TA_EPSILON = 1e-14` (0.4–0.6 used 1e-8): the fixtures show a variance of 2.4e-11
/// giving a non-zero STDDEV.
enum TALibEpsilon {
    static let value = 0.00000000000001

    @inline(__always)
    static func isZero(_ v: Double) -> Bool { -value < v && v < value }

    /// False for NaN, so NaN flows on through the caller's arithmetic as in C.
    @inline(__always)
    static func isZeroOrNegative(_ v: Double) -> Bool { v < value }
}
