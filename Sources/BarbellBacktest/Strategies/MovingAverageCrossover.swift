/// The classic long-only moving-average crossover on one symbol: buy when the fast simple
/// moving average of closes crosses above the slow one, close the position when it crosses back.
///
/// A cross at bar t means fast[t] > slow[t] and fast[t−1] ≤ slow[t−1] (up) or fast[t] < slow[t]
/// and fast[t−1] ≥ slow[t−1] (down), with both averages defined at both bars. Bars without a close
/// are skipped, so the averages run over the symbol's own bars.
public struct MovingAverageCrossover: Strategy {
    /// How much an entry buys.
    public enum Entry: Sendable, Equatable {
        /// A fixed number of shares.
        case shares(Double)
        /// A fraction of equity, sized at the fill price.
        case fractionOfEquity(Double)
    }

    public let symbol: Int
    public let fast: Int
    public let slow: Int
    public let entry: Entry
    private var window: [Double]
    private var seen = 0
    private var fastSum = 0.0
    private var slowSum = 0.0
    private var previousFast = Double.nan
    private var previousSlow = Double.nan

    /// - Throws: ``BacktestError`` unless 1 ≤ fast < slow and the entry size is positive.
    public init(symbol: Int = 0, fast: Int, slow: Int, entry: Entry) throws(BacktestError) {
        guard fast >= 1, slow > fast else {
            throw BacktestError(.invalidArgument, "moving-average crossover: fast \(fast), slow \(slow); expected 1 ≤ fast < slow")
        }
        switch entry {
        case .shares(let q) where !(q.isFinite && q > 0),
             .fractionOfEquity(let q) where !(q.isFinite && q > 0 && q <= 1):
            throw BacktestError(.invalidArgument, "moving-average crossover: entry \(entry); expected shares > 0 or a fraction in (0, 1]")
        default: break
        }
        self.symbol = symbol
        self.fast = fast
        self.slow = slow
        self.entry = entry
        self.window = [Double](repeating: 0, count: slow)
    }

    /// A crossing of the averages at a bar.
    enum Cross { case up, down }

    /// Takes the next close into the averages and says whether they crossed there.
    mutating func cross(close c: Double) -> Cross? {
        let slot = seen % slow
        if seen >= slow { slowSum -= window[slot] }
        if seen >= fast { fastSum -= window[(seen - fast) % slow] }
        window[slot] = c
        slowSum += c
        fastSum += c
        seen += 1
        let fastMean = seen >= fast ? fastSum / Double(fast) : .nan
        let slowMean = seen >= slow ? slowSum / Double(slow) : .nan
        defer {
            previousFast = fastMean
            previousSlow = slowMean
        }
        guard !previousSlow.isNaN else { return nil }
        if fastMean > slowMean && previousFast <= previousSlow { return .up }
        if fastMean < slowMean && previousFast >= previousSlow { return .down }
        return nil
    }

    public mutating func onBar(_ context: inout StrategyContext) {
        let c = context.close(symbol)
        if c.isNaN { return }
        let position = context.position(symbol)
        switch cross(close: c) {
        case .up where position == 0:
            switch entry {
            case .shares(let q): context.submit(.buy(symbol, q))
            case .fractionOfEquity(let w): context.submit(.targetPercent(symbol, w))
            }
        case .down where position > 0:
            context.submit(.sell(symbol, position))
        default:
            break
        }
    }
}
