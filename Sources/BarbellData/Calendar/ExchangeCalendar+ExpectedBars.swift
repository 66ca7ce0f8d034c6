extension ExchangeCalendar {
    /// Start times of the bars of `timeframe` this calendar expects in `[from, to)`, in order.
    ///
    /// An intraday bar is expected when its bucket overlaps a session; a bar of a day or more
    /// when a session's local date falls in its bucket (see ``ExchangeCalendar``).
    public func expectedBarStarts(_ timeframe: Timeframe, from: Timestamp, to: Timestamp) -> [Timestamp] {
        var out: [Timestamp] = []
        forEachExpectedRun(timeframe, from: from.nanoseconds, to: to.nanoseconds) { first, count, width in
            for k in 0..<count { out.append(Timestamp(nanoseconds: first + k * width)) }
        }
        return out
    }

    /// Number of bars of `timeframe` expected in `[from, to)`, without listing them.
    public func expectedBarCount(_ timeframe: Timeframe, from: Timestamp, to: Timestamp) -> Int {
        var total: Int64 = 0
        forEachExpectedRun(timeframe, from: from.nanoseconds, to: to.nanoseconds) { _, count, _ in total += count }
        return Int(total)
    }

    /// Whether a bar of `timeframe` starting at `t` is expected: `t` lies on the timeframe's
    /// grid and its bucket overlaps a session (intraday) or holds a session date (daily+).
    public func isExpectedBarStart(_ t: Timestamp, timeframe: Timeframe) -> Bool {
        let start = t.nanoseconds
        guard timeframe.bucketStart(start) == start else { return false }
        let width = timeframe.nanoseconds
        let dayNanos = Timestamp.nanosPerDay
        if width % dayNanos == 0 {
            // Aligned day buckets: the bar is expected if any date inside it has a session.
            let firstDay = start.floorDiv(dayNanos)
            for day in firstDay..<(firstDay + width / dayNanos) where session(onDay: day) != nil { return true }
            return false
        }
        let end = start + width
        let firstDay = start.floorDiv(dayNanos) - 2
        let lastDay = (end - 1).floorDiv(dayNanos) + 1
        for day in firstDay...lastDay {
            if let s = session(onDay: day), s.open.nanoseconds < end, s.close.nanoseconds > start { return true }
        }
        return false
    }

    /// Calls `body(first, count, width)` for each run of expected starts clipped to `[from, to)`.
    private func forEachExpectedRun(_ timeframe: Timeframe, from: Int64, to: Int64,
                                    _ body: (Int64, Int64, Int64) -> Void) {
        guard from < to else { return }
        var cursor = ExpectedBarCursor(calendar: self, timeframe: timeframe, from: from)
        let width = cursor.width
        let maxDay = cursor.lastRelevantDay(before: to)
        while cursor.advance(upToDay: maxDay) {
            let first = cursor.first, last = cursor.last
            if last < from { continue }
            if first >= to { break }
            let lo: Int64 = first >= from ? 0 : (from - first + width - 1) / width
            let hi: Int64 = last < to ? cursor.count - 1 : (to - 1 - first) / width
            if hi >= lo { body(first + lo * width, hi - lo + 1, width) }
        }
    }
}
