import BarbellData

/// Checks that features do not read the future: at `checkpoints` bars spread over the series, the
/// features computed from the bars up to that bar only must equal, bit for bit, the values the
/// full series gave there. A column that differs used later bars — a feature shifted into the
/// future, a centred window, a normalisation over the whole history — and is named with the
/// first bar where it showed.
public enum LookAheadAudit {
    /// A feature caught reading the future.
    public struct Finding: Sendable, Equatable {
        public let feature: String
        /// The first checkpoint bar (index into the series) where the truncated value differed.
        public let bar: Int
        public let truncated: Double
        public let full: Double
    }

    /// - Parameters:
    ///   - checkpoints: How many bars to truncate at, spread evenly over the second half of the
    ///     series (after warm-ups), last bar excluded (it has no future to leak).
    /// - Returns: One finding per feature that read the future, in column order; empty when clean.
    public static func run(_ source: any FeatureSource, series: BarSeries, checkpoints: Int = 8) throws -> [Finding] {
        guard checkpoints >= 1, series.count >= 4 else {
            throw LearningError(.insufficientData, "look-ahead audit of \(series.symbol.name): \(series.count) bars and \(checkpoints) checkpoints; need ≥ 4 bars and ≥ 1 checkpoint")
        }
        let full = try source.columns(for: series)
        let names = source.featureNames
        let first = series.count / 2, last = series.count - 2
        let bars = Array(Set((0..<checkpoints).map { first + ($0 * max(0, last - first)) / max(1, checkpoints - 1) })).sorted()
        var findings: [Int: Finding] = [:]
        for t in bars {
            let prefix = try source.columns(for: series.prefix(through: t))
            for j in names.indices where findings[j] == nil {
                let a = prefix[j][t], b = full[j][t]
                if a.bitPattern != b.bitPattern && !(a.isNaN && b.isNaN) {
                    findings[j] = Finding(feature: names[j], bar: t, truncated: a, full: b)
                }
            }
        }
        return findings.keys.sorted().map { findings[$0]! }
    }
}

extension BarSeries {
    /// The first `t + 1` bars.
    func prefix(through t: Int) -> BarSeries {
        var s = self
        s.timestamps = Array(timestamps[...t])
        s.open = Array(open[...t])
        s.high = Array(high[...t])
        s.low = Array(low[...t])
        s.close = Array(close[...t])
        s.volume = Array(volume[...t])
        s.vwap = vwap.map { Array($0[...t]) }
        s.tradeCount = tradeCount.map { Array($0[...t]) }
        return s
    }
}
