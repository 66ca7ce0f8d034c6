import Dispatch

/// Checks a bar series for the problems that silently poison backtests and models.
///
/// Errors (block imports): missing values, duplicate or non-increasing timestamps, OHLC
/// inconsistencies (high below open/close/low, low above open/close/high), non-positive
/// prices, negative volume. Warnings (reported, imported): gaps against the exchange
/// calendar, return outliers by robust z-score, stale runs of unchanged closes.
public struct BarValidator: Sendable {
    public var options: ValidationOptions

    public init(options: ValidationOptions = ValidationOptions()) { self.options = options }

    public func validate(_ loaded: LoadedSeries) -> DataQualityReport {
        var opts = options
        opts.checkVolume = options.checkVolume && loaded.hasVolume
        return BarValidator(options: opts).validate(loaded.series, lines: loaded.lines.isEmpty ? nil : loaded.lines, source: loaded.source)
    }

    public func validate(_ s: BarSeries, lines: [Int]? = nil, source: String? = nil) -> DataQualityReport {
        var report = DataQualityReport(source: source, symbol: s.symbol, rows: s.count,
                                       first: s.timestamps.first, last: s.timestamps.last)
        // The checks are independent, so on long series the two costly ones (the row checks
        // and the outlier check's log returns and medians) run on two cores. Each check
        // fills its own part; joining the parts in check order gives the report a single
        // pass would give.
        var parts = [DataQualityReport](repeating: report, count: Check.allCases.count)
        if options.concurrentChecks && s.count >= Self.parallelRows {
            parts.withUnsafeMutableBufferPointer { parts in
                let shared = CheckParts(parts: parts)
                DispatchQueue.concurrentPerform(iterations: 2) { worker in
                    for check in Check.allCases where (check == .outliers) == (worker == 1) {
                        shared.parts[check.rawValue] = run(check, s, lines)
                    }
                }
            }
        } else {
            for check in Check.allCases { parts[check.rawValue] = run(check, s, lines) }
        }
        for part in parts { report.absorb(part, limit: options.maxIssuesPerKind) }
        return report
    }

    /// Below this many rows the checks run on one core.
    static let parallelRows = 50_000

    /// The checks, in the order their issues appear in a report.
    enum Check: Int, CaseIterable {
        case rows, outliers, staleRuns, gaps
    }

    /// Runs one check into an empty report.
    func run(_ check: Check, _ s: BarSeries, _ lines: [Int]?) -> DataQualityReport {
        var part = DataQualityReport(source: nil, symbol: s.symbol, rows: s.count, first: nil, last: nil)
        let limit = options.maxIssuesPerKind
        func add(_ kind: DataQualityIssue.Kind, _ i: Int, _ field: String?, _ detail: String) {
            part.record(DataQualityIssue(kind: kind, row: i, line: lines?[i], timestamp: s.timestamps[i], field: field, detail: detail), limit: limit)
        }
        switch check {
        case .rows: checkRows(s, add)
        case .outliers: checkOutliers(s, add)
        case .staleRuns: checkStaleRuns(s, add)
        case .gaps: checkGaps(s, add)
        }
        return part
    }

    /// Missing values, timestamp order, OHLC consistency, non-positive prices, negative volume.
    func checkRows(_ s: BarSeries, _ add: (DataQualityIssue.Kind, Int, String?, String) -> Void) {
        let n = s.count
        let checkVolume = options.checkVolume
        s.timestamps.withUnsafeBufferPointer { ts in
        s.open.withUnsafeBufferPointer { open in
        s.high.withUnsafeBufferPointer { high in
        s.low.withUnsafeBufferPointer { low in
        s.close.withUnsafeBufferPointer { close in
        s.volume.withUnsafeBufferPointer { volume in
            for i in 0..<n {
                let o = open[i], h = high[i], l = low[i], c = close[i]
                // One branch-light test per row; only a row that fails it is looked at closely.
                // Every comparison with NaN is false, so NaN prices fail `> 0`.
                let pricesPositive = o > 0 && h > 0 && l > 0 && c > 0
                let finite = (o + h + l + c).isFinite
                let consistent = h >= Swift.max(o, c) && h >= l && l <= Swift.min(o, c)
                let increasing = i == 0 || ts[i] > ts[i - 1]
                let volumeOK = !checkVolume || (volume[i] >= 0 && volume[i].isFinite)
                if pricesPositive && finite && consistent && increasing && volumeOK { continue }
                inspectRow(i, ts, [("open", o), ("high", h), ("low", l), ("close", c)], volume[i], checkVolume, add)
            }
        }}}}}}
    }

