import BarbellQuant
import Foundation

/// Two-sided CUSUM (Page 1954) for shifts in the mean, with reset after each alarm.
///
/// With d_t = x_t − m, the upper and lower sums are
///
///     S⁺_t = max(0, S⁺_{t−1} + d_t − k),   S⁻_t = max(0, S⁻_{t−1} − d_t − k),
///
/// and an alarm is raised when either exceeds h; both sums and the reference mean then restart.
/// k (`drift`, the allowance: half the shift to detect) and h (`threshold`) are in the units of
/// x, so standardise x first (k = 0.5, h = 8 gives a two-sided in-control run length near
/// 10,000 bars for unit-variance noise). The reference m is `target` when given; otherwise it is
/// self-starting: the running mean of the bars since the last reset (before x_t), where the
/// first `burnIn` bars after each reset only estimate m. Unlike a fixed target, this lets the
/// detector follow a series through successive level shifts.
public struct CUSUMDetector: Sendable {
    /// One bar's state.
    public struct Signal: Sendable, Equatable {
        /// S⁺_t (at an alarm, the value that crossed h; the sums restart at 0 after it).
        public let upper: Double
        /// S⁻_t.
        public let lower: Double
        /// The direction of the alarm raised at this bar, or nil.
        public let alarm: ChangeDirection?
    }

    /// k ≥ 0.
    public let drift: Double
    /// h > 0.
    public let threshold: Double
    /// Fixed reference mean, or nil for the running mean since the last reset.
    public let target: Double?
    /// Bars after each reset that only estimate the running mean (≥ 1; unused with a target).
    public let burnIn: Int
    /// Bars seen so far.
    public private(set) var count = 0
    private var upper = 0.0, lower = 0.0
    private var mean = 0.0
    private var sinceReset = 0

    /// - Throws: `.invalidArgument` unless drift ≥ 0 and threshold > 0 are finite, target finite, burnIn ≥ 1.
    public init(drift: Double = 0.5, threshold: Double = 8, target: Double? = nil, burnIn: Int = 20) throws {
        try requireDetector(drift >= 0 && drift.isFinite, "CUSUMDetector", "drift", drift, "a finite number ≥ 0")
        try requireDetector(threshold > 0 && threshold.isFinite, "CUSUMDetector", "threshold", threshold, "a finite number > 0")
        try requireDetector(target?.isFinite ?? true, "CUSUMDetector", "target", target as Any, "a finite number or nil")
        try requireDetector(burnIn >= 1, "CUSUMDetector", "burnIn", burnIn, "an integer ≥ 1")
        self.drift = drift
        self.threshold = threshold
        self.target = target
        self.burnIn = burnIn
    }

    /// Adds `x` to the sums; raises and resets on crossing h.
    /// - Throws: `.nonFinite` naming the bar's index if `x` is NaN or infinite.
    public mutating func update(_ x: Double) throws -> Signal {
        try requireFinite(x, index: count, "CUSUMDetector")
        count += 1
        if target == nil && sinceReset < burnIn {
            sinceReset += 1
            mean += (x - mean) / Double(sinceReset)
            return Signal(upper: 0, lower: 0, alarm: nil)
        }
        let d = x - (target ?? mean)
        upper = max(0, upper + d - drift)
        lower = max(0, lower - d - drift)
        let signal: Signal
        if upper > threshold || lower > threshold {
            signal = Signal(upper: upper, lower: lower, alarm: upper >= lower ? .up : .down)
            upper = 0
            lower = 0
            mean = 0
            sinceReset = 0
        } else {
            signal = Signal(upper: upper, lower: lower, alarm: nil)
            if target == nil {
                sinceReset += 1
                mean += (x - mean) / Double(sinceReset)
            }
        }
        return signal
    }

    /// The streaming signals of `series`, bar by bar.
    public static func detect(_ series: [Double], drift: Double = 0.5, threshold: Double = 8,
                              target: Double? = nil, burnIn: Int = 20) throws -> [Signal] {
        var detector = try CUSUMDetector(drift: drift, threshold: threshold, target: target, burnIn: burnIn)
        return try series.map { try detector.update($0) }
    }
}
