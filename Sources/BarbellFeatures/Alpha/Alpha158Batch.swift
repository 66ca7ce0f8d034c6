import Foundation

/// The whole-series form of ``Alpha158Engine``: the same rolling primitives, run column-wise
/// (one group of primitives over the whole series at a time, over contiguous arrays) instead of
/// bar by bar over every primitive.
///
/// Every primitive performs exactly the floating point operations of the bar-wise engine, in the
/// same order, so results are bit-identical to the streams; only the schedule differs. The
/// windows of one series share a loop, so their independent dependency chains (divisions in the
/// variance, correlation and regression updates) overlap in the CPU: Alpha158's five windows as
/// two `SIMD2` lane pairs and one scalar state; other window counts run the scalar states.
enum Alpha158Batch {
    typealias Series = Alpha158Engine.Series

    /// The six bar fields as contiguous columns of `count` values (NaN columns for fields the
    /// requested features do not read, as ``AlphaBar`` leaves them NaN).
    struct Columns {
        let open, high, low, close, volume, vwap: UnsafePointer<Double>
        let count: Int
    }

    struct SeriesWindow: Hashable { let series: Series; let window: Int }
    struct PairWindow: Hashable { let x: Series; let y: Series; let window: Int }
    private struct Pair: Hashable { let x: Series; let y: Series }

    /// What the requested features read, collected before anything runs.
    private struct Plan {
        var series: [Series] = []
        var sumWindows: [Series: [Int]] = [:]
        var sumNeeded: Set<SeriesWindow> = []
        var meanNeeded: Set<SeriesWindow> = []
        var varianceWindows: [Series: [Int]] = [:]
        var correlationWindows: [Pair: [Int]] = [:]
        var regressionWindows: [Int] = []
        var sortedWindows: [Int] = []
        var upperQuantiles: Set<Int> = [], lowerQuantiles: Set<Int> = []
        var ranks: Set<Int> = []
        var highWindows: [Int] = []
        var lowWindows: [Int] = []

        mutating func use(_ s: Series) { if !series.contains(s) { series.append(s) } }
        static func add(_ d: Int, to list: inout [Int]) { if !list.contains(d) { list.append(d) } }
        mutating func sum(_ s: Series, _ d: Int) {
            use(s); Self.add(d, to: &sumWindows[s, default: []]); sumNeeded.insert(SeriesWindow(series: s, window: d))
        }
        mutating func mean(_ s: Series, _ d: Int) {
            use(s); Self.add(d, to: &sumWindows[s, default: []]); meanNeeded.insert(SeriesWindow(series: s, window: d))
        }
        mutating func variance(_ s: Series, _ d: Int) { use(s); Self.add(d, to: &varianceWindows[s, default: []]) }
        mutating func correlation(_ x: Series, _ y: Series, _ d: Int) {
            use(x); use(y); Self.add(d, to: &correlationWindows[Pair(x: x, y: y), default: []])
        }
        mutating func regression(_ d: Int) { use(.rawClose); Self.add(d, to: &regressionWindows) }
        mutating func sorted(_ d: Int) { use(.close); Self.add(d, to: &sortedWindows) }
        mutating func high(_ d: Int) { use(.high); Self.add(d, to: &highWindows) }
        mutating func low(_ d: Int) { use(.low); Self.add(d, to: &lowWindows) }

        init(_ features: [Alpha158Feature]) {
            for feature in features {
                guard case .rolling(let kind, let d) = feature else { continue }
                switch kind {
                case .ROC: use(.rawClose)
                case .MA: mean(.close, d)
                case .STD: variance(.close, d)
                case .BETA, .RESI: regression(d)
                case .RSQR: regression(d); variance(.close, d)
                case .MAX: high(d)
                case .MIN: low(d)
                case .RSV: high(d); low(d)
                case .IMAX: high(d)
                case .IMIN: low(d)
                case .IMXD: high(d); low(d)
                case .QTLU: sorted(d); upperQuantiles.insert(d)
                case .QTLD: sorted(d); lowerQuantiles.insert(d)
                case .RANK: sorted(d); ranks.insert(d)
                case .CORR: correlation(.close, .logVolume, d); variance(.close, d); variance(.logVolume, d)
                case .CORD:
                    correlation(.closeRatio, .logVolumeRatio, d)
                    variance(.closeRatio, d); variance(.logVolumeRatio, d)
                case .CNTP: mean(.up, d)
                case .CNTN: mean(.down, d)
                case .CNTD: mean(.up, d); mean(.down, d)
                case .SUMP: sum(.gain, d); sum(.move, d)
                case .SUMN: sum(.loss, d); sum(.move, d)
                case .SUMD: sum(.gain, d); sum(.loss, d); sum(.move, d)
                case .VMA: mean(.volume, d)
                case .VSTD: variance(.volume, d)
                case .WVMA: variance(.weightedMove, d); mean(.weightedMove, d)
                case .VSUMP: sum(.volumeGain, d); sum(.volumeMove, d)
                case .VSUMN: sum(.volumeLoss, d); sum(.volumeMove, d)
                case .VSUMD: sum(.volumeGain, d); sum(.volumeLoss, d); sum(.volumeMove, d)
                }
            }
        }
    }

