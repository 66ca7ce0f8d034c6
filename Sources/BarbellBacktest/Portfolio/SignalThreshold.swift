/// Long when a score is above `long`, short when below `short` (when shorting is allowed),
/// otherwise flat; the resulting ±1/0 signals are sized by a ``PositionSizing``.
public struct SignalThreshold: Sendable, Equatable {
    /// Scores strictly above this go long.
    public let long: Double
    /// Scores strictly below this go short; `nil` means long only.
    public let short: Double?

    /// - Throws: ``BacktestError`` `.invalidArgument` naming `long` or `short` when not finite, or
    ///   when `short > long` (a score could then be both).
    public init(long: Double, short: Double? = nil) throws(BacktestError) {
        guard long.isFinite else { throw BacktestError(.invalidArgument, "long threshold \(long): expected finite") }
        if let short {
            guard short.isFinite else { throw BacktestError(.invalidArgument, "short threshold \(short): expected finite") }
            guard short <= long else {
                throw BacktestError(.invalidArgument, "short threshold \(short) is above the long threshold \(long); expected short ≤ long")
            }
        }
        self.long = long
        self.short = short
    }

    /// +1, −1 or 0 per symbol; a NaN score is 0.
    public func signals(_ scores: [Double]) -> [Double] {
        scores.map { s in
            if s > long { return 1 }
            if let short, s < short { return -1 }
            return 0
        }
    }

    /// The signals sized by `sizing` (see ``PositionSizing/weights(signals:returns:at:moments:)``).
    public func weights(scores: [Double], sizing: PositionSizing, returns: ReturnPanel? = nil,
                        at bar: Int, moments: RollingMoments? = nil) throws(BacktestError) -> [Double] {
        try sizing.weights(signals: signals(scores), returns: returns, at: bar, moments: moments)
    }
}
