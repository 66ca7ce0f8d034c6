import BarbellQuant
import Foundation

/// Lee & Mykland (2008) nonparametric jump test, bar by bar.
///
/// For the return r_i the local volatility is the bipower variation of the K − 1 returns
/// before it,
///
///     σ̂²_i = 1/(K − 2) · Σ_{j=i−K+2}^{i−1} |r_j|·|r_{j−1}|,
///
/// and the statistic is L_i = r_i/σ̂_i. With no jump, max |L_i| over n bars is Gumbel after
/// centring and scaling (their Lemma 1), with c = √(2/π),
///
///     C_n = √(2 log n)/c − (log π + log log n)/(2c √(2 log n)),   S_n = 1/(c √(2 log n)),
///
/// and a jump is declared at bar i when (|L_i| − C_n)/S_n > β* = −log(−log(1 − α)).
/// n (`sampleSize`) is the number of bars the test is read over (in the paper, the bars of the
/// testing period); it is a parameter so that streaming and batch use the same critical value.
/// Lee & Mykland suggest K = 16 for daily, 78 for hourly and 270 for 5-minute returns.
/// The first K − 1 bars have no statistic (NaN). If σ̂ = 0, L is 0 for r = 0 and ±∞ otherwise.
public struct LeeMyklandJumpTest: Sendable {
    /// One bar's verdict.
    public struct Signal: Sendable, Equatable {
        /// L_i = r_i/σ̂_i; NaN during the warm-up.
        public let statistic: Double
        /// (|L_i| − C_n)/S_n, to compare with ``LeeMyklandJumpTest/criticalValue``.
        public let normalized: Double
        /// normalized > β*.
        public let isJump: Bool
    }

    /// Window K (≥ 3: the bipower sum needs at least one product).
    public let window: Int
    /// n in C_n and S_n (≥ 2).
    public let sampleSize: Int
    /// Significance level α of the max-statistic test, in (0, 1).
    public let significance: Double
    /// β* = −log(−log(1 − α)).
    public let criticalValue: Double
    /// C_n.
    public let centering: Double
    /// S_n.
    public let scaling: Double
    /// Bars seen so far.
    public private(set) var count = 0
    private var previous: [Double] = []   // ring of the last K − 1 returns
    private var head = 0

    /// - Throws: `.invalidArgument` unless window ≥ 3, sampleSize ≥ 2, 0 < significance < 1.
    public init(window: Int = 16, sampleSize: Int, significance: Double = 0.01) throws {
        try requireDetector(window >= 3, "LeeMyklandJumpTest", "window", window, "an integer ≥ 3")
        try requireDetector(sampleSize >= 2, "LeeMyklandJumpTest", "sampleSize", sampleSize, "an integer ≥ 2")
        try requireDetector(significance > 0 && significance < 1, "LeeMyklandJumpTest", "significance", significance, "a number in (0, 1)")
        self.window = window
        self.sampleSize = sampleSize
        self.significance = significance
        let c = (2 / Double.pi).squareRoot()
        let l = log(Double(sampleSize))
        let s = (2 * l).squareRoot()
        centering = s / c - (log(Double.pi) + log(l)) / (2 * c * s)
        scaling = 1 / (c * s)
        criticalValue = -log(-log(1 - significance))
    }

    /// Tests the return `r` against the bipower volatility of the returns before it.
    /// - Throws: `.nonFinite` naming the bar's index if `r` is NaN or infinite.
    public mutating func update(_ r: Double) throws -> Signal {
        try requireFinite(r, index: count, "LeeMyklandJumpTest")
        count += 1
        let m = window - 1
        var signal = Signal(statistic: .nan, normalized: .nan, isJump: false)
        if previous.count == m {
            // Oldest to newest: previous[head], previous[head + 1], ...
            var sum = 0.0
            for j in 1..<m {
                sum += abs(previous[(head + j) % m]) * abs(previous[(head + j - 1) % m])
            }
            let sigma = (sum / Double(window - 2)).squareRoot()
            let l: Double = sigma > 0 ? r / sigma : (r == 0 ? 0 : (r > 0 ? .infinity : -.infinity))
            let z = (abs(l) - centering) / scaling
            signal = Signal(statistic: l, normalized: z, isJump: z > criticalValue)
            previous[head] = r
            head = (head + 1) % m
        } else {
            previous.append(r)
        }
        return signal
    }

    /// The streaming signals of `returns`, bar by bar; `sampleSize` defaults to the series length.
    public static func detect(_ returns: [Double], window: Int = 16, sampleSize: Int? = nil,
                              significance: Double = 0.01) throws -> [Signal] {
        var test = try LeeMyklandJumpTest(window: window, sampleSize: sampleSize ?? returns.count, significance: significance)
        return try returns.map { try test.update($0) }
    }
}
