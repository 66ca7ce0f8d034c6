/// The bars up to and including the one a pattern is evaluated at, read by lag (0 = that bar,
/// 1 = the bar before, ...), with TA-Lib's candle measures (`ta_utility.h`).
///
/// Batch computation points it into the input columns and streaming into a short history
/// buffer, so the same pattern code runs on both.
struct Candles {
    let openAt: UnsafePointer<Double>
    let highAt: UnsafePointer<Double>
    let lowAt: UnsafePointer<Double>
    let closeAt: UnsafePointer<Double>
    /// Position of the current bar, counted from the first bar with all four prices.
    let index: Int

    @inline(__always) func open(_ lag: Int = 0) -> Double { openAt[-lag] }
    @inline(__always) func high(_ lag: Int = 0) -> Double { highAt[-lag] }
    @inline(__always) func low(_ lag: Int = 0) -> Double { lowAt[-lag] }
    @inline(__always) func close(_ lag: Int = 0) -> Double { closeAt[-lag] }

    @inline(__always) func realBody(_ lag: Int = 0) -> Double { abs(closeAt[-lag] - openAt[-lag]) }
    @inline(__always) func highLowRange(_ lag: Int = 0) -> Double { highAt[-lag] - lowAt[-lag] }

    /// High minus the top of the body, TA-Lib's `high - (close >= open ? close : open)`.
    ///
    /// Written with a test on the difference instead of ``isWhite(_:)``'s `close >= open`: it
    /// picks the same price for every input (NaN picks `open`; the two tests disagree only when
    /// both prices are the same infinity, where either pick is that value), but when one
    /// comparison feeds several selects LLVM lowers each select of doubles to a branch, which
    /// mispredicts on half the bars, while this one compiles to a mask blend. (`o - c > 0` would
    /// not do: LLVM folds it back to `o > c`.)
    @inline(__always) func upperShadow(_ lag: Int = 0) -> Double {
        let o = openAt[-lag], c = closeAt[-lag]
        return highAt[-lag] - (o - c <= 0 ? c : o)
    }

    /// Bottom of the body minus the low, TA-Lib's `(close >= open ? open : close) - low`
    /// (see ``upperShadow(_:)`` for the form).
    @inline(__always) func lowerShadow(_ lag: Int = 0) -> Double {
        let o = openAt[-lag], c = closeAt[-lag]
        return (c - o >= 0 ? o : c) - lowAt[-lag]
    }

    /// TA-Lib's colour: 1 white (close ≥ open), −1 black; a NaN price makes the candle black.
    @inline(__always) func color(_ lag: Int = 0) -> Int { closeAt[-lag] >= openAt[-lag] ? 1 : -1 }
    @inline(__always) func isWhite(_ lag: Int = 0) -> Bool { closeAt[-lag] >= openAt[-lag] }
    @inline(__always) func isBlack(_ lag: Int = 0) -> Bool { !(closeAt[-lag] >= openAt[-lag]) }

    /// Top and bottom of the real body; `fmax`/`fmin` semantics (a NaN side yields the other).
    @inline(__always) func bodyTop(_ lag: Int = 0) -> Double { fmax(openAt[-lag], closeAt[-lag]) }
    @inline(__always) func bodyBottom(_ lag: Int = 0) -> Double { fmin(openAt[-lag], closeAt[-lag]) }

    /// The measure `setting` compares (`TA_CANDLERANGE`).
    @inline(__always) func range(_ setting: CandleSetting, _ lag: Int = 0) -> Double {
        switch setting.rangeType {
        case .realBody: realBody(lag)
        case .highLow: highLowRange(lag)
        case .shadows: upperShadow(lag) + lowerShadow(lag)
        }
    }

    /// The yardstick of `setting` for the candle at `lag`, from its running `total`
    /// (`TA_CANDLEAVERAGE`): factor × mean range, halved for shadows.
    @inline(__always) func average(_ setting: CandleSetting, _ total: Double, _ lag: Int = 0) -> Double {
        let mean = setting.averagePeriod != 0 ? total / Double(setting.averagePeriod) : range(setting, lag)
        return setting.factor * mean / (setting.rangeType == .shadows ? 2.0 : 1.0)
    }