    /// How many bars each pass of the rolling primitives covers: their results live only for one
    /// chunk (a few hundred KB for all of Alpha158, so they stay in cache), while the derived
    /// series and the primitives' states run over the whole input.
    static let chunk = 512

    /// A group of primitives over one series (or pair), with its state carried across chunks and
    /// one chunk-long result column per window and quantity.
    private final class SumGroup {
        let x: UnsafePointer<Double>; let windows: [Int]
        var states: [PandasRollingSum]
        let sums: [UnsafeMutablePointer<Double>?], means: [UnsafeMutablePointer<Double>?]
        /// Per mean: the denominators and sign guards of the chunk, while `means` holds the numerators.
        let denominators: [UnsafeMutablePointer<Double>?], clamps: [UnsafeMutablePointer<Double>?]
        let sink: UnsafeMutablePointer<Double>
        init(_ x: UnsafePointer<Double>, _ windows: [Int], _ sums: [UnsafeMutablePointer<Double>?], _ means: [UnsafeMutablePointer<Double>?],
             scratch: () -> UnsafeMutablePointer<Double>) {
            self.x = x; self.windows = windows; self.sums = sums; self.means = means
            denominators = means.map { $0 == nil ? nil : scratch() }
            clamps = means.map { $0 == nil ? nil : scratch() }
            sink = scratch()
            states = Array(repeating: PandasRollingSum(), count: windows.count)
        }
        func run(_ t0: Int, _ t1: Int) {
            let x = self.x, windows = self.windows, sums = self.sums, means = self.means, k = windows.count
            let denominators = self.denominators, clamps = self.clamps
            let sink = self.sink
            // Windows go two per pass with their states in locals (as in `VarianceGroup`); a
            // result nobody reads goes to `sink` so the loop has no branches on what is wanted.
            typealias Outputs = (sum: UnsafeMutablePointer<Double>, mean: UnsafeMutablePointer<Double>,
                                 denominator: UnsafeMutablePointer<Double>, clamp: UnsafeMutablePointer<Double>)
            func outputs(_ j: Int) -> Outputs { (sums[j] ?? sink, means[j] ?? sink, denominators[j] ?? sink, clamps[j] ?? sink) }
            @inline(__always) func record(_ state: PandasRollingSum, _ o: Outputs, _ i: Int) {
                o.sum[i] = state.sum
                let parts = state.meanParts
                o.mean[i] = parts.numerator
                o.denominator[i] = parts.denominator
                o.clamp[i] = parts.clamp
            }
            var j = 0
            while j < k {
                let wa = windows[j], oa = outputs(j)
                var a = states[j]
                if j + 1 < k {
                    let wb = windows[j + 1], ob = outputs(j + 1)
                    var b = states[j + 1]
                    for t in t0..<t1 {
                        let entering = x[t], i = t - t0
                        a.slide(entering: entering, leaving: t >= wa ? x[t - wa] : .nan)
                        b.slide(entering: entering, leaving: t >= wb ? x[t - wb] : .nan)
                        record(a, oa, i)
                        record(b, ob, i)
                    }
                    states[j + 1] = b
                } else {
                    for t in t0..<t1 {
                        a.slide(entering: x[t], leaving: t >= wa ? x[t - wa] : .nan)
                        record(a, oa, t - t0)
                    }
                }
                states[j] = a
                j += 2
            }
            // The means' divisions, off the windows' update chains (see `PandasRollingSum.meanParts`).
            for j in 0..<k {
                guard let out = means[j], let d = denominators[j], let c = clamps[j] else { continue }
                PandasRollingSum.means(out, denominators: d, clamps: c, count: t1 - t0)
            }
        }
    }

    /// `Mean` of a 0/1 series that is never NaN (`$close > Ref($close, 1)` and its opposite):
    /// pandas' Kahan sum of such values is the exact count of ones (every partial sum is a small
    /// integer and the compensations stay 0), and its equal-run shortcut gives the same count, so
    /// the mean is exactly `count / observations`, with no Kahan chain and no data-dependent
    /// branch (whether a 0/1 value repeats is a coin flip).
    private final class IndicatorMeanGroup {
        let x: UnsafePointer<Double>; let windows: [Int]
        let means: [UnsafeMutablePointer<Double>?]
        var counts: [Double]
        init(_ x: UnsafePointer<Double>, _ windows: [Int], _ means: [UnsafeMutablePointer<Double>?]) {
            self.x = x; self.windows = windows; self.means = means
            counts = Array(repeating: 0, count: windows.count)
        }
        func run(_ t0: Int, _ t1: Int) {
            let x = self.x
            for j in windows.indices {
                guard let out = means[j] else { continue }
                let w = windows[j]
                var count = counts[j]
                for t in t0..<t1 {
                    count += x[t] - (t >= w ? x[t - w] : 0)
                    out[t - t0] = count / Double(Swift.min(t + 1, w))
                }
                counts[j] = count
            }
        }
    }

