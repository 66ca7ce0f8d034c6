/// Wilder's parabolic stop-and-reverse (Wilder, *New Concepts in Technical Trading Systems*,
/// 1978) with TA-Lib's bootstrap (`TA_SAR`, `TA_SAREXT`): the first bar is consumed; the initial
/// direction is short when bar 2's −DM is positive and beats its +DM, long otherwise (or forced
/// by SAREXT's `startvalue`); the first SAR is bar 1's low (long) or high (short) and the first
/// extreme point bar 2's high or low. Each bar then outputs the SAR computed the bar before,
/// reversing when the range penetrates it, and steps `sar += af·(ep − sar)` clamped to the last
/// two bars' range, with `af` growing by its increment on each new extreme up to its maximum.
///
/// SAREXT's extras: separate long/short factors, an offset applied to the SAR on reversal, and
/// a negative output while short.
struct ParabolicSAR: Sendable {
    struct Settings: Sendable {
        var startValue = 0.0
        var offsetOnReverse = 0.0
        var initLong = 0.02, stepLong = 0.02, maxLong = 0.2
        var initShort = 0.02, stepShort = 0.02, maxShort = 0.2
        /// SAREXT reports the SAR negated while short; SAR does not.
        var signedOutput = false

        /// TA-Lib's corrections: no factor may exceed its maximum.
        func clamped() -> Settings {
            var s = self
            if s.initLong > s.maxLong { s.initLong = s.maxLong }
            if s.stepLong > s.maxLong { s.stepLong = s.maxLong }
            if s.initShort > s.maxShort { s.initShort = s.maxShort }
            if s.stepShort > s.maxShort { s.stepShort = s.maxShort }
            return s
        }
    }

    let settings: Settings
    var seen = 0
    var isLong = true
    var afLong: Double
    var afShort: Double
    var ep = 0.0
    var sar = 0.0
    var newHigh = 0.0
    var newLow = 0.0

    init(_ settings: Settings) {
        self.settings = settings.clamped()
        self.afLong = self.settings.initLong
        self.afShort = self.settings.initShort
    }

    static let lookback = 1

    /// Consumes one bar; NaN for the first.
    @inline(__always)
    mutating func next(high: Double, low: Double) -> Double {
        let s = settings
        if seen == 0 {
            seen = 1
            newHigh = high
            newLow = low
            return .nan
        }
        if seen == 1 {
            seen = 2
            // Bar 1's extremes are still in newHigh/newLow.
            if s.startValue == 0 {
                let plusDM = high - newHigh
                let minusDM = newLow - low
                isLong = !(minusDM > 0 && plusDM < minusDM)
                if isLong {
                    ep = high
                    sar = newLow
                } else {
                    ep = low
                    sar = newHigh
                }
            } else if s.startValue > 0 {
                isLong = true
                ep = high
                sar = s.startValue
            } else {
                isLong = false
                ep = low
                sar = abs(s.startValue)
            }
            // The first step compares against this bar's own range.
            newLow = low
            newHigh = high
        }
        return ParabolicSAR.step(high: high, low: low, s, isLong: &isLong, afLong: &afLong, afShort: &afShort,
                                 ep: &ep, sar: &sar, newHigh: &newHigh, newLow: &newLow)
    }

    /// One bar once the direction is set: outputs the SAR computed the bar before and steps it.
    /// The extreme point and factor updates are selects, not branches (a new extreme is a coin
    /// flip the predictor cannot learn); only a reversal branches. Used by batch and stream alike.
    @inline(__always)
    static func step(high: Double, low: Double, _ s: Settings, isLong: inout Bool, afLong: inout Double,
                     afShort: inout Double, ep: inout Double, sar: inout Double,
                     newHigh: inout Double, newLow: inout Double) -> Double {
        let prevLow = newLow
        let prevHigh = newHigh
        newLow = low
        newHigh = high
        let output: Double
        if isLong {
            if newLow <= sar {
                isLong = false
                sar = ep
                if sar < prevHigh { sar = prevHigh }
                if sar < newHigh { sar = newHigh }
                if s.offsetOnReverse != 0.0 { sar += sar * s.offsetOnReverse }
                output = s.signedOutput ? 0 - sar : sar
                afShort = s.initShort
                ep = newLow
                sar = sar + afShort * (ep - sar)
                if sar < prevHigh { sar = prevHigh }
                if sar < newHigh { sar = newHigh }
            } else {
                output = sar
                let isNew = newHigh > ep
                ep = isNew ? newHigh : ep
                let raised = afLong + s.stepLong
                let capped = raised > s.maxLong ? s.maxLong : raised
                afLong = isNew ? capped : afLong
                var next = sar + afLong * (ep - sar)
                next = next > prevLow ? prevLow : next
                sar = next > newLow ? newLow : next
            }
        } else if newHigh >= sar {
            isLong = true
            sar = ep
            if sar > prevLow { sar = prevLow }
            if sar > newLow { sar = newLow }
            if s.offsetOnReverse != 0.0 { sar -= sar * s.offsetOnReverse }
            output = sar
            afLong = s.initLong
            ep = newHigh
            sar = sar + afLong * (ep - sar)
            if sar > prevLow { sar = prevLow }
            if sar > newLow { sar = newLow }
        } else {
            output = s.signedOutput ? 0 - sar : sar
            let isNew = newLow < ep
            ep = isNew ? newLow : ep
            let raised = afShort + s.stepShort
            let capped = raised > s.maxShort ? s.maxShort : raised
            afShort = isNew ? capped : afShort
            var next = sar + afShort * (ep - sar)
            next = next < prevHigh ? prevHigh : next
            sar = next < newHigh ? newHigh : next
        }
        return output
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, _ settings: Settings,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = high.count
        var state = ParabolicSAR(settings)
        var i = 0
        // The bootstrap bars go through `next`; then the same step with the state in locals.
        while i < n && i < 2 {
            out[i] = state.next(high: high[i], low: low[i])
            i += 1
        }
        guard i < n else { return }
        let s = state.settings
        var isLong = state.isLong, afLong = state.afLong, afShort = state.afShort
        var ep = state.ep, sar = state.sar, newHigh = state.newHigh, newLow = state.newLow
        let hp = high.baseAddress!, lp = low.baseAddress!, o = out.baseAddress!
        while i < n {
            o[i] = step(high: hp[i], low: lp[i], s, isLong: &isLong, afLong: &afLong, afShort: &afShort,
                        ep: &ep, sar: &sar, newHigh: &newHigh, newLow: &newLow)
            i += 1
        }
    }

    struct Stream: FeatureStream {
        var state: ParabolicSAR
        init(_ settings: Settings) { state = ParabolicSAR(settings) }
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(high: inputs[0], low: inputs[1])
        }
    }
}
