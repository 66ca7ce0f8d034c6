/// TA-Lib's single-output directional functions over ``DirectionalMovement``:
///
/// - `PLUS_DM` / `MINUS_DM`: the smoothed directional movement (lookback `period - 1`; with
///   `period == 1` the raw one-bar movement, lookback 1);
/// - `PLUS_DI` / `MINUS_DI`: `100 * DM / TR` (lookback `period`; with `period == 1` TA-Lib
///   returns the raw ratio `DM1 / TR1` without the factor 100);
/// - `DX`: `100 * |-DI - +DI| / (-DI + +DI)`, repeating the previous value where undefined
///   (0 at the first bar), lookback `period`.
enum DirectionalIndicator {
    enum Kind: Sendable { case plusDM, minusDM, plusDI, minusDI, dx }

    static func lookback(_ kind: Kind, _ period: Int) -> Int {
        switch kind {
        case .plusDM, .minusDM: return period > 1 ? period - 1 : 1
        case .plusDI, .minusDI: return period > 1 ? period : 1
        case .dx: return period
        }
    }

    struct Stream: FeatureStream {
        let kind: Kind
        let lookback: Int
        var core: DirectionalMovement
        var lastDX = 0.0

        init(kind: Kind, period: Int) {
            self.kind = kind
            self.lookback = DirectionalIndicator.lookback(kind, period)
            self.core = DirectionalMovement(period: period, tracksPlus: kind != .minusDI, tracksMinus: kind != .plusDI)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            core.update(high: high, low: low, close: close)
            guard core.bars > lookback else { return .nan }
            switch kind {
            case .plusDM: return core.period == 1 ? core.plusDM1 : core.plusDM
            case .minusDM: return core.period == 1 ? core.minusDM1 : core.minusDM
            case .plusDI:
                if core.period == 1 { return core.plusDM1 > 0 && core.trueRange1 > 0 ? core.plusDM1 / core.trueRange1 : 0 }
                return DirectionalMovement.index(core.plusDM, core.trueRange)
            case .minusDI:
                if core.period == 1 { return core.minusDM1 > 0 && core.trueRange1 > 0 ? core.minusDM1 / core.trueRange1 : 0 }
                return DirectionalMovement.index(core.minusDM, core.trueRange)
            case .dx:
                if let dx = core.dx { lastDX = dx }
                return lastDX
            }
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            // DM-only kinds take (high, low); the others (high, low, close).
            let close = inputs.count > 2 ? inputs[2] : 0
            outputs[0] = next(high: inputs[0], low: inputs[1], close: close)
        }
    }

    /// Batch performs the stream's operations in the same order: the seeding through
    /// ``DirectionalMovement/seed(high:low:close:)``, then `advance` and the output formula per
    /// bar without the stream's phase tests. The DM-only kinds use a direct loop with the same
    /// additions and no true range; period 1 runs the stream itself.
    static func batch(_ kind: Kind, high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                      close: UnsafeBufferPointer<Double>?, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        if kind == .plusDM || kind == .minusDM {
            movementBatch(plus: kind == .plusDM, high: high, low: low, period: period, out)
            return
        }
        guard let close else { return }
        if period == 1 {
            var s = Stream(kind: kind, period: period)
            for i in 0..<high.count { out[i] = s.next(high: high[i], low: low[i], close: close[i]) }
            return
        }
        // Past the seeding every bar is `advance` plus the output formula, exactly what the
        // stream does there, without its phase tests and kind switch.
        var core = DirectionalMovement(period: period, tracksPlus: kind != .minusDI, tracksMinus: kind != .plusDI)
        var i = core.seed(high: high, low: low, close: close)
        switch kind {
        case .plusDI:
            while i < high.count {
                core.advance(high: high[i], low: low[i], close: close[i])
                out[i] = DirectionalMovement.index(core.plusDM, core.trueRange)
                i += 1
            }
        case .minusDI:
            while i < high.count {
                core.advance(high: high[i], low: low[i], close: close[i])
                out[i] = DirectionalMovement.index(core.minusDM, core.trueRange)
                i += 1
            }
        case .dx:
            var lastDX = 0.0
            while i < high.count {
                core.advance(high: high[i], low: low[i], close: close[i])
                if let dx = core.dx { lastDX = dx }
                out[i] = lastDX
                i += 1
            }
        case .plusDM, .minusDM:
            break
        }
    }

    private static func movementBatch(plus: Bool, high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                                      period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        // One specialised loop per side, the seeding and the smoothing phases split so the hot
        // loop has no phase tests.
        if plus {
            movementLoop(plus: true, high: high, low: low, period: period, out)
        } else {
            movementLoop(plus: false, high: high, low: low, period: period, out)
        }
    }

    @inline(__always)
    private static func movementLoop(plus: Bool, high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                                     period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = high.count
        guard n > 0, let h = high.baseAddress, let l = low.baseAddress, let dst = out.baseAddress else { return }
        @inline(__always) func move(_ i: Int) -> Double {
            let both = DirectionalMovement.moves(up: h[i] - h[i - 1], down: l[i - 1] - l[i])
            return plus ? both.plus : both.minus
        }
        if period == 1 {
            for i in 1..<Swift.max(n, 1) { dst[i] = move(i) }
            return
        }
        var dm = 0.0
        var i = 1
        while i < Swift.min(period, n) {
            dm += move(i)
            i += 1
        }
        guard i == period else { return }
        dst[period - 1] = dm
        let decay = Double(period - 1) / Double(period)
        while i < n {
            dm = dm * decay + move(i)
            dst[i] = dm
            i += 1
        }
    }
}