    private final class VarianceGroup {
        let x: UnsafePointer<Double>; let windows: [Int]
        var states: [PandasRollingVariance]
        let outs: [UnsafeMutablePointer<Double>]
        /// Each window's count per bar of the chunk, while `outs` holds its m2.
        let counts: [UnsafeMutablePointer<Double>]
        init(_ x: UnsafePointer<Double>, _ windows: [Int], _ outs: [UnsafeMutablePointer<Double>], _ counts: [UnsafeMutablePointer<Double>]) {
            self.x = x; self.windows = windows; self.outs = outs; self.counts = counts
            states = Array(repeating: PandasRollingVariance(), count: windows.count)
        }
        func run(_ t0: Int, _ t1: Int) {
            let outs = self.outs, counts = self.counts, k = windows.count
            // The updates are a chain of dependent divisions per window; the final division and
            // square root are not, so they run afterwards over the chunk, two lanes at a time.
            // The states live in locals during a pass: no output store can alias a state (an
            // array element), which would force reloads on the chains.
            if k == 5 {
                runFive(t0, t1)
            } else {
                runPairs(t0, t1)
            }
            for j in 0..<k {
                PandasRollingVariance.standardDeviations(outs[j], observations: counts[j], count: t1 - t0)
            }
        }

        /// Alpha158's five windows in one loop: two lane pairs and one scalar state, three
        /// independent division chains in flight.
        private func runFive(_ t0: Int, _ t1: Int) {
            let outs = self.outs, counts = self.counts
            let x = self.x, w = self.windows
            let (o0, o1, o2, o3, o4) = (outs[0], outs[1], outs[2], outs[3], outs[4])
            let (c0, c1, c2, c3, c4) = (counts[0], counts[1], counts[2], counts[3], counts[4])
            var p = PandasRollingVariance.Pair(states[0], states[1])
            var q = PandasRollingVariance.Pair(states[2], states[3])
            var r = states[4]
            for t in t0..<t1 {
                let view = ColumnView(base: x + t), i = t - t0
                p.slide(view, windows: (w[0], w[1]), available: t + 1)
                q.slide(view, windows: (w[2], w[3]), available: t + 1)
                r.slide(view, window: w[4], available: t + 1)
                let mp = p.moments, mq = q.moments, mr = r.moments
                o0[i] = mp.m2[0]; c0[i] = mp.observations[0]
                o1[i] = mp.m2[1]; c1[i] = mp.observations[1]
                o2[i] = mq.m2[0]; c2[i] = mq.observations[0]
                o3[i] = mq.m2[1]; c3[i] = mq.observations[1]
                o4[i] = mr.m2; c4[i] = mr.observations
            }
            states[0] = p.lane(0); states[1] = p.lane(1)
            states[2] = q.lane(0); states[3] = q.lane(1)
            states[4] = r
        }

        private func runPairs(_ t0: Int, _ t1: Int) {
            let x = self.x, windows = self.windows, outs = self.outs, counts = self.counts, k = windows.count
            var j = 0
            while j < k {
                let wa = windows[j], oa = outs[j], ca = counts[j]
                var a = states[j]
                if j + 1 < k {
                    let wb = windows[j + 1], ob = outs[j + 1], cb = counts[j + 1]
                    var b = states[j + 1]
                    for t in t0..<t1 {
                        let view = ColumnView(base: x + t), i = t - t0
                        a.slide(view, window: wa, available: t + 1)
                        b.slide(view, window: wb, available: t + 1)
                        let ma = a.moments, mb = b.moments
                        oa[i] = ma.m2; ca[i] = ma.observations
                        ob[i] = mb.m2; cb[i] = mb.observations
                    }
                    states[j + 1] = b
                } else {
                    for t in t0..<t1 {
                        let i = t - t0
                        a.slide(ColumnView(base: x + t), window: wa, available: t + 1)
                        let ma = a.moments
                        oa[i] = ma.m2; ca[i] = ma.observations
                    }
                }
                states[j] = a
                j += 2
            }
        }
    }

    private final class CorrelationGroup {
        let x: UnsafePointer<Double>, y: UnsafePointer<Double>; let windows: [Int]
        var states: [PandasRollingCorrelation]
        let outs: [UnsafeMutablePointer<Double>]
        /// Each window's moment products per bar of the chunk, while `outs` holds its co-moments.
        let products: [UnsafeMutablePointer<Double>]
        init(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ windows: [Int], _ outs: [UnsafeMutablePointer<Double>],
             _ products: [UnsafeMutablePointer<Double>]) {
            self.x = x; self.y = y; self.windows = windows; self.outs = outs; self.products = products
            states = Array(repeating: PandasRollingCorrelation(), count: windows.count)
        }
        func run(_ t0: Int, _ t1: Int) {
            let windows = self.windows, outs = self.outs, products = self.products, k = windows.count
            if k == 5 {
                runFive(t0, t1)
            } else {
                runEach(t0, t1)
            }
            // Square roots and divisions off the update chains (see `correlationParts`).
            for j in 0..<k {
                let out = outs[j], product = products[j]
                for i in 0..<(t1 - t0) { out[i] = PandasRollingCorrelation.correlation(comoment: out[i], product: product[i]) }
            }
        }

