import Foundation

/// Computes any subset of Alpha158 bar by bar, sharing every rolling primitive between the
/// features that use it (`STD20`, `RSQR20` and `CORR20` share one rolling variance of the close,
/// `MAX20`, `RSV20` and `IMAX20` one monotonic deque of the highs, and so on).
///
/// The batch kernels and the streams both drive this engine, so they perform the same floating
/// point operations in the same order. Each primitive reproduces the kernel Qlib's operator
/// calls: Qlib's Cython regression for `Slope`/`Rsquare`/`Resi`, and pandas 3.1's rolling
/// aggregations (`min_periods=1`) for `Sum`, `Mean`, `Std`, `Max`, `Min`, `Quantile`, `Rank`,
/// `IdxMax`/`IdxMin` (`rolling.apply(argmax)`) and `Corr`, including pandas' inf-to-NaN cleaning.
/// Cost per bar: O(1) for sums, variances and correlations (amortised; pandas' occasional
/// window recompute is kept), O(1) amortised for the max/min deques, O(window) for the sorted window.
struct Alpha158Engine: Sendable {
    /// Series derived from the bar that the rolling operators read.
    enum Series: Int, CaseIterable, Sendable {
        case rawClose, close, high, low, volume
        case gain, loss, move              // Greater(Δclose, 0), Greater(-Δclose, 0), Abs(Δclose)
        case volumeGain, volumeLoss, volumeMove
        case up, down                      // $close > Ref($close, 1), $close < Ref($close, 1)
        case logVolume                     // Log($volume + 1)
        case closeRatio                    // $close / Ref($close, 1)
        case logVolumeRatio                // Log($volume / Ref($volume, 1) + 1)
        case weightedMove                  // Abs($close / Ref($close, 1) - 1) * $volume
    }

    private struct SumChannel: Sendable { let series: Series; let window: Int; var state = PandasRollingSum() }
    private struct VarianceChannel: Sendable { let series: Series; let window: Int; var state = PandasRollingVariance() }
    private struct CorrelationChannel: Sendable { let x: Series; let y: Series; let window: Int; var state = PandasRollingCorrelation() }
    private struct SortedChannel: Sendable { let window: Int; var state: SortedWindow }
    private struct ExtremeChannel: Sendable {
        let window: Int
        var high: RollingArgExtreme
        var low: RollingArgExtreme
        init(window: Int) {
            self.window = window
            high = RollingArgExtreme(window: window, maximum: true)
            low = RollingArgExtreme(window: window, maximum: false)
        }
        var max: Double { high.extreme }
        var argMax: Double { high.position }
        var min: Double { low.extreme }
        var argMin: Double { low.position }
    }

    /// A feature compiled to the channels it reads.
    private enum Formula: Sendable {
        case kbar(Alpha158Feature.Kbar)
        case price(Alpha158Feature.PriceField)
        case roc(Int)
        case ratioToClose(sum: Int)                       // MA
        case stdToClose(variance: Int)                    // STD
        case beta(regression: Int), resi(regression: Int)
        case rsqr(regression: Int, variance: Int)
        case max(extreme: Int), min(extreme: Int), rsv(extreme: Int)
        case imax(extreme: Int), imin(extreme: Int), imxd(extreme: Int)
        case quantile(sorted: Int, q: Double), rank(sorted: Int)
        case corr(correlation: Int, varianceX: Int, varianceY: Int)
        case mean(sum: Int)                               // CNTP, CNTN
        case meanDifference(sum: Int, minus: Int)         // CNTD
        case share(sum: Int, total: Int)                  // SUMP, SUMN, VSUMP, VSUMN
        case shareDifference(sum: Int, minus: Int, total: Int)
        case meanToVolume(sum: Int), stdToVolume(variance: Int)
        case wvma(variance: Int, sum: Int)
    }

    private var formulas: [Formula] = []
    private var sums: [SumChannel] = []
    private var variances: [VarianceChannel] = []
    private var correlations: [CorrelationChannel] = []
    private var regressions: [QlibRollingRegression] = []
    private var sorted: [SortedChannel] = []
    private var extremes: [ExtremeChannel] = []
    /// Every series' last 64 values in one block (series `s` at `s.rawValue << 6`), all written
    /// at the same `head`, so one pointer serves every channel.
    private var history: [Double]
    private var head = 0
    private var needed: [Bool]
    private var neededList: [Series] = []
    private var bars = 0
    private var previousClose = Double.nan
    private var previousVolume = Double.nan

