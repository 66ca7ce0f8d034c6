import BarbellRegimes

/// What an ensemble learned besides its members' weights, saved as `ensemble.json`.
public struct EnsembleState: Sendable, Codable, Equatable {
    public var method: EnsembleMethod
    /// Per member: its IC on the holdout (weighted) or out of fold (stacking, regime); `nil`
    /// where undefined (a constant prediction).
    public var memberScores: [Double?]
    /// Weighted: the weight of each member (sums to 1).
    public var weights: [Double]?
    /// Weighted: each member's holdout prediction mean and standard deviation, the z-scoring
    /// applied before averaging.
    public var centres: [Double]?
    public var scales: [Double]?
    /// Weighted: true when no member had a positive IC and the weights fell back to equal.
    public var equalWeights: Bool?
    /// Regime: the fitted model of the cross-sectional mean of ``regimeFeature``.
    public var hmm: GaussianHMM?
    public var regimeFeature: String?
    /// Regime: the member used in each state.
    public var regimeChoice: [Int]?
    /// Regime: per state and member, the out-of-fold IC on training rows in that state.
    public var regimeScores: [[Double?]]?
    /// Regime: per state, true when it had too few rows and uses the best member overall.
    public var regimeFallback: [Bool]?
}
