/// One stress scenario's result for a portfolio.
public struct StressOutcome: Sendable, Equatable, Codable {
    /// The scenario's key.
    public var name: String
    /// `historical`, `factor_shock` or `monte_carlo`.
    public var kind: String
    /// The portfolio's return under the scenario (−0.25 = a 25% loss).
    public var portfolioReturn: Double
    /// Each asset's return under the scenario, by ticker.
    public var assetReturns: [String: Double]
    /// How each asset's return was obtained, by ticker: `replayed` (its own prices),
    /// `beta×index` (no prices in the window: beta to the index times the index's return) or
    /// `beta×market factor` (the index has no daily data either: monthly market factor).
    public var sources: [String: String]
    /// Free-text details: the window actually covered, the quantiles of a simulation.
    public var notes: String
}