        /// Alpha158's five windows in one loop, as `VarianceGroup.runFive`.
        private func runFive(_ t0: Int, _ t1: Int) {
            let x = self.x, y = self.y, w = self.windows
            let (o0, o1, o2, o3, o4) = (outs[0], outs[1], outs[2], outs[3], outs[4])
            let (p0, p1, p2, p3, p4) = (products[0], products[1], products[2], products[3], products[4])
            var p = PandasRollingCorrelation.Pair(states[0], states[1])
            var q = PandasRollingCorrelation.Pair(states[2], states[3])
            var r = states[4]
            for t in t0..<t1 {
                let xs = ColumnView(base: x + t), ys = ColumnView(base: y + t), i = t - t0
                p.slide(xs, ys, windows: (w[0], w[1]), available: t + 1)
                q.slide(xs, ys, windows: (w[2], w[3]), available: t + 1)
                r.slide(xs, ys, window: w[4], available: t + 1)
                (o0[i], p0[i]) = p.correlationParts(0)
                (o1[i], p1[i]) = p.correlationParts(1)
                (o2[i], p2[i]) = q.correlationParts(0)
                (o3[i], p3[i]) = q.correlationParts(1)
                (o4[i], p4[i]) = r.correlationParts
            }
            states[0] = p.lane(0); states[1] = p.lane(1)
            states[2] = q.lane(0); states[3] = q.lane(1)
            states[4] = r
        }

        private func runEach(_ t0: Int, _ t1: Int) {
            let x = self.x, y = self.y, windows = self.windows, outs = self.outs, products = self.products, k = windows.count
            states.withUnsafeMutableBufferPointer { st in
                for t in t0..<t1 {
                    let xs = ColumnView(base: x + t), ys = ColumnView(base: y + t), i = t - t0
                    for j in 0..<k {
                        st[j].slide(xs, ys, window: windows[j], available: t + 1)
                        let parts = st[j].correlationParts
                        outs[j][i] = parts.comoment
                        products[j][i] = parts.product
                    }
                }
            }
        }
    }

    private final class RegressionGroup {
        let c: UnsafePointer<Double>; let windows: [Int]
        var states: [QlibRollingRegression]
        let slopes: [UnsafeMutablePointer<Double>], rsq: [UnsafeMutablePointer<Double>], resi: [UnsafeMutablePointer<Double>]
        init(_ c: UnsafePointer<Double>, _ windows: [Int], _ slopes: [UnsafeMutablePointer<Double>],
             _ rsq: [UnsafeMutablePointer<Double>], _ resi: [UnsafeMutablePointer<Double>]) {
            self.c = c; self.windows = windows; self.slopes = slopes; self.rsq = rsq; self.resi = resi
            states = windows.map { QlibRollingRegression(window: $0) }
        }
        func run(_ t0: Int, _ t1: Int) {
            let c = self.c, windows = self.windows, slopes = self.slopes, rsq = self.rsq, resi = self.resi, k = windows.count
            if k == 5 {
                // Alpha158's five windows: two lane pairs and one scalar state in one loop.
                let w = windows
                var p = QlibRollingRegression.Pair(states[0], states[1])
                var q = QlibRollingRegression.Pair(states[2], states[3])
                var r = states[4]
                @inline(__always) func leaving(_ t: Int, _ d: Int) -> Double { t >= d ? c[t - d] : .nan }
                @inline(__always) func store(_ o: (slope: SIMD2<Double>, rSquared: SIMD2<Double>, residual: SIMD2<Double>),
                                             _ j: Int, _ i: Int) {
                    slopes[j][i] = o.slope[0]; rsq[j][i] = o.rSquared[0]; resi[j][i] = o.residual[0]
                    slopes[j + 1][i] = o.slope[1]; rsq[j + 1][i] = o.rSquared[1]; resi[j + 1][i] = o.residual[1]
                }
                for t in t0..<t1 {
                    let y = c[t], i = t - t0
                    p.slide(entering: y, leaving: SIMD2(leaving(t, w[0]), leaving(t, w[1])))
                    q.slide(entering: y, leaving: SIMD2(leaving(t, w[2]), leaving(t, w[3])))
                    r.slide(entering: y, leaving: leaving(t, w[4]))
                    store(p.outputs(newest: y), 0, i)
                    store(q.outputs(newest: y), 2, i)
                    let b = r.slope
                    slopes[4][i] = b
                    rsq[4][i] = r.rSquared
                    resi[4][i] = r.residual(newest: y, slope: b)
                }
                states[0] = p.lane(0); states[1] = p.lane(1)
                states[2] = q.lane(0); states[3] = q.lane(1)
                states[4] = r
                return
            }
            states.withUnsafeMutableBufferPointer { st in
                for t in t0..<t1 {
                    let y = c[t], i = t - t0
                    for j in 0..<k {
                        let w = windows[j]
                        st[j].slide(entering: y, leaving: t >= w ? c[t - w] : .nan)
                        let b = st[j].slope
                        slopes[j][i] = b
                        rsq[j][i] = st[j].rSquared
                        resi[j][i] = st[j].residual(newest: y, slope: b)
                    }
                }
            }
        }
    }

