/// How far an execution price moves against the trader from the reference price.
public enum SlippageModel: Sendable, Equatable, Codable {
    case none
    /// A fixed number of basis points.
    case fixedBasisPoints(Double)
    /// `multiplier` × the symbol's recent volatility (sample standard deviation of its last
    /// `lookback` close-to-close log returns, known before the fill bar).
    case volatilityScaled(multiplier: Double, lookback: Int)
    /// Square-root market impact: `coefficient` × σ × √(shares ÷ ADV), with σ as above and ADV
    /// the mean volume of the last `lookback` bars before the fill bar (Almgren et al. 2005's
    /// functional form; `coefficient` ≈ 0.1–1 in the literature).
    case squareRootImpact(coefficient: Double, lookback: Int)

    /// Bars of history the model needs before it can price a fill.
    var lookback: Int {
        switch self {
        case .none, .fixedBasisPoints: 0
        case .volatilityScaled(_, let n), .squareRootImpact(_, let n): n
        }
    }
}

/// Commissions: a rate on traded value plus a fee per share, with a minimum per fill.
public struct CommissionSchedule: Sendable, Equatable, Codable {
    /// Fraction of traded value (10 bps = 0.001).
    public var rate: Double
    /// Cash per share.
    public var perShare: Double
    /// Smallest commission charged on a fill.
    public var minimum: Double

    public init(basisPoints: Double = 0, perShare: Double = 0, minimum: Double = 0) {
        self.rate = basisPoints / 10_000
        self.perShare = perShare
        self.minimum = minimum
    }

    public static let free = CommissionSchedule()

    /// The commission for trading `shares` (unsigned) at `price`.
    @inlinable
    public func cost(shares: Double, price: Double) -> Double {
        let variable = shares * price * rate + shares * perShare
        return max(variable, minimum)
    }
}

/// Everything about how orders turn into fills and how the account is charged.
public struct ExecutionSettings: Sendable, Equatable, Codable {
    /// Cash at the start.
    public var initialCash: Double
    public var commission: CommissionSchedule
    public var slippage: SlippageModel
    /// Largest fraction of a bar's volume one order may take; the rest waits for later bars
    /// (or is cancelled for day/IOC orders). Nil: no limit.
    public var participationLimit: Double?
    /// Whether short positions may be opened.
    public var allowShort: Bool
    /// Annual borrow fee on the value of short positions, charged each bar at its close.
    public var borrowRate: Double
    /// Gross exposure allowed as a multiple of equity; 1 means no borrowing, so cash never goes
    /// negative. Buys beyond it are reduced to what the account can pay.
    public var maxLeverage: Double
    /// Bars per year, for the borrow fee and annualised statistics.
    public var periodsPerYear: Double
    /// Let orders decided at a bar's close fill at that same close. Off by default: the honest
    /// assumption is that a decision made on a close trades at the next bar.
    public var sameBarFills: Bool

    public init(initialCash: Double = 1_000_000, commission: CommissionSchedule = .free,
                slippage: SlippageModel = .none, participationLimit: Double? = nil,
                allowShort: Bool = false, borrowRate: Double = 0, maxLeverage: Double = 1,
                periodsPerYear: Double = 252, sameBarFills: Bool = false) {
        self.initialCash = initialCash
        self.commission = commission
        self.slippage = slippage
        self.participationLimit = participationLimit
        self.allowShort = allowShort
        self.borrowRate = borrowRate
        self.maxLeverage = maxLeverage
        self.periodsPerYear = periodsPerYear
        self.sameBarFills = sameBarFills
    }

    /// - Throws: ``BacktestError`` naming the first setting outside its domain.
    public func validate() throws(BacktestError) {
        func check(_ ok: Bool, _ what: String) throws(BacktestError) {
            if !ok { throw BacktestError(.invalidArgument, "execution settings: \(what)") }
        }
        try check(initialCash.isFinite && initialCash > 0, "initial cash \(initialCash); expected > 0")
        try check(commission.rate.isFinite && commission.rate >= 0, "commission rate \(commission.rate); expected ≥ 0")
        try check(commission.perShare.isFinite && commission.perShare >= 0, "commission per share \(commission.perShare); expected ≥ 0")
        try check(commission.minimum.isFinite && commission.minimum >= 0, "minimum commission \(commission.minimum); expected ≥ 0")
        switch slippage {
        case .none: break
        case .fixedBasisPoints(let b): try check(b.isFinite && b >= 0, "slippage \(b) bps; expected ≥ 0")
        case .volatilityScaled(let k, let n), .squareRootImpact(let k, let n):
            try check(k.isFinite && k >= 0, "slippage multiplier \(k); expected ≥ 0")
            try check(n >= 2, "slippage lookback \(n); expected ≥ 2 bars")
        }
        if let p = participationLimit { try check(p.isFinite && p > 0 && p <= 1, "participation limit \(p); expected in (0, 1]") }
        try check(borrowRate.isFinite && borrowRate >= 0, "borrow rate \(borrowRate); expected ≥ 0")
        try check(maxLeverage.isFinite && maxLeverage >= 1, "max leverage \(maxLeverage); expected ≥ 1")
        try check(periodsPerYear.isFinite && periodsPerYear > 0, "periods per year \(periodsPerYear); expected > 0")
    }
}
