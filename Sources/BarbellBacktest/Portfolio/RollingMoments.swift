/// Trailing-window mean and sample standard deviation (ddof 1) of every symbol at every bar,
/// computed in one pass for a whole ``ReturnPanel``: the vectorised backtester's counterpart of
/// ``ReturnPanel/windowMoments(symbol:bar:lookback:)``, in O(bars × symbols) instead of
/// O(bars × symbols × lookback).
///
/// Each symbol's window sums are kept around a shift `K` (the mean of the window where they were
/// last computed afresh) and updated as a bar enters and one leaves; they are recomputed two-pass
/// every `lookback` bars and after every NaN, so rounding cannot accumulate. On the recomputed bars
/// the values equal `windowMoments` exactly; in between they agree to rounding (about 1e-13
/// relative for daily returns; tested within 1e-9).
public struct RollingMoments: Sendable, Equatable {
    public let lookback: Int
    public let bars: Int
    public let symbols: Int
    /// Row-major `bars × symbols`; NaN where the window is unavailable.
    public let mean: [Double]
    /// Row-major `bars × symbols`; NaN where the window is unavailable.
    public let standardDeviation: [Double]

    /// - Throws: ``BacktestError`` `.invalidArgument` naming `lookback` when it is below 2.
    public init(_ panel: ReturnPanel, lookback: Int) throws(BacktestError) {
        guard lookback >= 2 else {
            throw BacktestError(.invalidArgument, "lookback \(lookback): a standard deviation needs at least 2 returns")
        }
        let n = panel.symbols, count = panel.bars, r = panel.values
        var mean = [Double](repeating: .nan, count: count * n)
        var sd = mean
        let size = Double(lookback)
        for j in 0..<n {
            var lastNaN = -1, anchor = Int.min
            var shift = 0.0, sum = 0.0, squares = 0.0
            for t in 0..<count {
                if r[t * n + j].isNaN { lastNaN = t }
                let first = t - lookback + 1
                guard first >= 0, lastNaN < first else { anchor = Int.min; continue }
                if anchor == Int.min || t - anchor >= lookback {
                    // Afresh, exactly as windowMoments: sum, mean, squared deviations.
                    var s = 0.0
                    for u in first...t { s += r[u * n + j] }
                    shift = s / size
                    sum = 0; squares = 0
                    for u in first...t {
                        let d = r[u * n + j] - shift
                        sum += d; squares += d * d
                    }
                    anchor = t
                    mean[t * n + j] = shift
                    sd[t * n + j] = (squares / (size - 1)).squareRoot()
                } else {
                    let enter = r[t * n + j] - shift, leave = r[(first - 1) * n + j] - shift
                    sum += enter - leave
                    squares += enter * enter - leave * leave
                    mean[t * n + j] = shift + sum / size
                    sd[t * n + j] = (max(squares - sum * sum / size, 0) / (size - 1)).squareRoot()
                }
            }
        }
        self.lookback = lookback
        self.bars = count
        self.symbols = n
        self.mean = mean
        self.standardDeviation = sd
    }

    /// The moments of `symbol`'s window ending at `bar`, or `nil` where unavailable.
    public func moments(symbol: Int, bar: Int) -> (mean: Double, standardDeviation: Double)? {
        guard bar >= 0, bar < bars, symbol >= 0, symbol < symbols else { return nil }
        let m = mean[bar * symbols + symbol]
        return m.isNaN ? nil : (m, standardDeviation[bar * symbols + symbol])
    }
}
