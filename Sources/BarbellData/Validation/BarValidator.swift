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
        let limit = options.maxIssuesPerKind
        let n = s.count
        func add(_ kind: DataQualityIssue.Kind, _ i: Int, _ field: String?, _ detail: String) {
            report.record(DataQualityIssue(kind: kind, row: i, line: lines?[i], timestamp: s.timestamps[i], field: field, detail: detail), limit: limit)
        }
        let fields: [(String, [Double])] = [("open", s.open), ("high", s.high), ("low", s.low), ("close", s.close)]
        for i in 0..<n {
            let t = s.timestamps[i]
            if i > 0 {
                let p = s.timestamps[i - 1]
                if t == p {
                    add(.duplicateTimestamp, i, "timestamp", "same timestamp as the previous row")
                } else if t < p {
                    add(.timestampNotIncreasing, i, "timestamp", "goes back in time from \(p.display)")
                }
            }
            var anyMissing = false
            var anyNonPositive = false
            for (name, column) in fields {
                let v = column[i]
                if v.isNaN || v.isInfinite {
                    add(.missingValue, i, name, v.isNaN ? "no value" : "infinite value")
                    anyMissing = true
                } else if v <= 0 {
                    add(.nonPositivePrice, i, name, "price \(v) is not positive")
                    anyNonPositive = true
                }
            }
            if options.checkVolume {
                let v = s.volume[i]
                if v.isNaN || v.isInfinite {
                    add(.missingValue, i, "volume", "no value")
                } else if v < 0 {
                    add(.negativeVolume, i, "volume", "volume \(v) is negative")
                }
            }
            if !anyMissing && !anyNonPositive {
                let o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i]
                if h < Swift.max(o, c) || h < l {
                    add(.ohlcInconsistent, i, "high", "high \(h) is below \(h < l ? "low \(l)" : (h < o ? "open \(o)" : "close \(c)"))")
                } else if l > Swift.min(o, c) {
                    add(.ohlcInconsistent, i, "low", "low \(l) is above \(l > o ? "open \(o)" : "close \(c)")")
                }
            }
        }
        checkOutliers(s, add)
        checkStaleRuns(s, add)
        checkGaps(s, add)
        return report
    }

    /// Robust z-scores of log close-to-close returns (median and MAD are not dragged along by
    /// the outliers they are meant to find, unlike mean and standard deviation).
    func checkOutliers(_ s: BarSeries, _ add: (DataQualityIssue.Kind, Int, String?, String) -> Void) {
        let n = s.count
        guard n >= 20 else { return }
        var returns: [Double] = []
        var rows: [Int] = []
        returns.reserveCapacity(n)
        for i in 1..<n {
            let a = s.close[i - 1], b = s.close[i]
            if a > 0 && b > 0 && a.isFinite && b.isFinite {
                returns.append((b / a).logValue)
                rows.append(i)
            }
        }
        guard returns.count >= 20 else { return }
        let median = returns.median()
        let mad = returns.map { abs($0 - median) }.median()
        guard mad > 0 else { return }
        let scale = 1.4826 * mad
        for (k, r) in returns.enumerated() {
            let z = (r - median) / scale
            if abs(z) > options.outlierZ {
                add(.returnOutlier, rows[k], "close", "log return \(formatShort(r)) has robust z-score \(formatShort(z))")
            }
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

extension Double {
    var logValue: Double { Foundation.log(self) }
}

extension Array where Element == Double {
    /// Median by sorting a copy (validation runs once per import; clarity over O(n) select).
    func median() -> Double {
        guard !isEmpty else { return .nan }
        let s = sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}

func formatShort(_ x: Double) -> String {
    String(format: "%.4g", x)
}

import Foundation
