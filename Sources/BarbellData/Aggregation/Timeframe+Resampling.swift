extension Timeframe {
    /// Offset of this timeframe's bucket grid from the Unix epoch, in nanoseconds.
    ///
    /// Mirrors ``bucketStart(_:)``: weeks start on Monday (1970-01-05, four days after the
    /// epoch), every other unit is anchored at the epoch itself.
    var gridAnchor: Int64 { unit == .week ? 4 * Timestamp.nanosPerDay : 0 }

    /// Whether bars of this timeframe can be combined into bars of `target` without splitting
    /// any source bar across two target bars.
    ///
    /// That needs two things: the target width is a whole multiple of this width, and every
    /// target boundary falls on a boundary of this grid. The second condition matters for
    /// weeks: `1d → 1w` is fine (weeks start at midnight), but `7d → 1w` is not, because
    /// seven-day buckets are anchored at the epoch (a Thursday) and weekly ones on Monday.
    /// A timeframe can always be resampled to itself.
    public func canResample(to target: Timeframe) -> Bool {
        let source = nanoseconds
        let coarse = target.nanoseconds
        guard coarse >= source, coarse % source == 0 else { return false }
        return (target.gridAnchor - gridAnchor).floorMod(source) == 0
    }

    /// Last nanosecond (inclusive) of the bucket starting at `start`.
    ///
    /// Inclusive so that it never overflows: a bucket that would end past `Int64.max`
    /// (year 2262) saturates there, which is exact because no instant lies beyond it.
    @inline(__always)
    func bucketLast(startingAt start: Int64) -> Int64 {
        let (last, overflow) = start.addingReportingOverflow(nanoseconds - 1)
        return overflow ? .max : last
    }
}
