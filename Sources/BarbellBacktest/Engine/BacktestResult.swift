import BarbellData

/// What a backtest produced: the account's path bar by bar, every fill and the order log.
public struct BacktestResult: Sendable, Equatable {
    public let symbols: [String]
    public let timestamps: [Timestamp]
    public let initialCash: Double
    public let periodsPerYear: Double
    /// Equity at each bar's close.
    public let equity: [Double]
    public let cash: [Double]
    /// Σ|position value| at each close.
    public let grossExposure: [Double]
    /// Σ position value at each close.
    public let netExposure: [Double]
    /// Σ|shares × price| traded in each bar.
    public let tradedValue: [Double]
    public let fills: [Fill]
    public let orderLog: [OrderEvent]
    /// The account at the end.
    public let ledger: Ledger

    /// Simple returns of equity, one per bar; the first is against the initial cash.
    public var returns: [Double] {
        var out = [Double](repeating: 0, count: equity.count)
        var previous = initialCash
        for t in equity.indices {
            out[t] = equity[t] / previous - 1
            previous = equity[t]
        }
        return out
    }

    public var finalEquity: Double { equity.last ?? initialCash }

    /// Order-log entries that explain a refusal, cancellation, deferral or expiry.
    public var exceptions: [OrderEvent] {
        orderLog.filter { [.rejected, .cancelled, .deferred, .expired].contains($0.kind) }
    }
}
