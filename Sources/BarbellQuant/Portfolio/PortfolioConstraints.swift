/// The constraints a mean-variance portfolio must meet: per-asset weight bounds (long-only
/// `[0, 1]` by default, as PyPortfolioOpt), a budget (weights sum to 1, or to 0 when market
/// neutral), group (sector) caps and floors, and a turnover limit against current weights.
public struct PortfolioConstraints: Sendable {
    /// A cap and floor on the summed weight of some assets (PyPortfolioOpt's
    /// `add_sector_constraints`: `lower ≤ Σ_{i∈assets} wᵢ ≤ upper`).
    public struct Group: Sendable {
        /// The group's name, used in messages (e.g. an infeasible cap).
        public var name: String
        /// Indices of the group's assets.
        public var assets: [Int]
        /// The group's floor (`-infinity` for none).
        public var lower: Double
        /// The group's cap (`+infinity` for none).
        public var upper: Double

        public init(name: String, assets: [Int], lower: Double = -.infinity, upper: Double = .infinity) {
            self.name = name
            self.assets = assets
            self.lower = lower
            self.upper = upper
        }
    }

    /// At most `limit` of L1 turnover `Σ|wᵢ − currentᵢ|` away from the `current` weights.
    public struct Turnover: Sendable {
        /// The weights held now, one per asset.
        public var current: [Double]
        /// The largest allowed `Σ|wᵢ − currentᵢ|`.
        public var limit: Double

        public init(current: [Double], limit: Double) {
            self.current = current
            self.limit = limit
        }
    }

    /// Each asset's smallest weight (negative allows shorting).
    public var lowerBounds: [Double]
    /// Each asset's largest weight.
    public var upperBounds: [Double]
    /// Group (sector) floors and caps.
    public var groups: [Group] = []
    /// An optional L1 turnover limit.
    public var turnover: Turnover?
    /// Weights sum to 0 instead of 1 (needs negative lower bounds).
    public var marketNeutral = false

    /// The same bounds `[lower, upper]` for each of `assetCount` assets.
    public init(assetCount: Int, lower: Double = 0, upper: Double = 1) {
        lowerBounds = Array(repeating: lower, count: assetCount)
        upperBounds = Array(repeating: upper, count: assetCount)
    }

    /// Per-asset bounds.
    public init(lowerBounds: [Double], upperBounds: [Double]) {
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds
    }

    var budget: Double { marketNeutral ? 0 : 1 }

    func validate(assetCount n: Int, names: [String]) throws {
        guard lowerBounds.count == n, upperBounds.count == n else {
            throw QuantError(.shapeMismatch, "\(n) assets need \(n) lower and upper bounds, got \(lowerBounds.count) and \(upperBounds.count)")
        }
        for i in 0..<n {
            guard lowerBounds[i].isFinite, upperBounds[i].isFinite, lowerBounds[i] <= upperBounds[i] else {
                throw QuantError(.invalidArgument, "weight bounds of \(names[i]) must be finite with lower ≤ upper, got [\(lowerBounds[i]), \(upperBounds[i])]")
            }
        }
        for g in groups {
            if let bad = g.assets.first(where: { $0 < 0 || $0 >= n }) {
                throw QuantError(.shapeMismatch, "group \(g.name) names asset \(bad); there are \(n)")
            }
            guard !g.lower.isNaN, !g.upper.isNaN, g.lower <= g.upper else {
                throw QuantError(.invalidArgument, "group \(g.name) needs lower ≤ upper, got [\(g.lower), \(g.upper)]")
            }
        }
        if let t = turnover {
            guard t.current.count == n, t.current.allSatisfy(\.isFinite) else {
                throw QuantError(.shapeMismatch, "the turnover limit needs \(n) finite current weights, got \(t.current.count)")
            }
            guard t.limit >= 0, t.limit.isFinite else {
                throw QuantError(.invalidArgument, "the turnover limit must be ≥ 0, got \(t.limit)")
            }
        }
    }
}
