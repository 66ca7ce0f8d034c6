import Foundation

/// Turns a reference price into an execution price under a ``SlippageModel``, from inputs known
/// before the fill bar opens (volatility and volume up to the previous bar), so costs never look
/// ahead.
struct FillPricer: Sendable {
    let model: SlippageModel
    /// Per symbol, per bar: σ of close-to-close log returns over the window ending at the previous
    /// bar (an expanding window until `lookback` returns exist; 0 with fewer than two).
    let sigma: [[Double]]
    /// Per symbol, per bar: mean volume of the window ending at the previous bar (NaN without one).
    let averageVolume: [[Double]]

    init(model: SlippageModel, grid: PriceGrid) {
        self.model = model
        switch model {
        case .none, .fixedBasisPoints:
            sigma = []
            averageVolume = []
        case .volatilityScaled(_, let n):
            sigma = grid.close.map { Self.trailingVolatility($0, lookback: n) }
            averageVolume = []
        case .squareRootImpact(_, let n):
            sigma = grid.close.map { Self.trailingVolatility($0, lookback: n) }
            averageVolume = grid.volume.map { Self.trailingMean($0, lookback: n) }
        }
    }

    /// The fraction of the reference price the trade pays for trading `shares` (unsigned).
    func slippageFraction(symbol s: Int, bar t: Int, shares: Double) -> Double {
        switch model {
        case .none: return 0
        case .fixedBasisPoints(let b): return b / 10_000
        case .volatilityScaled(let k, _): return k * sigma[s][t]
        case .squareRootImpact(let k, _):
            let adv = averageVolume[s][t]
            guard adv > 0 else { return 0 }
            return k * sigma[s][t] * (shares / adv).squareRoot()
        }
    }

    /// Sample standard deviation (ddof 1) of log returns of present closes, over the `lookback`
    /// returns ending at bar t−1, for each t.
    static func trailingVolatility(_ close: [Double], lookback: Int) -> [Double] {
        var out = [Double](repeating: 0, count: close.count)
        var returns: [Double] = []
        var previous = Double.nan
        for t in close.indices {
            let window = returns.suffix(lookback)
            if window.count >= 2 {
                let mean = window.reduce(0, +) / Double(window.count)
                let ss = window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                out[t] = (ss / Double(window.count - 1)).squareRoot()
            }
            let c = close[t]
            if !c.isNaN {
                if !previous.isNaN { returns.append(log(c / previous)) }
                previous = c
            }
        }
        return out
    }

    /// Mean of the present values over the `lookback` bars ending at t−1, for each t.
    static func trailingMean(_ values: [Double], lookback: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        var seen: [Double] = []
        for t in values.indices {
            let window = seen.suffix(lookback)
            if !window.isEmpty { out[t] = window.reduce(0, +) / Double(window.count) }
            if !values[t].isNaN { seen.append(values[t]) }
        }
        return out
    }
}