    init(_ features: [Alpha158Feature]) {
        history = Array(repeating: .nan, count: Series.allCases.count * LagHistory.capacity)
        needed = Array(repeating: false, count: Series.allCases.count)
        for feature in features { formulas.append(compile(feature)) }
        neededList = Series.allCases.filter { needed[$0.rawValue] }
    }

    // MARK: Compilation

    private mutating func use(_ s: Series) { needed[s.rawValue] = true }

    private mutating func sum(_ s: Series, _ d: Int) -> Int {
        use(s)
        if let i = sums.firstIndex(where: { $0.series == s && $0.window == d }) { return i }
        sums.append(SumChannel(series: s, window: d))
        return sums.count - 1
    }

    private mutating func variance(_ s: Series, _ d: Int) -> Int {
        use(s)
        if let i = variances.firstIndex(where: { $0.series == s && $0.window == d }) { return i }
        variances.append(VarianceChannel(series: s, window: d))
        return variances.count - 1
    }

    private mutating func correlation(_ x: Series, _ y: Series, _ d: Int) -> Int {
        use(x); use(y)
        if let i = correlations.firstIndex(where: { $0.x == x && $0.y == y && $0.window == d }) { return i }
        correlations.append(CorrelationChannel(x: x, y: y, window: d))
        return correlations.count - 1
    }

    private mutating func regression(_ d: Int) -> Int {
        use(.rawClose)
        if let i = regressions.firstIndex(where: { $0.window == d }) { return i }
        regressions.append(QlibRollingRegression(window: d))
        return regressions.count - 1
    }

    private mutating func sortedWindow(_ d: Int) -> Int {
        use(.close)
        if let i = sorted.firstIndex(where: { $0.window == d }) { return i }
        sorted.append(SortedChannel(window: d, state: SortedWindow(window: d)))
        return sorted.count - 1
    }

    private mutating func extreme(_ d: Int) -> Int {
        use(.high); use(.low)
        if let i = extremes.firstIndex(where: { $0.window == d }) { return i }
        extremes.append(ExtremeChannel(window: d))
        return extremes.count - 1
    }

    private mutating func compile(_ feature: Alpha158Feature) -> Formula {
        switch feature {
        case .kbar(let k): return .kbar(k)
        case .price(let p): return .price(p)
        case .rolling(let kind, let d):
            switch kind {
            case .ROC: use(.rawClose); return .roc(d)
            case .MA: return .ratioToClose(sum: sum(.close, d))
            case .STD: return .stdToClose(variance: variance(.close, d))
            case .BETA: return .beta(regression: regression(d))
            case .RSQR: return .rsqr(regression: regression(d), variance: variance(.close, d))
            case .RESI: return .resi(regression: regression(d))
            case .MAX: return .max(extreme: extreme(d))
            case .MIN: return .min(extreme: extreme(d))
            case .RSV: return .rsv(extreme: extreme(d))
            case .IMAX: return .imax(extreme: extreme(d))
            case .IMIN: return .imin(extreme: extreme(d))
            case .IMXD: return .imxd(extreme: extreme(d))
            case .QTLU: return .quantile(sorted: sortedWindow(d), q: 0.8)
            case .QTLD: return .quantile(sorted: sortedWindow(d), q: 0.2)
            case .RANK: return .rank(sorted: sortedWindow(d))
            case .CORR:
                return .corr(correlation: correlation(.close, .logVolume, d),
                             varianceX: variance(.close, d), varianceY: variance(.logVolume, d))
            case .CORD:
                return .corr(correlation: correlation(.closeRatio, .logVolumeRatio, d),
                             varianceX: variance(.closeRatio, d), varianceY: variance(.logVolumeRatio, d))
            case .CNTP: return .mean(sum: sum(.up, d))
            case .CNTN: return .mean(sum: sum(.down, d))
            case .CNTD: return .meanDifference(sum: sum(.up, d), minus: sum(.down, d))
            case .SUMP: return .share(sum: sum(.gain, d), total: sum(.move, d))
            case .SUMN: return .share(sum: sum(.loss, d), total: sum(.move, d))
            case .SUMD: return .shareDifference(sum: sum(.gain, d), minus: sum(.loss, d), total: sum(.move, d))
            case .VMA: return .meanToVolume(sum: sum(.volume, d))
            case .VSTD: return .stdToVolume(variance: variance(.volume, d))
            case .WVMA: return .wvma(variance: variance(.weightedMove, d), sum: sum(.weightedMove, d))
            case .VSUMP: return .share(sum: sum(.volumeGain, d), total: sum(.volumeMove, d))
            case .VSUMN: return .share(sum: sum(.volumeLoss, d), total: sum(.volumeMove, d))
            case .VSUMD:
                return .shareDifference(sum: sum(.volumeGain, d), minus: sum(.volumeLoss, d), total: sum(.volumeMove, d))
            }
        }
    }

