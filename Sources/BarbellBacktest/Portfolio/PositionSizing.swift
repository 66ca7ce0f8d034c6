/// How much of equity each active signal gets: a pure function from the signals known at a bar's
/// close (and, for the risk-based rules, the returns up to that close) to target weights.
///
/// A weight is a signed fraction of equity per symbol; the sum of `|w|` is the gross exposure.
/// A signal is active when it is finite and non-zero; only its sign is used. An inactive symbol,
/// and an active one whose statistic is unavailable (window before bar 0 or holding a NaN), gets
/// weight 0.
public enum PositionSizing: Sendable, Equatable {
    /// Each active signal gets `±fraction`.
    case fixedFraction(Double)
    /// `w = sign × min(annualTarget / (σ·√periodsPerYear), maxLeverage)`, σ the sample standard
    /// deviation (ddof 1) of the last `lookback` returns; σ = 0 gives `maxLeverage`.
    case volatilityTarget(annualTarget: Double, lookback: Int, periodsPerYear: Double, maxLeverage: Double)
    /// Kelly in the signal's direction: with `k = fraction × μ/σ²` of the last `lookback` returns
    /// (σ² ddof 1), a long gets `min(max(k, 0), maxLeverage)` and a short `−min(max(−k, 0), maxLeverage)`,
    /// so history that contradicts the signal sizes it at 0 rather than reversing it.
    /// σ = 0 gives 0 (no estimate of risk).
    case fractionalKelly(fraction: Double, lookback: Int, maxLeverage: Double)
    /// Naive risk parity across the active symbols: `wᵢ ∝ sign·1/σᵢ`, scaled so `Σ|w| = grossExposure`.
    /// Symbols with an unavailable or zero σ are left out (weight 0) and the rest renormalised.
    case inverseVolatility(lookback: Int, grossExposure: Double)
    /// True equal risk contribution across the active symbols (BarbellQuant's ``RiskParity`` on the
    /// sample covariance of the signed returns `signᵢ·rᵢ`), scaled so `Σ|w| = grossExposure`.
    /// Symbols with an unavailable or zero σ are left out first.
    case equalRiskContribution(lookback: Int, grossExposure: Double)

    /// The returns history the rule reads (0 for fixed fraction).
    public var lookback: Int {
        switch self {
        case .fixedFraction: 0
        case .volatilityTarget(_, let l, _, _), .fractionalKelly(_, let l, _),
             .inverseVolatility(let l, _), .equalRiskContribution(let l, _): l
        }
    }

    /// Checks the parameters.
    /// - Throws: ``BacktestError`` `.invalidArgument` naming the parameter: a fraction, target,
    ///   leverage or gross exposure that is not finite and > 0, a lookback < 2, periods per year ≤ 0.
    public func validate() throws(BacktestError) {
        func positive(_ value: Double, _ name: String) throws(BacktestError) {
            guard value.isFinite, value > 0 else {
                throw BacktestError(.invalidArgument, "\(name) \(value): expected a finite value > 0")
            }
        }
        func window(_ lookback: Int) throws(BacktestError) {
            guard lookback >= 2 else {
                throw BacktestError(.invalidArgument, "lookback \(lookback): a standard deviation needs at least 2 returns")
            }
        }
        switch self {
        case .fixedFraction(let f):
            try positive(f, "fraction")
        case .volatilityTarget(let target, let lookback, let periods, let leverage):
            try positive(target, "annualTarget"); try window(lookback)
            try positive(periods, "periodsPerYear"); try positive(leverage, "maxLeverage")
        case .fractionalKelly(let fraction, let lookback, let leverage):
            try positive(fraction, "fraction"); try window(lookback); try positive(leverage, "maxLeverage")
        case .inverseVolatility(let lookback, let gross), .equalRiskContribution(let lookback, let gross):
            try window(lookback); try positive(gross, "grossExposure")
        }
    }
}
