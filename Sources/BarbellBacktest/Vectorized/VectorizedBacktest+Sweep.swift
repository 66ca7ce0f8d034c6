import Foundation

/// One variant's outcome in a sweep.
public struct SweepOutcome: Sendable, Equatable, Codable {
    /// The variant's position in the sweep's input.
    public var index: Int
    public var finalEquity: Double
    public var totalReturn: Double
    /// Annualised Sharpe ratio of bar returns (NaN with no variance).
    public var sharpe: Double
    public var maxDrawdown: Double
    public var fills: Int
    /// Traded value over mean equity, per year.
    public var annualTurnover: Double
    public var costs: Double
    /// The bar returns, when the sweep was asked to keep them (for overfitting statistics).
    public var returns: [Double]?

    enum CodingKeys: String, CodingKey {
        case index, finalEquity, totalReturn, sharpe, maxDrawdown, fills, annualTurnover, costs
    }
}

extension VectorizedBacktest {
    /// Runs many variants over one grid on all cores and summarises each.
    ///
    /// Variants run independently, so the outcomes do not depend on the number of threads; each
    /// variant's full result is dropped once summarised, so thousands fit in memory.
    /// - Parameter targets: the target weights of variant `i` (called concurrently).
    /// - Throws: the first variant's ``BacktestError``, by index, if any variant's targets are invalid.
    public static func sweep(grid: PriceGrid, variants: Int, settings: ExecutionSettings = ExecutionSettings(),
                             keepReturns: Bool = false, targets: @Sendable (Int) throws(BacktestError) -> [[Double]]) throws(BacktestError) -> [SweepOutcome] {
        try settings.validate()
        let pricer = FillPricer(model: settings.slippage, grid: grid)
        let results = ConcurrentSlots<Result<SweepOutcome, BacktestError>>(count: variants)
        DispatchQueue.concurrentPerform(iterations: variants) { i in
            do throws(BacktestError) {
                let w = try targets(i)
                try validate(targets: w, grid: grid, settings: settings)
                let result = simulate(grid: grid, targets: w, settings: settings, pricer: pricer, paths: false)
                var outcome = summary(i, result)
                if keepReturns { outcome.returns = result.returns }
                results.set(i, .success(outcome))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var outcomes: [SweepOutcome] = []
        outcomes.reserveCapacity(variants)
        for i in 0..<variants {
            switch results.get(i) {
            case .success(let o): outcomes.append(o)
            case .failure(let e): throw BacktestError(e.code, "variant \(i): \(e.message)")
            case nil: throw BacktestError(.invalidArgument, "variant \(i) produced no result")
            }
        }
        return outcomes
    }

    static func summary(_ index: Int, _ r: BacktestResult) -> SweepOutcome {
        let returns = r.returns
        // The bootstrap's statistics of unchecked returns; a flat run has no Sharpe ratio.
        let sharpe = returns.count > 1 ? Returns.sharpeRatio(of: returns, periodsPerYear: r.periodsPerYear) : .nan
        let meanEquity = r.equity.reduce(0, +) / Double(max(1, r.equity.count))
        let years = Double(r.equity.count) / r.periodsPerYear
        return SweepOutcome(index: index, finalEquity: r.finalEquity, totalReturn: r.finalEquity / r.initialCash - 1,
                            sharpe: sharpe.isFinite ? sharpe : .nan,
                            maxDrawdown: Returns.maxDrawdown(of: returns), fills: r.fills.count,
                            annualTurnover: r.tradedValue.reduce(0, +) / meanEquity / years,
                            costs: r.ledger.commissionPaid + r.ledger.slippagePaid + r.ledger.borrowPaid, returns: nil)
    }
}

extension VectorizedBacktest {
    /// Runs independent backtests (each its own grid, targets and account) on all cores, in order.
    ///
    /// - Parameter paths: keep cash and exposures per bar (off: only equity, traded value and
    ///   fills, with empty `cash`, `grossExposure` and `netExposure`).
    /// - Throws: the first invalid job's ``BacktestError``, naming the job.
    public static func runIndependently(grids: [PriceGrid], targets: [[[Double]]],
                                        settings: ExecutionSettings = ExecutionSettings(),
                                        paths: Bool = true) throws(BacktestError) -> [BacktestResult] {
        guard grids.count == targets.count else {
            throw BacktestError(.shapeMismatch, "\(grids.count) grids for \(targets.count) target sets")
        }
        try settings.validate()
        for i in grids.indices {
            do throws(BacktestError) { try validate(targets: targets[i], grid: grids[i], settings: settings) } catch {
                throw BacktestError(error.code, "job \(i): \(error.message)")
            }
        }
        let slots = ConcurrentSlots<BacktestResult>(count: grids.count)
        DispatchQueue.concurrentPerform(iterations: grids.count) { i in
            let pricer = FillPricer(model: settings.slippage, grid: grids[i])
            slots.set(i, simulate(grid: grids[i], targets: targets[i], settings: settings, pricer: pricer, paths: paths))
        }
        return slots.values
    }
}

/// Results written by concurrent workers, one writer per slot, read after they finish.
final class ConcurrentSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Value) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> Value? { slots[i] }

    var values: [Value] { slots.map { $0! } }
}
