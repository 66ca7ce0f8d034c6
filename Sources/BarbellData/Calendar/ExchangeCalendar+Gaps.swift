extension ExchangeCalendar {
    /// Missing bars between consecutive bars of a series: for each neighbour pair
    /// `timestamps[i], timestamps[i + 1]`, the expected bar starts strictly between them
    /// (``expectedBarStarts(_:from:to:)``), reported as one ``Gap`` when there are any.
    ///
    /// Timestamps must follow the calendar's labels: intraday bars on the UTC bucket grid, daily
    /// bars at midnight UTC of the trading date (a daily file stamped 05:00 UTC would report
    /// every midnight in between as missing). Closed-market time (nights, weekends, holidays) is not a gap; bars the calendar does not
    /// expect (e.g. a bar on a holiday) are not errors here, see ``isExpectedBarStart(_:timeframe:)``.
    /// Missing bars before the first or after the last timestamp are not reported; compare
    /// against ``expectedBarStarts(_:from:to:)`` for those. Pairs that are not increasing are
    /// skipped (sortedness is checked by validation, not here).
    ///
    /// Cost is linear in the number of bars plus the number of sessions spanned, with no
    /// per-bar allocation; a million 1-minute bars take milliseconds.
    public func gaps(in timestamps: [Timestamp], timeframe: Timeframe) -> [Gap] {
        guard timestamps.count >= 2 else { return [] }
        var out: [Gap] = []
        var cursor = ExpectedBarCursor(calendar: self, timeframe: timeframe, from: timestamps[0].nanoseconds)
        let width = cursor.width
        var hasRun = false
        timestamps.withUnsafeBufferPointer { ts in
            for i in 0..<(ts.count - 1) {
                let a = ts[i].nanoseconds, b = ts[i + 1].nanoseconds
                guard b > a else { continue }
                let maxDay = cursor.lastRelevantDay(before: b)
                var missing: Int64 = 0
                var firstMissing: Int64 = 0
                while true {
                    if !hasRun {
                        hasRun = cursor.advance(upToDay: maxDay)
                        if !hasRun { break }
                    }
                    let first = cursor.first, last = cursor.last
                    if last <= a { hasRun = false; continue }      // run entirely before the pair
                    if first >= b { break }                        // run entirely after: keep it
                    // Run indices k with a < first + k·width < b.
                    let lo: Int64 = first > a ? 0 : (a - first) / width + 1
                    let hi: Int64 = min(cursor.count - 1, (b - 1 - first) / width)
                    if hi >= lo {
                        if missing == 0 { firstMissing = first + lo * width }
                        missing += hi - lo + 1
                    }
                    if last < b { hasRun = false } else { break }  // the rest may follow b
                }
                if missing > 0 {
                    out.append(Gap(afterIndex: i, firstMissing: Timestamp(nanoseconds: firstMissing), count: Int(missing)))
                }
            }
        }
        return out
    }
}