    private final class SortedGroup {
        let x: UnsafePointer<Double>; let w: Int
        var state: SortedWindow
        let upper: UnsafeMutablePointer<Double>?, lower: UnsafeMutablePointer<Double>?, rank: UnsafeMutablePointer<Double>?
        init(_ x: UnsafePointer<Double>, _ w: Int, _ upper: UnsafeMutablePointer<Double>?, _ lower: UnsafeMutablePointer<Double>?,
             _ rank: UnsafeMutablePointer<Double>?) {
            self.x = x; self.w = w; self.upper = upper; self.lower = lower; self.rank = rank
            state = SortedWindow(window: w)
        }
        func run(_ t0: Int, _ t1: Int) {
            let x = self.x, w = self.w, upper = self.upper, lower = self.lower, rank = self.rank
            var state = self.state
            self.state = SortedWindow(window: 0)
            for t in t0..<t1 {
                let entering = x[t], i = t - t0
                state.slide(entering: entering, leaving: t >= w ? x[t - w] : .nan)
                if let p = upper { p[i] = state.quantile(0.8) }
                if let p = lower { p[i] = state.quantile(0.2) }
                if let p = rank { p[i] = state.percentileRank(of: entering) }
            }
            self.state = state
        }
    }

    /// Every window's rolling max (or min) and its position over one series, one shared deque.
    private final class ExtremeGroup {
        let x: UnsafePointer<Double>
        var state: RollingArgExtremes
        let extremes: [UnsafeMutablePointer<Double>], positions: [UnsafeMutablePointer<Double>]
        init(_ x: UnsafePointer<Double>, _ windows: [Int], maximum: Bool, _ extremes: [UnsafeMutablePointer<Double>],
             _ positions: [UnsafeMutablePointer<Double>]) {
            self.x = x; self.extremes = extremes; self.positions = positions
            state = RollingArgExtremes(windows: windows, maximum: maximum)
        }
        func run(_ t0: Int, _ t1: Int) {
            let x = self.x, extremes = self.extremes, positions = self.positions
            var state = self.state
            for t in t0..<t1 { state.push(ColumnView(base: x + t), extremes: extremes, positions: positions, at: t - t0) }
            self.state = state
        }
    }

    /// The derived series (whole input) and every primitive group with its chunk-long results.
    final class Results {
        let count: Int
        private var storage: [UnsafeMutablePointer<Double>] = []
        var series: [Series: UnsafeMutablePointer<Double>] = [:]
        var sums: [SeriesWindow: UnsafeMutablePointer<Double>] = [:]
        var means: [SeriesWindow: UnsafeMutablePointer<Double>] = [:]
        var deviations: [SeriesWindow: UnsafeMutablePointer<Double>] = [:]
        var correlations: [PairWindow: UnsafeMutablePointer<Double>] = [:]
        var slopes: [Int: UnsafeMutablePointer<Double>] = [:], rSquared: [Int: UnsafeMutablePointer<Double>] = [:]
        var residuals: [Int: UnsafeMutablePointer<Double>] = [:]
        var upperQuantiles: [Int: UnsafeMutablePointer<Double>] = [:], lowerQuantiles: [Int: UnsafeMutablePointer<Double>] = [:]
        var ranks: [Int: UnsafeMutablePointer<Double>] = [:]
        var maxima: [Int: UnsafeMutablePointer<Double>] = [:], argMaxima: [Int: UnsafeMutablePointer<Double>] = [:]
        var minima: [Int: UnsafeMutablePointer<Double>] = [:], argMinima: [Int: UnsafeMutablePointer<Double>] = [:]
        fileprivate var groups: [(Int, Int) -> Void] = []

