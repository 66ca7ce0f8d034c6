/// A univariate GARCH-family volatility model with a constant or zero mean, as `arch` 8 defines it
/// (`arch_model(y, mean=..., vol=..., p=, o=, q=, dist=...)`).
///
/// The conditional variance follows one of two recursions:
/// - ``Process/garch``: σ²ₜ = ω + Σ αᵢ ε²ₜ₋ᵢ + Σ γⱼ ε²ₜ₋ⱼ 𝟙(εₜ₋ⱼ < 0) + Σ βₖ σ²ₜ₋ₖ. With `o > 0`
///   this is the GJR-GARCH model (leverage through γ).
/// - ``Process/egarch``: ln σ²ₜ = ω + Σ αᵢ (|zₜ₋ᵢ| − √(2/π)) + Σ γⱼ zₜ₋ⱼ + Σ βₖ ln σ²ₜ₋ₖ, with
///   zₜ = εₜ / σₜ (Nelson's model with `arch`'s normal-based centring constant E|z| = √(2/π)).
///
/// Parameters are ordered and named as `arch` orders and names them: `mu` (constant mean only),
/// `omega`, `alpha[1]`…, `gamma[1]`…, `beta[1]`…, then the innovation shape (`nu` for Student's t,
/// `eta`, `lambda` for Hansen's skewed t).
public struct GARCHModel: Sendable, Hashable {
    /// The variance recursion.
    public enum Process: String, Sendable, CaseIterable {
        /// GARCH, or GJR-GARCH when the asymmetric order `o` is positive.
        case garch
        /// Nelson's exponential GARCH.
        case egarch
    }

    /// The conditional mean of the returns.
    public enum Mean: String, Sendable, CaseIterable {
        /// A constant `mu` is estimated; residuals are `y − mu`.
        case constant
        /// The mean is zero; residuals are the returns themselves.
        case zero
    }

    /// The distribution of the standardised innovations zₜ = εₜ / σₜ (all with unit variance).
    public enum Innovations: String, Sendable, CaseIterable {
        /// Standard normal.
        case normal
        /// Student's t with `nu` > 2 degrees of freedom, scaled to unit variance.
        case studentT = "t"
        /// Hansen's (1994) skewed t with shape `eta` > 2 and skewness `lambda` in (−1, 1).
        case skewedT = "skewt"
    }

    public var process: Process
    /// Lags of the (absolute) squared residual: the ARCH order.
    public var p: Int
    /// Lags of the asymmetric (leverage) term.
    public var o: Int
    /// Lags of the conditional variance: the GARCH order.
    public var q: Int
    public var mean: Mean
    public var innovations: Innovations

    /// A model; orders must satisfy `p ≥ 1` (or `o ≥ 1` for GARCH), `o, q ≥ 0`, each at most 20.
    public init(process: Process = .garch, p: Int = 1, o: Int = 0, q: Int = 1,
                mean: Mean = .constant, innovations: Innovations = .normal) {
        self.process = process
        self.p = p
        self.o = o
        self.q = q
        self.mean = mean
        self.innovations = innovations
    }

    /// GARCH(p, q).
    public static func garch(p: Int = 1, q: Int = 1, mean: Mean = .constant, innovations: Innovations = .normal) -> GARCHModel {
        GARCHModel(process: .garch, p: p, o: 0, q: q, mean: mean, innovations: innovations)
    }

    /// GJR-GARCH(p, o, q): GARCH with `o` asymmetric terms.
    public static func gjr(p: Int = 1, o: Int = 1, q: Int = 1, mean: Mean = .constant, innovations: Innovations = .normal) -> GARCHModel {
        GARCHModel(process: .garch, p: p, o: o, q: q, mean: mean, innovations: innovations)
    }

    /// EGARCH(p, o, q); `arch`'s default has `o = 0`, the common asymmetric form `o = 1`.
    public static func egarch(p: Int = 1, o: Int = 0, q: Int = 1, mean: Mean = .constant, innovations: Innovations = .normal) -> GARCHModel {
        GARCHModel(process: .egarch, p: p, o: o, q: q, mean: mean, innovations: innovations)
    }

    /// The model's name as `arch` prints it: "GARCH", "GJR-GARCH" or "EGARCH".
    public var name: String {
        switch process {
        case .garch: o > 0 ? "GJR-GARCH" : "GARCH"
        case .egarch: "EGARCH"
        }
    }

    /// Number of mean parameters (1 for a constant mean, 0 for zero).
    public var meanParameterCount: Int { mean == .constant ? 1 : 0 }
    /// Number of variance parameters: ω and the p + o + q lag coefficients.
    public var varianceParameterCount: Int { 1 + p + o + q }
    /// Number of innovation shape parameters.
    public var shapeParameterCount: Int {
        switch innovations {
        case .normal: 0
        case .studentT: 1
        case .skewedT: 2
        }
    }
    /// All parameters: what AIC and BIC count (as `arch` does).
    public var parameterCount: Int { meanParameterCount + varianceParameterCount + shapeParameterCount }

    /// The largest lag of the recursion.
    var maxLag: Int { max(p, o, q) }

    /// Parameter names in `arch`'s order and spelling.
    public var parameterNames: [String] {
        var names = mean == .constant ? ["mu"] : []
        names.append("omega")
        names += (1...max(p, 1)).prefix(p).map { "alpha[\($0)]" }
        names += (1...max(o, 1)).prefix(o).map { "gamma[\($0)]" }
        names += (1...max(q, 1)).prefix(q).map { "beta[\($0)]" }
        switch innovations {
        case .normal: break
        case .studentT: names.append("nu")
        case .skewedT: names += ["eta", "lambda"]
        }
        return names
    }

    /// Checks the orders.
    func validate() throws {
        guard p >= 0, o >= 0, q >= 0, p <= 20, o <= 20, q <= 20 else {
            throw QuantError(.invalidArgument, "GARCH orders must be between 0 and 20, got p=\(p), o=\(o), q=\(q)")
        }
        switch process {
        case .garch:
            guard p + o > 0 else {
                throw QuantError(.invalidArgument, "a GARCH model needs p > 0 or o > 0 (got p=\(p), o=\(o), q=\(q))")
            }
        case .egarch:
            guard p + o + q > 0 else {
                throw QuantError(.invalidArgument, "an EGARCH model needs at least one of p, o, q positive")
            }
        }
    }

    /// The fewest returns a fit accepts: 100, or 10 per parameter when that is more. Fewer leave
    /// the variance persistence unidentified and the optimiser wandering along a flat ridge.
    public var minimumObservations: Int { max(100, 10 * parameterCount) }
}