    // MARK: Update

    /// `np.maximum(x, 0)`: NaN stays NaN.
    @inline(__always)
    private static func positivePart(_ x: Double) -> Double { x.isNaN ? x : (x > 0 ? x : 0) }

    @inline(__always)
    private func value(of series: Series, _ bar: AlphaBar) -> Double {
        let c = bar.close, v = bar.volume
        switch series {
        case .rawClose: return c
        case .close: return pandasValue(c)
        case .high: return pandasValue(bar.high)
        case .low: return pandasValue(bar.low)
        case .volume: return pandasValue(v)
        case .gain: return pandasValue(Self.positivePart(c - previousClose))
        case .loss: return pandasValue(Self.positivePart(previousClose - c))
        case .move: return pandasValue(abs(c - previousClose))
        case .volumeGain: return pandasValue(Self.positivePart(v - previousVolume))
        case .volumeLoss: return pandasValue(Self.positivePart(previousVolume - v))
        case .volumeMove: return pandasValue(abs(v - previousVolume))
        case .up: return c > previousClose ? 1 : 0
        case .down: return c < previousClose ? 1 : 0
        case .logVolume: return pandasValue(Foundation.log(v + 1))
        case .closeRatio: return pandasValue(c / previousClose)
        case .logVolumeRatio: return pandasValue(Foundation.log(v / previousVolume + 1))
        case .weightedMove: return pandasValue(abs(c / previousClose - 1) * v)
        }
    }

    /// Consumes one bar and writes one value per requested feature into `out`, feature `k` at
    /// `out[k * stride]`.
    mutating func update(_ bar: AlphaBar, into out: UnsafeMutablePointer<Double>, stride: Int = 1) {
        bars += 1
        head = (head + 1) & (LagHistory.capacity - 1)
        let head = self.head
        let available = bars
        var block = history
        history = []    // hand the buffer to `block` so writing it does not copy
        block.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for s in neededList { base[s.rawValue << 6 | head] = value(of: s, bar) }
            @inline(__always) func view(_ s: Series) -> HistoryView {
                HistoryView(base: UnsafePointer(base + (s.rawValue << 6)), head: head)
            }

            sums.withUnsafeMutableBufferPointer { channels in
                for i in channels.indices {
                    let h = view(channels[i].series)
                    channels[i].state.slide(entering: h.lag(0), leaving: h.lag(channels[i].window))
                }
            }
            variances.withUnsafeMutableBufferPointer { channels in
                for i in channels.indices {
                    channels[i].state.slide(view(channels[i].series), window: channels[i].window, available: available)
                }
            }
            correlations.withUnsafeMutableBufferPointer { channels in
                for i in channels.indices {
                    channels[i].state.slide(view(channels[i].x), view(channels[i].y), window: channels[i].window, available: available)
                }
            }
            if !regressions.isEmpty {
                let h = view(.rawClose)
                regressions.withUnsafeMutableBufferPointer { channels in
                    for i in channels.indices {
                        channels[i].slide(entering: h.lag(0), leaving: h.lag(channels[i].window))
                    }
                }
            }
            if !sorted.isEmpty {
                let h = view(.close)
                sorted.withUnsafeMutableBufferPointer { channels in
                    for i in channels.indices {
                        channels[i].state.slide(entering: h.lag(0), leaving: h.lag(channels[i].window))
                    }
                }
            }
            if !extremes.isEmpty {
                let highs = view(.high), lows = view(.low)
                extremes.withUnsafeMutableBufferPointer { channels in
                    for i in channels.indices {
                        channels[i].high.push(highs)
                        channels[i].low.push(lows)
                    }
                }
            }
        }
        history = block
        previousClose = bar.close
        previousVolume = bar.volume

