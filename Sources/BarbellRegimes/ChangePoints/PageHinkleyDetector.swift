import BarbellQuant
import Foundation

/// Two-sided Page-Hinkley test for shifts in the mean, with reset after each alarm.
///
/// With x̄_t the running mean of the bars since the last reset *including* x_t,
///
///     m⁺_t = m⁺_{t−1} + (x_t − x̄_t − δ),   M⁺_t = min(0, m⁺_1, …, m⁺_t),
///     m⁻_t = m⁻_{t−1} + (x̄_t − x_t − δ),   M⁻_t = min(0, m⁻_1, …, m⁻_t),
///
/// an increase is signalled when m⁺_t − M⁺_t > λ and a decrease when m⁻_t − M⁻_t > λ; all sums
/// and the mean then restart. δ (`delta`, the magnitude tolerated) and λ (`lambda`) are in the
/// units of x. No alarm is raised in the first `minimumInstances` bars after a reset, where x̄
/// is still too noisy (the sums accumulate all the same).
public struct PageHinkleyDetector: Sendable {
    /// One bar's state.
    public struct Signal: Sendable, Equatable {
        /// m⁺_t − M⁺_t.
        public let upper: Double
        /// m⁻_t − M⁻_t.
        public let lower: Double
        /// The direction of the alarm raised at this bar, or nil.
        public let alarm: ChangeDirection?
    }

    /// δ ≥ 0.
    public let delta: Double
    /// λ > 0.
    public let lambda: Double
    /// Bars after each reset before an alarm may be raised (≥ 1).
    public let minimumInstances: Int
    /// Bars seen so far.
    public private(set) var count = 0
    private var mean = 0.0
    private var n = 0
    private var mUp = 0.0, minUp = 0.0, mDown = 0.0, minDown = 0.0

    /// - Throws: `.invalidArgument` unless delta ≥ 0 and lambda > 0 are finite and minimumInstances ≥ 1.
    public init(delta: Double = 0.5, lambda: Double = 10, minimumInstances: Int = 20) throws {
        try requireDetector(delta >= 0 && delta.isFinite, "PageHinkleyDetector", "delta", delta, "a finite number ≥ 0")
        try requireDetector(lambda > 0 && lambda.isFinite, "PageHinkleyDetector", "lambda", lambda, "a finite number > 0")
        try requireDetector(minimumInstances >= 1, "PageHinkleyDetector", "minimumInstances", minimumInstances, "an integer ≥ 1")
        self.delta = delta
        self.lambda = lambda
        self.minimumInstances = minimumInstances
    }

    /// Adds `x`; raises and resets when either cumulative deviation exceeds λ.
    /// - Throws: `.nonFinite` naming the bar's index if `x` is NaN or infinite.
    public mutating func update(_ x: Double) throws -> Signal {
        try requireFinite(x, index: count, "PageHinkleyDetector")
        count += 1
        n += 1
        mean += (x - mean) / Double(n)
        mUp += x - mean - delta
        minUp = min(minUp, mUp)
        mDown += mean - x - delta
        minDown = min(minDown, mDown)
        let up = mUp - minUp, down = mDown - minDown
        guard n >= minimumInstances, up > lambda || down > lambda else {
            return Signal(upper: up, lower: down, alarm: nil)
        }
        let signal = Signal(upper: up, lower: down, alarm: up >= down ? .up : .down)
        mean = 0; n = 0; mUp = 0; minUp = 0; mDown = 0; minDown = 0
        return signal
    }

    /// The streaming signals of `series`, bar by bar.
    public static func detect(_ series: [Double], delta: Double = 0.5, lambda: Double = 10,
                              minimumInstances: Int = 20) throws -> [Signal] {
        var detector = try PageHinkleyDetector(delta: delta, lambda: lambda, minimumInstances: minimumInstances)
        return try series.map { try detector.update($0) }
    }
}