    /// A cheap pre-filter, "the candles at `lags` may all be black": one comparison on the
    /// smallest `open - close`, so it is one selective branch where `isBlack(2) & isBlack(1) &
    /// ...` becomes one coin-flip branch per candle. It passes every bar where they are all
    /// black (and some others, NaN or infinite prices); the pattern's full test must follow.
    @inline(__always) func mayAllBeBlack(_ a: Int, _ b: Int, _ c: Int) -> Bool {
        !(minimum(minimum(openAt[-a] - closeAt[-a], openAt[-b] - closeAt[-b]), openAt[-c] - closeAt[-c]) <= 0)
    }

    /// `close - open` of the candle at `lag`: ≥ 0 white, < 0 (or NaN) black.
    @inline(__always) func body(_ lag: Int) -> Double { closeAt[-lag] - openAt[-lag] }

    /// A cheap pre-filter for colour tests: false only when one of the products is negative.
    /// `body(a) * body(b) >= 0` holds whenever the two candles have the same colour and
    /// `-(body(a) * body(b)) >= 0` whenever they differ (a zero body is white and gives 0; NaN
    /// passes), so the filter passes every bar with the colours and the full test must follow.
    @inline(__always) func mayHaveColours(_ p: Double, _ q: Double, _ r: Double) -> Bool {
        !(minimum(minimum(p, q), r) < 0)
    }

    /// The body of the candle at `later` lies wholly above that of the candle at `earlier`.
    @inline(__always) func realBodyGapUp(_ later: Int, _ earlier: Int) -> Bool { bodyBottom(later) > bodyTop(earlier) }
    @inline(__always) func realBodyGapDown(_ later: Int, _ earlier: Int) -> Bool { bodyTop(later) < bodyBottom(earlier) }
    /// The whole candle at `later` lies above (below) the one at `earlier`.
    @inline(__always) func candleGapUp(_ later: Int, _ earlier: Int) -> Bool { lowAt[-later] > highAt[-earlier] }
    @inline(__always) func candleGapDown(_ later: Int, _ earlier: Int) -> Bool { highAt[-later] < lowAt[-earlier] }
}

/// C's `fmax`: the larger number, or the number when the other is NaN. Written with plain
/// comparisons (`b != b` is "b is NaN") so it compiles to a select, without the branches of
/// `Double.maximum`.
@inline(__always) func fmax(_ a: Double, _ b: Double) -> Double { a > b || b != b ? a : b }

/// The smaller number, NaN if either is NaN; written so that it compiles to a blend.
@inline(__always) func minimum(_ a: Double, _ b: Double) -> Double { a < b || a != a ? a : b }

/// The larger number, NaN if either is NaN; written so that it compiles to a blend.
@inline(__always) func maximum(_ a: Double, _ b: Double) -> Double { a > b || a != a ? a : b }

/// C's `fmin`: the smaller number, or the number when the other is NaN.
@inline(__always) func fmin(_ a: Double, _ b: Double) -> Double { a < b || b != b ? a : b }

/// `matched ? value : 0` for a pattern value (±80, ±100, ±200) without a branch: LLVM turns a
/// select on a combined test back into one branch per test, which mispredicts on coin-flip
/// tests, but it keeps this multiply (1 × value + 0 is value, 0 × value + 0 is +0).
@inline(__always) func score(_ matched: Bool, _ value: Double) -> Double {
    Double(unsafeBitCast(matched, to: UInt8.self)) * value + 0.0
}

extension Bool {
    /// Non-short-circuit "and": both sides are always evaluated. Pattern tests have no side
    /// effects and are close to coin flips, so evaluating them all and combining the results
    /// without a branch per test is much faster than `&&` (which mispredicts) and gives the same
    /// answer. Comparisons must be parenthesised: `&` binds tighter than `<`.
    @inline(__always) static func & (lhs: Bool, rhs: Bool) -> Bool {
        unsafeBitCast(unsafeBitCast(lhs, to: UInt8.self) & unsafeBitCast(rhs, to: UInt8.self), to: Bool.self)
    }

    /// Non-short-circuit "or", the companion of `&`.
    @inline(__always) static func | (lhs: Bool, rhs: Bool) -> Bool {
        unsafeBitCast(unsafeBitCast(lhs, to: UInt8.self) | unsafeBitCast(rhs, to: UInt8.self), to: Bool.self)
    }
}
