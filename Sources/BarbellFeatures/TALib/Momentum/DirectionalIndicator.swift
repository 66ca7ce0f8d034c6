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
        let n = high.count
        let divisor = Double(period)
        var prevHigh = high[0], prevLow = low[0]
        var dm = 0.0
        var i = 1
        while i < n {
            let up = high[i] - prevHigh
            prevHigh = high[i]
            let down = prevLow - low[i]
            prevLow = low[i]
            let dm1 = plus ? DirectionalMovement.plusMove(up: up, down: down) : DirectionalMovement.minusMove(up: up, down: down)
            if period == 1 {
                out[i] = dm1
            } else if i < period {
                dm += dm1
                if i == period - 1 { out[i] = dm }
            } else {
                dm = dm - dm / divisor + dm1
                out[i] = dm
            }
            i += 1
        }
    }
}
