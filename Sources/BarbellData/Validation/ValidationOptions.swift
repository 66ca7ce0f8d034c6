/// Thresholds and switches for ``BarValidator``.
public struct ValidationOptions: Sendable {
    /// A log return is an outlier when its robust z-score `|r − median| / (1.4826·MAD)` exceeds
    /// this. 10 flags moves no reasonable fat-tailed model calls routine.
    public var outlierZ: Double = 10
    /// Flag runs of at least this many bars with an unchanged close.
    public var staleRunLength: Int = 10
    /// Expected sessions for gap detection; nil skips it.
    public var calendar: (any ExchangeCalendar)?
    /// Keep at most this many issues of each kind in the report (totals stay exact).
    public var maxIssuesPerKind: Int = 1000
    /// Whether the source recorded volume (close-only matrices do not).
    public var checkVolume: Bool = true
    /// Whether long series are checked on two cores (the report is the same either way;
    /// tests turn it off to prove that).
    public var concurrentChecks = true

    public init() {}
}