        history.withUnsafeBufferPointer { buffer in
            let rawClose = HistoryView(base: buffer.baseAddress! + (Series.rawClose.rawValue << 6), head: head)
            for k in formulas.indices {
                out[k * stride] = evaluate(formulas[k], bar, rawClose)
            }
        }
    }

    /// Qlib's `isclose(Std(x, N), 0, atol=2e-5)` mask of `Rsquare` and `Corr`.
    @inline(__always)
    private func flat(_ variance: Int) -> Bool {
        abs(variances[variance].state.standardDeviation) <= 2e-5
    }

    @inline(__always)
    private func evaluate(_ formula: Formula, _ bar: AlphaBar, _ rawClose: HistoryView) -> Double {
        let c = bar.close
        switch formula {
        case .kbar(let k):
            let o = bar.open, h = bar.high, l = bar.low
            let range = h - l + 1e-12
            switch k {
            case .KMID: return (c - o) / o
            case .KLEN: return (h - l) / o
            case .KMID2: return (c - o) / range
            case .KUP: return (h - Self.greater(o, c)) / o
            case .KUP2: return (h - Self.greater(o, c)) / range
            case .KLOW: return (Self.less(o, c) - l) / o
            case .KLOW2: return (Self.less(o, c) - l) / range
            case .KSFT: return (2 * c - h - l) / o
            case .KSFT2: return (2 * c - h - l) / range
            }
        case .price(let p):
            switch p {
            case .OPEN: return bar.open / c
            case .HIGH: return bar.high / c
            case .LOW: return bar.low / c
            case .VWAP: return bar.vwap / c
            }
        case .roc(let d): return rawClose.lag(d) / c
        case .ratioToClose(let s): return sums[s].state.mean / c
        case .stdToClose(let v): return variances[v].state.standardDeviation / c
        case .beta(let r): return regressions[r].slope / c
        case .resi(let r): return regressions[r].residual(newest: c) / c
        case .rsqr(let r, let v): return flat(v) ? .nan : regressions[r].rSquared
        case .max(let e): return extremes[e].max / c
        case .min(let e): return extremes[e].min / c
        case .rsv(let e): return (c - extremes[e].min) / (extremes[e].max - extremes[e].min + 1e-12)
        case .imax(let e): return extremes[e].argMax / Double(extremes[e].window)
        case .imin(let e): return extremes[e].argMin / Double(extremes[e].window)
        case .imxd(let e): return (extremes[e].argMax - extremes[e].argMin) / Double(extremes[e].window)
        case .quantile(let s, let q): return sorted[s].state.quantile(q) / c
        case .rank(let s): return sorted[s].state.percentileRank(of: pandasValue(c))
        case .corr(let k, let vx, let vy):
            return flat(vx) || flat(vy) ? .nan : correlations[k].state.correlation
        case .mean(let s): return sums[s].state.mean
        case .meanDifference(let s, let m): return sums[s].state.mean - sums[m].state.mean
        case .share(let s, let t): return sums[s].state.sum / (sums[t].state.sum + 1e-12)
        case .shareDifference(let s, let m, let t):
            return (sums[s].state.sum - sums[m].state.sum) / (sums[t].state.sum + 1e-12)
        case .meanToVolume(let s): return sums[s].state.mean / (bar.volume + 1e-12)
        case .stdToVolume(let v): return variances[v].state.standardDeviation / (bar.volume + 1e-12)
        case .wvma(let v, let s): return variances[v].state.standardDeviation / (sums[s].state.mean + 1e-12)
        }
    }

    /// `np.maximum` / `np.minimum`: NaN if either side is NaN.
    @inline(__always) private static func greater(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : (a >= b ? a : b)
    }
    @inline(__always) private static func less(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : (a <= b ? a : b)
    }
}
