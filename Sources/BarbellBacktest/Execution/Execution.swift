/// The arithmetic of one execution, shared by the event engine and the vectorised path so that
/// both produce the same fills bit for bit.
enum Execution {
    /// The signed trade that takes a position of `held` shares to `fraction` of `equity` at `price`.
    /// A zero target closes the position exactly rather than through a division.
    static func targetDelta(fraction: Double, equity: Double, price: Double, held: Double) -> Double {
        fraction == 0 ? -held : fraction * equity / price - held
    }

    /// What one attempt to trade produced.
    struct Outcome {
        var quantity: Double
        var price: Double
        var commission: Double
        var slippage: Double
        /// Why less than asked was traded, if it was.
        var limitedBy: String?
    }

    /// Trades up to `quantity` signed shares against a reference price, applying slippage, the
    /// participation limit, short-selling and cash/leverage limits, and books it in `ledger`.
    ///
    /// - Parameters:
    ///   - applySlippage: false for limit fills, which trade at the limit or better.
    ///   - equityAtOpen: equity valued at the bar's opens, for leverage limits.
    static func trade(_ ledger: inout Ledger, symbol s: Int, bar t: Int, quantity requested: Double,
                      reference: Double, applySlippage: Bool, volume: Double, equityAtOpen: Double,
                      settings: ExecutionSettings, pricer: FillPricer) -> Outcome {
        var q = requested
        var limitedBy: String?
        let held = ledger.shares[s]
        let sign: Double = q > 0 ? 1 : -1

        if let cap = settings.participationLimit, !volume.isNaN {
            let most = cap * volume
            if abs(q) > most {
                q = sign * most
                limitedBy = "participation limit \(cap) of bar volume \(volume)"
            }
        }
        if !settings.allowShort, q < 0, held + q < 0 {
            q = min(0, -held)
            limitedBy = "short selling is disabled (held \(held))"
        }
        guard q != 0 else { return Outcome(quantity: 0, price: reference, commission: 0, slippage: 0, limitedBy: limitedBy) }

        let slip = applySlippage ? pricer.slippageFraction(symbol: s, bar: t, shares: abs(q)) : 0
        let price = reference * (1 + sign * slip)
        let increasing = held == 0 || (held > 0) == (q > 0)
        if increasing {
            if q > 0 {
                // Buys are paid for: cash may fall to −(leverage − 1) × equity and no further.
                let available = ledger.cash + (settings.maxLeverage - 1) * equityAtOpen
                let cost = q * price + settings.commission.cost(shares: q, price: price)
                if cost > available {
                    var affordable = available / (price * (1 + settings.commission.rate) + settings.commission.perShare)
                    if settings.commission.cost(shares: affordable, price: price) == settings.commission.minimum,
                       settings.commission.minimum > 0 {
                        affordable = (available - settings.commission.minimum) / price
                    }
                    q = max(0, min(q, affordable))
                    limitedBy = "insufficient cash (\(ledger.cash))"
                }
            } else {
                // Short sales are limited by gross exposure, valued at the fill price.
                let most = max(0, (settings.maxLeverage * equityAtOpen - ledger.grossExposure) / price)
                if -q > most {
                    q = -most
                    limitedBy = "leverage limit \(settings.maxLeverage)"
                }
            }
            guard q != 0 else { return Outcome(quantity: 0, price: price, commission: 0, slippage: 0, limitedBy: limitedBy) }
        }
        let commission = settings.commission.cost(shares: abs(q), price: price)
        let slippageCost = abs(q) * abs(price - reference)
        ledger.book(symbol: s, quantity: q, price: price, commission: commission, slippage: slippageCost)
        return Outcome(quantity: q, price: price, commission: commission, slippage: slippageCost, limitedBy: limitedBy)
    }
}
