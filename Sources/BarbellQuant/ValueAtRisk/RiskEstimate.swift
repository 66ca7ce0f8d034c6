/// Value at risk and expected shortfall of a return distribution at one confidence and horizon.
///
/// Both are **positive losses as a fraction of value**: a VaR of 0.031 at 99% means a loss of
/// more than 3.1% has a 1% chance over the horizon; ES is the mean loss in that 1% tail.
public struct RiskEstimate: Sendable, Equatable, Codable {
    /// How the estimate was made (`historical`, `normal`, `student_t`, `cornish_fisher`,
    /// `monte_carlo`, `filtered_historical`, `evt`).
    public var method: String
    /// The confidence level, e.g. 0.99.
    public var confidence: Double
    /// The horizon in periods of the input returns.
    public var horizon: Int
    /// How the one-period model was carried to `horizon` periods (stated, never implicit).
    public var horizonScaling: String
    public var valueAtRisk: Double
    public var expectedShortfall: Double
}

/// How a one-period estimate is carried to a horizon of `h` periods.
public enum HorizonScaling {
    /// Mean × h, standard deviation × √h: exact for i.i.d. normal returns, the Basel convention
    /// otherwise.
    public static let squareRootOfTime = "mean×h, volatility×√h (i.i.d. returns)"
    /// The empirical distribution of overlapping h-period compounded returns.
    public static let overlappingPeriods = "overlapping h-period compounded returns"
    /// Simulated h-period paths (sums of h independent one-period draws).
    public static let simulatedPaths = "simulated h-period paths"
    /// One period: no scaling.
    public static let none = "none (one period)"
}
