import BarbellData

/// The fast path for signal → target-position backtests: the same result as running
/// ``TargetWeightStrategy`` on the ``EventEngine`` (equity, cash, exposures and fills are equal
/// bit for bit), without order objects or callbacks.
///
/// It shares the engine's execution arithmetic (``Execution``, ``Ledger``, the slippage pricer)
/// and reproduces its order of work: at each bar the pending targets of symbols with a price are
/// resolved against equity at the opens, reducing trades go before adding ones, each group in the
/// order the targets were set. The order log is not kept; fills carry the ids the engine would
/// have given.
public enum VectorizedBacktest {
    /// Runs target weights `targets[symbol][bar]` (NaN keeps the previous target) over `grid`.
    ///
    /// - Throws: ``BacktestError`` when the targets' shape differs from the grid's, a target is
    ///   infinite, negative with shorting disabled or beyond the leverage limit, or a setting is
    ///   invalid.
    public static func run(grid: PriceGrid, targets: [[Double]],
                           settings: ExecutionSettings = ExecutionSettings()) throws(BacktestError) -> BacktestResult {
        try settings.validate()
        try validate(targets: targets, grid: grid, settings: settings)
        return simulate(grid: grid, targets: targets, settings: settings, pricer: FillPricer(model: settings.slippage, grid: grid))
    }

    static func validate(targets: [[Double]], grid: PriceGrid, settings: ExecutionSettings) throws(BacktestError) {
        guard !settings.sameBarFills else {
            throw BacktestError(.invalidArgument, "same-bar fills: the vectorised path fills at the next bar only; run the event engine")
        }
        guard targets.count == grid.symbolCount else {
            throw BacktestError(.shapeMismatch, "targets: \(targets.count) columns for \(grid.symbolCount) symbols")
        }
        for s in targets.indices {
            guard targets[s].count == grid.barCount else {
                throw BacktestError(.shapeMismatch, "targets for \(grid.symbols[s]): \(targets[s].count) values for \(grid.barCount) bars; signals must be aligned with prices")
            }
            for (t, w) in targets[s].enumerated() where !w.isNaN {
                guard w.isFinite, abs(w) <= settings.maxLeverage else {
                    throw BacktestError(.invalidArgument, "target for \(grid.symbols[s]) at bar \(t) (\(grid.timestamps[t])) is \(w); expected a finite fraction within the leverage limit \(settings.maxLeverage)")
                }
                guard w >= 0 || settings.allowShort else {
                    throw BacktestError(.invalidArgument, "target for \(grid.symbols[s]) at bar \(t) (\(grid.timestamps[t])) is \(w) but short selling is disabled")
                }
            }
        }
    }

    /// A target waiting for its fill bar: the fraction until resolved, then the shares left.
    private struct Pending {
        var id: Int
        var fraction: Double
        var remaining = Double.nan
        var direction = 0.0
        var filled = 0.0
    }

    /// - Parameter paths: record cash and exposures per bar; without, those arrays are empty and
    ///   only equity, traded value and fills are kept (what sweeps summarise).
    static func simulate(grid: PriceGrid, targets: [[Double]], settings: ExecutionSettings,
                         pricer: FillPricer, paths: Bool = true) -> BacktestResult {
        let n = grid.barCount, m = grid.symbolCount
        var ledger = Ledger(cash: settings.initialCash, symbolCount: m)
        var pending = [Pending?](repeating: nil, count: m)
        var pendingCount = 0
        var current = [Double](repeating: 0, count: m)
        var nextID = 0
        var fills: [Fill] = []
        var equity = [Double](repeating: 0, count: n)
        var cash = [Double](repeating: 0, count: paths ? n : 0)
        var gross = [Double](repeating: 0, count: paths ? n : 0)
        var net = [Double](repeating: 0, count: paths ? n : 0)
        var traded = [Double](repeating: 0, count: n)
        let borrowPerBar = settings.borrowRate / settings.periodsPerYear
        var reducing: [Int] = [], adding: [Int] = []

        for t in 0..<n {
            var tradedValue = 0.0
            if pendingCount > 0 {
                reducing.removeAll(keepingCapacity: true)
                adding.removeAll(keepingCapacity: true)
                let equityAtOpen = ledger.equity { grid.open[$0][t] }
                for s in 0..<m {
                    guard var p = pending[s], !grid.open[s][t].isNaN else { continue }
                    if p.remaining.isNaN {
                        let delta = Execution.targetDelta(fraction: p.fraction, equity: equityAtOpen,
                                                          price: grid.open[s][t], held: ledger.shares[s])
                        if delta == 0 || !delta.isFinite {
                            pending[s] = nil
                            pendingCount -= 1
                            continue
                        }
                        p.remaining = abs(delta)
                        p.direction = delta > 0 ? 1 : -1
                        pending[s] = p
                    }
                    let held = ledger.shares[s]
                    if held != 0 && (held > 0) != (p.direction > 0) { reducing.append(s) } else { adding.append(s) }
                }
                // Engine order: submission order within each group. Targets are submitted in symbol
                // order each bar, so older (deferred or volume-limited) ones sort first by id.
                reducing.sort { pending[$0]!.id < pending[$1]!.id }
                adding.sort { pending[$0]!.id < pending[$1]!.id }
                for s in reducing + adding {
                    var p = pending[s]!
                    let outcome = Execution.trade(&ledger, symbol: s, bar: t, quantity: p.direction * p.remaining,
                                                  reference: grid.open[s][t], applySlippage: true,
                                                  volume: grid.volume[s][t], equityAtOpen: equityAtOpen,
                                                  settings: settings, pricer: pricer)
                    if outcome.quantity != 0 {
                        fills.append(Fill(orderID: p.id, symbol: s, bar: t, timestamp: grid.timestamps[t],
                                          quantity: outcome.quantity, price: outcome.price,
                                          commission: outcome.commission, slippage: outcome.slippage))
                        tradedValue += abs(outcome.quantity * outcome.price)
                        p.remaining -= abs(outcome.quantity)
                        p.filled += abs(outcome.quantity)
                    }
                    let complete = outcome.quantity != 0 && p.remaining <= 1e-9 * p.filled
                    let volumeLimited = outcome.limitedBy?.hasPrefix("participation") ?? false
                    if complete || (outcome.limitedBy != nil && !volumeLimited) {
                        pending[s] = nil
                        pendingCount -= 1
                    } else {
                        pending[s] = p
                    }
                }
            }
            ledger.markToClose(grid.close, bar: t, borrowPerBar: borrowPerBar)
            for s in 0..<m {
                let w = targets[s][t]
                if w.isNaN || w == current[s] { continue }
                current[s] = w
                if pending[s] == nil { pendingCount += 1 }
                pending[s] = Pending(id: nextID, fraction: w)
                nextID += 1
            }
            equity[t] = ledger.markedEquity
            if paths {
                cash[t] = ledger.cash
                if ledger.hasPositions {
                    gross[t] = ledger.grossExposure
                    net[t] = ledger.netExposure
                }
            }
            traded[t] = tradedValue
        }
        return BacktestResult(symbols: grid.symbols, timestamps: grid.timestamps, initialCash: settings.initialCash,
                              periodsPerYear: settings.periodsPerYear, equity: equity, cash: cash,
                              grossExposure: gross, netExposure: net, tradedValue: traded,
                              fills: fills, orderLog: [], ledger: ledger)
    }
}
