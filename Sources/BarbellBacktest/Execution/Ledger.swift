/// Cash, positions and the costs paid so far: the account both engines keep, through the same
/// arithmetic, which is what makes the vectorised path's results identical to the event engine's.
public struct Ledger: Sendable, Equatable {
    public internal(set) var cash: Double
    /// Shares held per symbol (negative when short).
    public internal(set) var shares: [Double]
    /// Each symbol's last known close (NaN before its first bar): what positions are valued at.
    public internal(set) var lastPrice: [Double]
    public internal(set) var commissionPaid: Double = 0
    public internal(set) var slippagePaid: Double = 0
    public internal(set) var borrowPaid: Double = 0

    init(cash: Double, symbolCount: Int) {
        self.cash = cash
        self.shares = [Double](repeating: 0, count: symbolCount)
        self.lastPrice = [Double](repeating: .nan, count: symbolCount)
    }

    /// Books a fill of `quantity` signed shares at `price`.
    mutating func book(symbol: Int, quantity: Double, price: Double, commission: Double, slippage: Double) {
        shares[symbol] += quantity
        cash -= quantity * price + commission
        commissionPaid += commission
        slippagePaid += slippage
    }

    /// Cash plus positions valued at `prices` (a symbol with a NaN price uses its last close).
    func equity(at prices: (Int) -> Double) -> Double {
        var total = cash
        for s in shares.indices where shares[s] != 0 {
            let p = prices(s)
            total += shares[s] * (p.isNaN ? lastPrice[s] : p)
        }
        return total
    }

    /// Cash plus positions valued at their last closes.
    var markedEquity: Double {
        var total = cash
        for s in shares.indices where shares[s] != 0 { total += shares[s] * lastPrice[s] }
        return total
    }

    var hasPositions: Bool { shares.contains { $0 != 0 } }

    /// Sum of |position value| at the last closes.
    var grossExposure: Double {
        var total = 0.0
        for s in shares.indices where shares[s] != 0 { total += abs(shares[s] * lastPrice[s]) }
        return total
    }

    /// Sum of signed position values at the last closes.
    var netExposure: Double {
        var total = 0.0
        for s in shares.indices where shares[s] != 0 { total += shares[s] * lastPrice[s] }
        return total
    }

    /// Takes the closes of bar `t` as the last prices and charges the borrow fee on shorts.
    mutating func markToClose(_ close: [[Double]], bar t: Int, borrowPerBar: Double) {
        for s in shares.indices {
            let c = close[s][t]
            if !c.isNaN { lastPrice[s] = c }
        }
        if borrowPerBar > 0 {
            for s in shares.indices where shares[s] < 0 {
                let fee = -shares[s] * lastPrice[s] * borrowPerBar
                cash -= fee
                borrowPaid += fee
            }
        }
    }
}
