import BarbellData

extension StrategyContext {
    /// Works the eligible orders against the current bar.
    ///
    /// Orders that reduce a position go first, then those that add to one, each group in
    /// submission order, so sales fund purchases within a bar. Target sizes are resolved with
    /// equity valued at the bar's opens, once, before any fill.
    ///
    /// - Parameter atClose: the same-bar pass: only orders submitted at this bar's close that
    ///   are market orders, priced at the close.
    mutating func executeOrders<S: Strategy>(atClose: Bool, strategy: inout S, pricer: FillPricer) {
        let t = bar
        let now = grid.timestamps[t]
        var reducing: [Int] = []
        var adding: [Int] = []
        var equityAtOpen = Double.nan

        for i in working.indices where !working[i].isDone && working[i].eligibleFrom <= t {
            if atClose && !(working[i].eligibleFrom == t && working[i].isMarketable) { continue }
            let s = working[i].request.symbol
            if case .goodTill(let until) = working[i].request.timeInForce, now >= until {
                finish(i, .expired, reason: "good-till time \(until) reached")
                continue
            }
            let reference = atClose ? grid.close[s][t] : grid.open[s][t]
            if reference.isNaN {
                if isSingleBar(working[i]) {
                    finish(i, .cancelled, reason: "no price for \(grid.symbols[s]) at \(now) on the order's only bar")
                } else if !working[i].deferralLogged {
                    working[i].deferralLogged = true
                    log(working[i].id, symbol: s, .deferred, reason: "no price for \(grid.symbols[s]) at \(now); the order waits for its next bar")
                }
                continue
            }
            if working[i].remaining.isNaN {
                if equityAtOpen.isNaN { equityAtOpen = equityAt(atClose: atClose) }
                let held = ledger.shares[s]
                let delta: Double
                switch working[i].request.size {
                case .targetPercent(let w): delta = Execution.targetDelta(fraction: w, equity: equityAtOpen, price: reference, held: held)
                case .targetShares(let n): delta = n - held
                case .shares: delta = 0
                }
                if delta == 0 || !delta.isFinite {
                    finish(i, .cancelled, reason: "already at target")
                    continue
                }
                working[i].remaining = abs(delta)
                working[i].direction = delta > 0 ? 1 : -1
            }
            let held = ledger.shares[s]
            if held != 0 && (held > 0) != (working[i].direction > 0) { reducing.append(i) } else { adding.append(i) }
        }
        if reducing.isEmpty && adding.isEmpty { return }
        if equityAtOpen.isNaN { equityAtOpen = equityAt(atClose: atClose) }
        for i in reducing + adding where !working[i].isDone {
            work(i, atClose: atClose, equityAtOpen: equityAtOpen, strategy: &strategy, pricer: pricer)
        }
    }

    private func isSingleBar(_ order: WorkingOrder) -> Bool {
        switch order.request.timeInForce {
        case .day, .immediateOrCancel: true
        case .goodTillCancelled, .goodTill: false
        }
    }

    private func equityAt(atClose: Bool) -> Double {
        let t = bar
        return atClose ? ledger.equity { grid.close[$0][t] } : ledger.equity { grid.open[$0][t] }
    }

    /// The price an order trades at in this bar, whether slippage applies, or nil if it does not trade.
    private mutating func reference(for i: Int, atClose: Bool) -> (price: Double, slips: Bool)? {
        let s = working[i].request.symbol, t = bar
        let o = atClose ? grid.close[s][t] : grid.open[s][t]
        let h = atClose ? o : grid.high[s][t]
        let l = atClose ? o : grid.low[s][t]
        let buy = working[i].direction > 0
        switch working[i].request.type {
        case .market:
            return (o, true)
        case .limit(let limit):
            return limitPrice(limit, buy: buy, open: o, high: h, low: l)
        case .stop(let stop):
            if buy { return o >= stop ? (o, true) : h >= stop ? (stop, true) : nil }
            return o <= stop ? (o, true) : l <= stop ? (stop, true) : nil
        case .stopLimit(let stop, let limit):
            if working[i].triggered { return limitPrice(limit, buy: buy, open: o, high: h, low: l) }
            let gapped = buy ? o >= stop : o <= stop
            let touched = buy ? h >= stop : l <= stop
            guard gapped || touched else { return nil }
            working[i].triggered = true
            if gapped { return limitPrice(limit, buy: buy, open: o, high: h, low: l) }
            // Triggered inside the bar at the stop: the limit fills there only if the stop is
            // within it; otherwise bar data cannot say the price came back, so it waits a bar.
            let within = buy ? stop <= limit : stop >= limit
            return within ? (stop, false) : nil
        }
    }

    private func limitPrice(_ limit: Double, buy: Bool, open o: Double, high h: Double, low l: Double) -> (price: Double, slips: Bool)? {
        if buy { return o <= limit ? (o, false) : l <= limit ? (limit, false) : nil }
        return o >= limit ? (o, false) : h >= limit ? (limit, false) : nil
    }

