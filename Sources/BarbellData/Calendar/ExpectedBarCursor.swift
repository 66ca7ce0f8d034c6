/// Walks a calendar's expected bar starts in order, one session at a time, as arithmetic runs
/// `first, first + width, …` (one run per session; a single start for daily-or-longer bars).
///
/// Working in runs keeps gap detection proportional to the number of sessions, not of bars:
/// counting the expected starts inside an interval is a division per run, so a year-long hole
/// in 1-second data costs a few hundred session look-ups rather than 30 million steps.
struct ExpectedBarCursor<Calendar: ExchangeCalendar> {
    let calendar: Calendar
    let timeframe: Timeframe
    let width: Int64
    /// Bars of a whole number of days are labelled by session date, shorter ones by the grid.
    let daily: Bool
    /// Sessions of days after `day(of: t) + lookahead` cannot yield a start before `t`.
    let lookahead: Int64
    /// Next session day to query.
    private var nextDay: Int64
    /// Last start emitted so far; later runs are trimmed to start after it, because one bucket
    /// can overlap two sessions (2h bars around a lunch break, weekly bars over five days).
    private var lastEmitted = Int64.min

    /// The current run; valid while `count > 0`.
    private(set) var first: Int64 = 0
    private(set) var count: Int64 = 0
    var last: Int64 { first + (count - 1) * width }

    /// A cursor that yields every expected start after `t`, and possibly some before it.
    init(calendar: Calendar, timeframe: Timeframe, from t: Int64) {
        self.calendar = calendar
        self.timeframe = timeframe
        width = timeframe.nanoseconds
        daily = width % Timestamp.nanosPerDay == 0
        // A session of day d lies within [d − 1, d + 2) days, and a bucket starts at most one
        // width before the session it overlaps (or the session date it labels).
        lookahead = (width + Timestamp.nanosPerDay - 1) / Timestamp.nanosPerDay + 2
        nextDay = t.floorDiv(Timestamp.nanosPerDay) - 3
    }

    /// Last session day that can hold an expected start earlier than `t`.
    func lastRelevantDay(before t: Int64) -> Int64 { t.floorDiv(Timestamp.nanosPerDay) + lookahead }

    /// Makes the next run current, looking at sessions up to `maxDay`; false when there is none
    /// (the cursor resumes from where it stopped on the next call).
    mutating func advance(upToDay maxDay: Int64) -> Bool {
        count = 0
        while nextDay <= maxDay {
            let day = nextDay
            nextDay += 1
            guard let s = calendar.session(onDay: day), s.close > s.open else { continue }
            var lo: Int64
            let hi: Int64
            if daily {
                lo = timeframe.bucketStart(day * Timestamp.nanosPerDay)
                hi = lo
            } else {
                lo = timeframe.bucketStart(s.open.nanoseconds)
                hi = timeframe.bucketStart(s.close.nanoseconds - 1)
            }
            if hi <= lastEmitted { continue }
            if lo <= lastEmitted { lo = lastEmitted + width }
            first = lo
            count = (hi - lo) / width + 1
            lastEmitted = hi
            return true
        }
        return false
    }
}
