import BarbellQuant
import Foundation

/// Rolling robust z-score anomalies: each bar is scored against the median and the
/// normal-consistent median absolute deviation of the `window` bars *before* it,
/// z_t = (x_t − median)/(MAD/Φ⁻¹(¾)), and flagged when |z_t| > `threshold`.
///
/// The current bar is left out of its own window so that a spike cannot dampen its own score.
/// MAD/Φ⁻¹(¾) = 1.4826·MAD is SciPy's `median_abs_deviation(scale="normal")`, a consistent
/// estimate of σ for Gaussian data that a minority of outliers cannot move. The first `window`
/// bars have no score (NaN, never anomalous). A window with MAD = 0 scores a bar equal to the
/// median 0 and any other bar ±∞ (anomalous).
public struct RobustZScore: Sendable {
    /// One bar's verdict.
    public struct Signal: Sendable, Equatable {
        /// (x − median)/scale; NaN during the warm-up.
        public let score: Double
        /// Median of the trailing window (NaN during the warm-up).
        public let median: Double
        /// MAD/Φ⁻¹(¾) of the trailing window (NaN during the warm-up).
        public let scale: Double
        /// |score| > threshold.
        public let isAnomaly: Bool
    }

    /// Φ⁻¹(¾), the MAD of a standard normal (SciPy's `scale="normal"` divisor).
    public static let normalMADConstant = 0.6744897501960817

    /// Number of trailing bars each score uses (≥ 2).
    public let window: Int
    /// |z| above which a bar is an anomaly (> 0).
    public let threshold: Double
    /// Bars seen so far.
    public private(set) var count = 0
    private var buffer: [Double] = []
    private var head = 0

    /// - Throws: `.invalidArgument` unless window ≥ 2 and threshold is finite and > 0.
    public init(window: Int, threshold: Double = 3.5) throws {
        try requireDetector(window >= 2, "RobustZScore", "window", window, "an integer ≥ 2")
        try requireDetector(threshold > 0 && threshold.isFinite, "RobustZScore", "threshold", threshold, "a finite number > 0")
        self.window = window
        self.threshold = threshold
        buffer.reserveCapacity(window)
    }

    /// Scores `x` against the trailing window, then adds it to the window.
    /// - Throws: `.nonFinite` naming the bar's index if `x` is NaN or infinite.
    public mutating func update(_ x: Double) throws -> Signal {
        try requireFinite(x, index: count, "RobustZScore")
        count += 1
        let signal: Signal
        if buffer.count < window {
            signal = Signal(score: .nan, median: .nan, scale: .nan, isAnomaly: false)
            buffer.append(x)
        } else {
            let med = BarbellRegimes.median(ofUnsorted: buffer)
            let mad = BarbellRegimes.median(ofUnsorted: buffer.map { abs($0 - med) })
            let scale = mad / Self.normalMADConstant
            let z: Double = scale > 0 ? (x - med) / scale : (x == med ? 0 : (x > med ? .infinity : -.infinity))
            signal = Signal(score: z, median: med, scale: scale, isAnomaly: abs(z) > threshold)
            buffer[head] = x
            head = (head + 1) % window
        }
        return signal
    }

    /// The streaming signals of `series`, bar by bar (identical to feeding ``update(_:)``).
    public static func detect(_ series: [Double], window: Int, threshold: Double = 3.5) throws -> [Signal] {
        var detector = try RobustZScore(window: window, threshold: threshold)
        return try series.map { try detector.update($0) }
    }
}