    private mutating func work<S: Strategy>(_ i: Int, atClose: Bool, equityAtOpen: Double,
                                            strategy: inout S, pricer: FillPricer) {
        let s = working[i].request.symbol, t = bar
        guard let (referencePrice, slips) = reference(for: i, atClose: atClose) else {
            if isSingleBar(working[i]) { finish(i, .cancelled, reason: "price not reached on the order's only bar") }
            return
        }
        let requested = working[i].direction * working[i].remaining
        let outcome = Execution.trade(&ledger, symbol: s, bar: t, quantity: requested, reference: referencePrice,
                                      applySlippage: slips, volume: grid.volume[s][t], equityAtOpen: equityAtOpen,
                                      settings: settings, pricer: pricer)
        if outcome.quantity != 0 {
            let fill = Fill(orderID: working[i].id, symbol: s, bar: t, timestamp: grid.timestamps[t],
                            quantity: outcome.quantity, price: outcome.price, commission: outcome.commission,
                            slippage: outcome.slippage)
            fills.append(fill)
            tradedValue += abs(outcome.quantity * outcome.price)
            working[i].remaining -= abs(outcome.quantity)
            working[i].filledQuantity += abs(outcome.quantity)
            working[i].filledNotional += abs(outcome.quantity) * outcome.price
            let complete = working[i].remaining <= 1e-9 * working[i].filledQuantity
            log(working[i].id, symbol: s, complete ? .filled : .partiallyFilled, quantity: outcome.quantity,
                price: outcome.price, reason: complete ? nil : outcome.limitedBy)
            if let sibling = working[i].sibling, let j = working.firstIndex(where: { $0.id == sibling && !$0.isDone }) {
                working[j].remaining -= abs(outcome.quantity)
                if working[j].remaining <= 1e-9 * abs(outcome.quantity) {
                    finish(j, .cancelled, reason: "one-cancels-other: order \(working[i].id) filled")
                }
            }
            if complete {
                working[i].isDone = true
                openOrderCount -= 1
                placeBracket(for: i)
            }
            strategy.onFill(fill, &self)
        }
        guard !working[i].isDone else { return }
        // What is left after a cash, leverage or short-sale limit is cancelled: the order asked
        // for more than the account allows. Only volume-limited remainders keep working.
        let volumeLimited = outcome.limitedBy?.hasPrefix("participation") ?? false
        if let limit = outcome.limitedBy, !volumeLimited {
            finish(i, outcome.quantity == 0 ? .rejected : .cancelled, reason: "remainder \(working[i].remaining): \(limit)")
            placeBracket(for: i)
        } else if isSingleBar(working[i]) {
            finish(i, .cancelled, reason: "remainder \(working[i].remaining) not filled on the order's only bar")
            placeBracket(for: i)
        }
    }

    /// Places a filled entry's take-profit and stop-loss, stop-loss first so that it is worked
    /// first when both trigger in one bar.
    private mutating func placeBracket(for i: Int) {
        guard let bracket = working[i].request.bracket, working[i].filledQuantity > 0 else { return }
        let entry = working[i]
        let s = entry.request.symbol
        let average = entry.filledNotional / entry.filledQuantity
        let long = entry.direction > 0
        let exitSide: OrderSide = long ? .sell : .buy
        func level(_ l: Bracket.Level, favourable: Bool) -> Double {
            switch l {
            case .price(let p): return p
            case .fraction(let f): return average * (1 + (long == favourable ? f : -f))
            }
        }
        var ids: [Int] = []
        if let sl = bracket.stopLoss {
            ids.append(submitChild(OrderRequest(symbol: s, side: exitSide, size: .shares(entry.filledQuantity),
                                                type: .stop(level(sl, favourable: false)), tag: "stop-loss of order \(entry.id)")))
        }
        if let tp = bracket.takeProfit {
            ids.append(submitChild(OrderRequest(symbol: s, side: exitSide, size: .shares(entry.filledQuantity),
                                                type: .limit(level(tp, favourable: true)), tag: "take-profit of order \(entry.id)")))
        }
        if ids.count == 2, let a = working.firstIndex(where: { $0.id == ids[0] }), let b = working.firstIndex(where: { $0.id == ids[1] }) {
            working[a].sibling = ids[1]
            working[b].sibling = ids[0]
        }
    }

    /// Bracket exits are eligible from the next bar even with same-bar fills on.
    private mutating func submitChild(_ request: OrderRequest) -> Int {
        let id = nextOrderID
        nextOrderID += 1
        working.append(WorkingOrder(id: id, request: request, eligibleFrom: bar + 1))
        openOrderCount += 1
        log(id, symbol: request.symbol, .submitted, reason: request.tag)
        return id
    }
}