    /// Reports everything wrong with row `i` (called only for rows that failed the quick test).
    func inspectRow(_ i: Int, _ ts: UnsafeBufferPointer<Timestamp>, _ prices: [(String, Double)], _ volume: Double,
                    _ checkVolume: Bool, _ add: (DataQualityIssue.Kind, Int, String?, String) -> Void) {
        if i > 0 {
            let t = ts[i], p = ts[i - 1]
            if t == p {
                add(.duplicateTimestamp, i, "timestamp", "same timestamp as the previous row")
            } else if t < p {
                add(.timestampNotIncreasing, i, "timestamp", "goes back in time from \(p.display)")
            }
        }
        var allUsable = true
        for (name, v) in prices {
            if v.isNaN || v.isInfinite {
                add(.missingValue, i, name, v.isNaN ? "no value" : "infinite value")
                allUsable = false
            } else if v <= 0 {
                add(.nonPositivePrice, i, name, "price \(v) is not positive")
                allUsable = false
            }
        }
        if checkVolume {
            if volume.isNaN || volume.isInfinite {
                add(.missingValue, i, "volume", "no value")
            } else if volume < 0 {
                add(.negativeVolume, i, "volume", "volume \(volume) is negative")
            }
        }
        guard allUsable else { return }
        let o = prices[0].1, h = prices[1].1, l = prices[2].1, c = prices[3].1
        if h < Swift.max(o, c) || h < l {
            add(.ohlcInconsistent, i, "high", "high \(h) is below \(h < l ? "low \(l)" : (h < o ? "open \(o)" : "close \(c)"))")
        } else if l > Swift.min(o, c) {
            add(.ohlcInconsistent, i, "low", "low \(l) is above \(l > o ? "open \(o)" : "close \(c)")")
        }
    }

    /// Robust z-scores of log close-to-close returns (median and MAD are not dragged along by
    /// the outliers they are meant to find, unlike mean and standard deviation).
    func checkOutliers(_ s: BarSeries, _ add: (DataQualityIssue.Kind, Int, String?, String) -> Void) {
        let n = s.count
        guard n >= 20 else { return }
        // Log returns of consecutive usable closes, and their rows when some pairs are unusable.
        var rows: [Int]?
        let returns = [Double](unsafeUninitializedCapacity: n - 1) { buffer, count in
            s.close.withUnsafeBufferPointer { close in
                var m = 0
                for i in 1..<n {
                    let a = close[i - 1], b = close[i]
                    if a > 0 && b > 0 && a.isFinite && b.isFinite {
                        buffer[m] = Foundation.log(b / a)
                        m += 1
                        rows?.append(i)
                    } else if rows == nil {
                        rows = Array(1..<m + 1)   // the rows of the returns so far
                        rows!.reserveCapacity(n - 1)
                    }
                }
                count = m
            }
        }
        guard returns.count >= 20 else { return }
        let median = returns.withUnsafeBufferPointer { OrderStatistic.median($0) }
        let mad = returns.withUnsafeBufferPointer { OrderStatistic.median($0, deviationFrom: median) }
        guard mad > 0 else { return }
        let scale = 1.4826 * mad
        for k in returns.indices {
            let z = (returns[k] - median) / scale
            guard abs(z) > options.outlierZ else { continue }
            add(.returnOutlier, rows?[k] ?? k + 1, "close", "log return \(formatShort(returns[k])) has robust z-score \(formatShort(z))")
        }
    }

    /// Expected bars missing against the exchange calendar, one issue per gap (located at the
    /// bar after the gap, which is where a reader of the file notices it).
    func checkGaps(_ s: BarSeries, _ add: (DataQualityIssue.Kind, Int, String?, String) -> Void) {
        guard let calendar = options.calendar, let timeframe = s.timeframe else { return }
        for gap in calendar.gaps(in: s.timestamps, timeframe: timeframe) {
            add(.calendarGap, gap.afterIndex + 1, "timestamp",
                "\(gap.count) expected \(timeframe) bar\(gap.count == 1 ? "" : "s") missing from \(gap.firstMissing.display)")
        }
    }

    func checkStaleRuns(_ s: BarSeries, _ add: (DataQualityIssue.Kind, Int, String?, String) -> Void) {
        let n = s.count
        let minRun = options.staleRunLength
        guard minRun > 1, n >= minRun else { return }
        var start = 0
        for i in 1...n {
            if i < n && s.close[i] == s.close[start] { continue }
            let length = i - start
            if length >= minRun {
                add(.staleRun, start, "close", "close stays \(s.close[start]) for \(length) bars until \(s.timestamps[i - 1].display)")
            }
            start = i
        }
    }
}

/// The per-check reports of a parallel validation; each worker writes only its own checks.
struct CheckParts: @unchecked Sendable {
    let parts: UnsafeMutableBufferPointer<DataQualityReport>
}

extension Double {
    var logValue: Double { Foundation.log(self) }
}

func formatShort(_ x: Double) -> String {
    String(format: "%.4g", x)
}

import Foundation
