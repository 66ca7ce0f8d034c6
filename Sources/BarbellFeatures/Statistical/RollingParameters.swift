extension ParameterDescriptor {
    /// A rolling window length in bars (returns, for the return-based features).
    static func statWindow(_ value: Int, min: Int = 2, _ summary: String = "number of returns in the rolling window") -> Self {
        .integer("window", default: value, range: min...100_000, summary)
    }

    /// Periods per year used to annualise a volatility (252 trading days; 1 leaves it per bar).
    static var statAnnualization: Self {
        .real("annualization", default: 252, range: 1...1_000_000, "periods per year to annualise by (√annualization); 1 for per-bar values")
    }

    /// A tail probability level such as 0.95 for a 95 % VaR.
    static var statConfidence: Self {
        .real("confidence", default: 0.95, range: 0.5...0.9999, "confidence level; the tail studied has probability 1 − confidence")
    }
}
