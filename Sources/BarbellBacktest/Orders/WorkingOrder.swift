/// An order the engine is working: the request plus how much of it is left.
struct WorkingOrder: Sendable {
    let id: Int
    var request: OrderRequest
    /// Shares still to trade (unsigned); NaN until a target size is resolved at its fill bar.
    var remaining: Double
    /// +1 buys, −1 sells; for targets set when resolved.
    var direction: Double
    /// First bar it may fill on.
    let eligibleFrom: Int
    var filledQuantity: Double = 0
    var filledNotional: Double = 0
    /// A stop-limit whose stop has traded.
    var triggered = false
    /// A deferral (no price) has been logged for it.
    var deferralLogged = false
    /// The other exit of a bracket (one cancels other).
    var sibling: Int?
    var isDone = false

    init(id: Int, request: OrderRequest, eligibleFrom: Int) {
        self.id = id
        self.request = request
        self.eligibleFrom = eligibleFrom
        switch request.size {
        case .shares(let q):
            remaining = q
            direction = request.side.sign
        case .targetShares, .targetPercent:
            remaining = .nan
            direction = 0
        }
    }

    var isMarketable: Bool {
        if case .market = request.type { return true }
        return false
    }
}