        init(count: Int) { self.count = count }
        deinit { for p in storage { p.deallocate() } }
        func make(_ length: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(length, 1))
            storage.append(p)
            return p
        }
        func chunkColumn() -> UnsafeMutablePointer<Double> { make(Swift.min(count, Alpha158Batch.chunk)) }
        /// Runs every primitive over bars `t0..<t1` (the next chunk).
        func advance(_ t0: Int, _ t1: Int) { for g in groups { g(t0, t1) } }
    }

    /// Writes feature `k` of `features` into `outputs[k]` (`columns.count` values each).
    static func compute(_ features: [Alpha158Feature], _ columns: Columns, _ outputs: [UnsafeMutablePointer<Double>]) {
        let n = columns.count
        guard n > 0 else { return }
        let results = prepare(features, columns)
        var t0 = 0
        while t0 < n {
            let t1 = Swift.min(t0 + chunk, n)
            results.advance(t0, t1)
            for (k, feature) in features.enumerated() {
                evaluate(feature, columns, results, outputs[k], t0, t1)
            }
            t0 = t1
        }
    }

    /// Derives the series the features read and sets up the rolling primitives over them.
    static func prepare(_ features: [Alpha158Feature], _ columns: Columns) -> Results {
        let n = columns.count
        let plan = Plan(features)
        let results = Results(count: n)
        for s in plan.series {
            let b = results.make(n)
            derive(s, columns, b)
            results.series[s] = b
        }
        func column(_ s: Series) -> UnsafePointer<Double> { UnsafePointer(results.series[s]!) }

        for (s, windows) in plan.sumWindows {
            var sums: [UnsafeMutablePointer<Double>?] = [], means: [UnsafeMutablePointer<Double>?] = []
            for d in windows {
                let key = SeriesWindow(series: s, window: d)
                if plan.sumNeeded.contains(key) { let b = results.chunkColumn(); results.sums[key] = b; sums.append(b) } else { sums.append(nil) }
                if plan.meanNeeded.contains(key) { let b = results.chunkColumn(); results.means[key] = b; means.append(b) } else { means.append(nil) }
            }
            if s == .up || s == .down {
                results.groups.append(IndicatorMeanGroup(column(s), windows, means).run)
            } else {
                results.groups.append(SumGroup(column(s), windows, sums, means, scratch: results.chunkColumn).run)
            }
        }
        for (s, windows) in plan.varianceWindows {
            var outs: [UnsafeMutablePointer<Double>] = []
            for d in windows { let b = results.chunkColumn(); results.deviations[SeriesWindow(series: s, window: d)] = b; outs.append(b) }
            results.groups.append(VarianceGroup(column(s), windows, outs, windows.map { _ in results.chunkColumn() }).run)
        }
        for (pair, windows) in plan.correlationWindows {
            var outs: [UnsafeMutablePointer<Double>] = []
            for d in windows { let b = results.chunkColumn(); results.correlations[PairWindow(x: pair.x, y: pair.y, window: d)] = b; outs.append(b) }
            results.groups.append(CorrelationGroup(column(pair.x), column(pair.y), windows, outs, windows.map { _ in results.chunkColumn() }).run)
        }
        if !plan.regressionWindows.isEmpty {
            var slopes: [UnsafeMutablePointer<Double>] = [], rsq: [UnsafeMutablePointer<Double>] = [], resi: [UnsafeMutablePointer<Double>] = []
            for d in plan.regressionWindows {
                let a = results.chunkColumn(), b = results.chunkColumn(), c = results.chunkColumn()
                results.slopes[d] = a; results.rSquared[d] = b; results.residuals[d] = c
                slopes.append(a); rsq.append(b); resi.append(c)
            }
            results.groups.append(RegressionGroup(column(.rawClose), plan.regressionWindows, slopes, rsq, resi).run)
        }
        for d in plan.sortedWindows {
            var upper: UnsafeMutablePointer<Double>?, lower: UnsafeMutablePointer<Double>?, rank: UnsafeMutablePointer<Double>?
            if plan.upperQuantiles.contains(d) { let b = results.chunkColumn(); results.upperQuantiles[d] = b; upper = b }
            if plan.lowerQuantiles.contains(d) { let b = results.chunkColumn(); results.lowerQuantiles[d] = b; lower = b }
            if plan.ranks.contains(d) { let b = results.chunkColumn(); results.ranks[d] = b; rank = b }
            results.groups.append(SortedGroup(column(.close), d, upper, lower, rank).run)
        }
        for (windows, maximum) in [(plan.highWindows, true), (plan.lowWindows, false)] where !windows.isEmpty {
            let extremes = windows.map { _ in results.chunkColumn() }, positions = windows.map { _ in results.chunkColumn() }
            for (j, d) in windows.enumerated() {
                if maximum {
                    results.maxima[d] = extremes[j]; results.argMaxima[d] = positions[j]
                } else {
                    results.minima[d] = extremes[j]; results.argMinima[d] = positions[j]
                }
            }
            results.groups.append(ExtremeGroup(column(maximum ? .high : .low), windows, maximum: maximum, extremes, positions).run)
        }
        return results
    }

    // MARK: Derived series

    /// `np.maximum(x, 0)`: NaN stays NaN.
    @inline(__always)
    private static func positivePart(_ x: Double) -> Double { x.isNaN ? x : (x > 0 ? x : 0) }

    /// The series `s` over the whole input, as ``Alpha158Engine`` derives it bar by bar.
    private static func derive(_ s: Series, _ columns: Columns, _ out: UnsafeMutablePointer<Double>) {
        let n = columns.count
        let C = columns.close, V = columns.volume
        @inline(__always) func previous(_ p: UnsafePointer<Double>, _ t: Int) -> Double { t > 0 ? p[t - 1] : .nan }
        switch s {
        case .rawClose: for t in 0..<n { out[t] = C[t] }
        case .close: for t in 0..<n { out[t] = pandasValue(C[t]) }
        case .high: let H = columns.high; for t in 0..<n { out[t] = pandasValue(H[t]) }
        case .low: let L = columns.low; for t in 0..<n { out[t] = pandasValue(L[t]) }
        case .volume: for t in 0..<n { out[t] = pandasValue(V[t]) }
        case .gain: for t in 0..<n { out[t] = pandasValue(positivePart(C[t] - previous(C, t))) }
        case .loss: for t in 0..<n { out[t] = pandasValue(positivePart(previous(C, t) - C[t])) }
        case .move: for t in 0..<n { out[t] = pandasValue(abs(C[t] - previous(C, t))) }
        case .volumeGain: for t in 0..<n { out[t] = pandasValue(positivePart(V[t] - previous(V, t))) }
        case .volumeLoss: for t in 0..<n { out[t] = pandasValue(positivePart(previous(V, t) - V[t])) }
        case .volumeMove: for t in 0..<n { out[t] = pandasValue(abs(V[t] - previous(V, t))) }
        case .up: for t in 0..<n { out[t] = C[t] > previous(C, t) ? 1 : 0 }
        case .down: for t in 0..<n { out[t] = C[t] < previous(C, t) ? 1 : 0 }
        case .logVolume: for t in 0..<n { out[t] = pandasValue(Foundation.log(V[t] + 1)) }
        case .closeRatio: for t in 0..<n { out[t] = pandasValue(C[t] / previous(C, t)) }
        case .logVolumeRatio: for t in 0..<n { out[t] = pandasValue(Foundation.log(V[t] / previous(V, t) + 1)) }
        case .weightedMove: for t in 0..<n { out[t] = pandasValue(abs(C[t] / previous(C, t) - 1) * V[t]) }
        }
    }

    // MARK: Columns

    /// `np.maximum` / `np.minimum`: NaN if either side is NaN.
    @inline(__always) private static func greater(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : (a >= b ? a : b)
    }
    @inline(__always) private static func less(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : (a <= b ? a : b)
    }

    /// Qlib's `isclose(Std(x, N), 0, atol=2e-5)` mask of `Rsquare` and `Corr`.
    @inline(__always)
    private static func flat(_ deviation: Double) -> Bool { abs(deviation) <= 2e-5 }

    /// One output column from the intermediate results, with ``Alpha158Engine``'s arithmetic.
    /// Bars `t0..<t1` of the column (the chunk ``Results/advance(_:_:)`` last ran).
    static func evaluate(_ feature: Alpha158Feature, _ columns: Columns, _ r: Results, _ output: UnsafeMutablePointer<Double>,
                         _ t0: Int, _ t1: Int) {
        let n = t1 - t0
        let O = columns.open + t0, H = columns.high + t0, L = columns.low + t0, C = columns.close + t0, V = columns.volume + t0
        let out = output + t0
        switch feature {
        case .kbar(let k):
            switch k {
            case .KMID: for t in 0..<n { out[t] = (C[t] - O[t]) / O[t] }
            case .KLEN: for t in 0..<n { out[t] = (H[t] - L[t]) / O[t] }
            case .KMID2: for t in 0..<n { out[t] = (C[t] - O[t]) / (H[t] - L[t] + 1e-12) }
            case .KUP: for t in 0..<n { out[t] = (H[t] - greater(O[t], C[t])) / O[t] }
            case .KUP2: for t in 0..<n { out[t] = (H[t] - greater(O[t], C[t])) / (H[t] - L[t] + 1e-12) }
            case .KLOW: for t in 0..<n { out[t] = (less(O[t], C[t]) - L[t]) / O[t] }
            case .KLOW2: for t in 0..<n { out[t] = (less(O[t], C[t]) - L[t]) / (H[t] - L[t] + 1e-12) }
            case .KSFT: for t in 0..<n { out[t] = (2 * C[t] - H[t] - L[t]) / O[t] }
            case .KSFT2: for t in 0..<n { out[t] = (2 * C[t] - H[t] - L[t]) / (H[t] - L[t] + 1e-12) }
            }
        case .price(let p):
            let X: UnsafePointer<Double>
            switch p {
            case .OPEN: X = O
            case .HIGH: X = H
            case .LOW: X = L
            case .VWAP: X = columns.vwap + t0
            }
            for t in 0..<n { out[t] = X[t] / C[t] }
        case .rolling(let kind, let d):
            let key = SeriesWindow(series: .close, window: d)
            @inline(__always) func p(_ b: UnsafeMutablePointer<Double>?) -> UnsafePointer<Double> { UnsafePointer(b!) }
            @inline(__always) func ratio(_ a: UnsafePointer<Double>) { for t in 0..<n { out[t] = a[t] / C[t] } }
            @inline(__always) func share(_ a: Series, _ b: Series?, _ total: Series) {
                let s = p(r.sums[SeriesWindow(series: a, window: d)])
                let m = b.map { p(r.sums[SeriesWindow(series: $0, window: d)]) }
                let z = p(r.sums[SeriesWindow(series: total, window: d)])
                if let m {
                    for t in 0..<n { out[t] = (s[t] - m[t]) / (z[t] + 1e-12) }
                } else {
                    for t in 0..<n { out[t] = s[t] / (z[t] + 1e-12) }
                }
            }
            switch kind {
            case .ROC:
                let first = Swift.min(Swift.max(d - t0, 0), n)     // chunk bars before bar d
                for t in 0..<first { out[t] = .nan / C[t] }
                let all = columns.close, back = t0 - d
                for t in first..<n { out[t] = all[t + back] / C[t] }
            case .MA: ratio(p(r.means[key]))
            case .STD: ratio(p(r.deviations[key]))
            case .BETA: ratio(p(r.slopes[d]))
            case .RESI: ratio(p(r.residuals[d]))
            case .RSQR:
                let q = p(r.rSquared[d]), s = p(r.deviations[key])
                for t in 0..<n { out[t] = flat(s[t]) ? .nan : q[t] }
            case .MAX: ratio(p(r.maxima[d]))
            case .MIN: ratio(p(r.minima[d]))
            case .RSV:
                let hi = p(r.maxima[d]), lo = p(r.minima[d])
                for t in 0..<n { out[t] = (C[t] - lo[t]) / (hi[t] - lo[t] + 1e-12) }
            case .IMAX:
                let a = p(r.argMaxima[d]), w = Double(d)
                for t in 0..<n { out[t] = a[t] / w }
            case .IMIN:
                let a = p(r.argMinima[d]), w = Double(d)
                for t in 0..<n { out[t] = a[t] / w }
            case .IMXD:
                let a = p(r.argMaxima[d]), b = p(r.argMinima[d]), w = Double(d)
                for t in 0..<n { out[t] = (a[t] - b[t]) / w }
            case .QTLU: ratio(p(r.upperQuantiles[d]))
            case .QTLD: ratio(p(r.lowerQuantiles[d]))
            case .RANK: let a = p(r.ranks[d]); for t in 0..<n { out[t] = a[t] }
            case .CORR, .CORD:
                let x: Series = kind == .CORR ? .close : .closeRatio
                let y: Series = kind == .CORR ? .logVolume : .logVolumeRatio
                let c = p(r.correlations[PairWindow(x: x, y: y, window: d)])
                let sx = p(r.deviations[SeriesWindow(series: x, window: d)])
                let sy = p(r.deviations[SeriesWindow(series: y, window: d)])
                for t in 0..<n { out[t] = flat(sx[t]) || flat(sy[t]) ? .nan : c[t] }
            case .CNTP: let a = p(r.means[SeriesWindow(series: .up, window: d)]); for t in 0..<n { out[t] = a[t] }
            case .CNTN: let a = p(r.means[SeriesWindow(series: .down, window: d)]); for t in 0..<n { out[t] = a[t] }
            case .CNTD:
                let a = p(r.means[SeriesWindow(series: .up, window: d)]), b = p(r.means[SeriesWindow(series: .down, window: d)])
                for t in 0..<n { out[t] = a[t] - b[t] }
            case .SUMP: share(.gain, nil, .move)
            case .SUMN: share(.loss, nil, .move)
            case .SUMD: share(.gain, .loss, .move)
            case .VMA:
                let a = p(r.means[SeriesWindow(series: .volume, window: d)])
                for t in 0..<n { out[t] = a[t] / (V[t] + 1e-12) }
            case .VSTD:
                let a = p(r.deviations[SeriesWindow(series: .volume, window: d)])
                for t in 0..<n { out[t] = a[t] / (V[t] + 1e-12) }
            case .WVMA:
                let s = p(r.deviations[SeriesWindow(series: .weightedMove, window: d)])
                let m = p(r.means[SeriesWindow(series: .weightedMove, window: d)])
                for t in 0..<n { out[t] = s[t] / (m[t] + 1e-12) }
            case .VSUMP: share(.volumeGain, nil, .volumeMove)
            case .VSUMN: share(.volumeLoss, nil, .volumeMove)
            case .VSUMD: share(.volumeGain, .volumeLoss, .volumeMove)
            }
        }
    }

    /// Copies `fields` (the columns a descriptor or request reads, in `fields` order) into six
    /// contiguous bar-field columns and runs `body` on them.
    static func withColumns<R>(_ fields: [InputField], count n: Int, _ column: (Int) -> UnsafeBufferPointer<Double>,
                               _ body: (Columns) -> R) -> R {
        let layout = AlphaBar.Layout(fields)
        let block = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(6 * n, 1))
        defer { block.deallocate() }
        let slots = [layout.open, layout.high, layout.low, layout.close, layout.volume, layout.vwap]
        for (f, slot) in slots.enumerated() {
            let dst = block + f * n
            if slot >= 0 {
                let src = column(slot)
                for t in 0..<n { dst[t] = src[t] }
            } else {
                dst.initialize(repeating: .nan, count: n)
            }
        }
        let b = UnsafePointer(block)
        return body(Columns(open: b, high: b + n, low: b + 2 * n, close: b + 3 * n, volume: b + 4 * n, vwap: b + 5 * n, count: n))
    }
}
