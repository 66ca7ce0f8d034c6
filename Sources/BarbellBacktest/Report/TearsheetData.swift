import BarbellData

/// Everything a tearsheet shows, as plain values: the HTML page is drawn from it and its JSON
/// twin is this value (with the series derived from it, ``TearsheetDerived``) encoded, so a
/// machine reading the JSON sees exactly the numbers a person sees on the page.
///
/// Series are aligned by position with ``timestamps``. Non-finite values are allowed in the
/// drawn series (a missing mark, a halted instrument): charts skip them and statistics ignore
/// the returns they touch.
public struct TearsheetData: Codable, Sendable, Equatable {
    /// Page heading, e.g. the strategy's name.
    public var title: String
    /// A line under the heading: data set, period, configuration hash.
    public var subtitle: String?
    /// Free-form notes shown under the header.
    public var notes: [String]
    /// What produced the report, e.g. "barbell 0.9 (backtest 3f2a…)".
    public var generatedBy: String
    /// Instruments traded.
    public var symbols: [String]

    /// Bar times, strictly increasing (UTC nanoseconds).
    public var timestamps: [Timestamp]
    /// Portfolio value at each bar's close.
    public var equity: [Double]
    /// A benchmark's value at each bar (any scale: it is rebased to the strategy's first equity).
    public var benchmarkEquity: [Double]?
    /// Name of the benchmark for the legend.
    public var benchmarkName: String?
    /// Gross exposure over equity at each bar (Σ|position value| / equity); empty when unknown.
    public var exposure: [Double]
    /// Net exposure over equity at each bar (Σ position value / equity).
    public var netExposure: [Double]?

    /// Performance statistics as computed by the backtester (a table on the page).
    public var statistics: [TearsheetStatistic]
    /// The honesty statistics: probabilistic and deflated Sharpe, PBO, bootstrap intervals.
    /// The header shows the row whose name contains "deflated" or "DSR" as the DSR figure.
    public var honesty: [TearsheetStatistic]
    /// Market regimes over the period, drawn as a price chart coloured by regime.
    public var regimes: TearsheetRegimes?
    /// Feature importances of the model that drove the strategy, when one did.
    public var featureImportance: [TearsheetImportance]?
    /// Round-trip trades, oldest first (the page lists the first ``Tearsheet/tradeRowLimit``).
    public var trades: [TearsheetTrade]

    /// Bars per year, for annualising (252 daily, 52 weekly, 365×24×60 for 24/7 minutes).
    public var periodsPerYear: Double
    /// Bars in the rolling Sharpe and volatility window (63 ≈ a quarter of daily bars).
    public var rollingWindow: Int
    /// Confidence of the value at risk: 0.95 draws the 5% historical quantile of returns.
    public var varLevel: Double

    public init(
        title: String, subtitle: String? = nil, notes: [String] = [], generatedBy: String = "Barbell",
        symbols: [String] = [], timestamps: [Timestamp], equity: [Double],
        benchmarkEquity: [Double]? = nil, benchmarkName: String? = nil,
        exposure: [Double] = [], netExposure: [Double]? = nil,
        statistics: [TearsheetStatistic] = [], honesty: [TearsheetStatistic] = [],
        regimes: TearsheetRegimes? = nil, featureImportance: [TearsheetImportance]? = nil,
        trades: [TearsheetTrade] = [], periodsPerYear: Double = 252, rollingWindow: Int = 63, varLevel: Double = 0.95
    ) {
        self.title = title
        self.subtitle = subtitle
        self.notes = notes
        self.generatedBy = generatedBy
        self.symbols = symbols
        self.timestamps = timestamps
        self.equity = equity
        self.benchmarkEquity = benchmarkEquity
        self.benchmarkName = benchmarkName
        self.exposure = exposure
        self.netExposure = netExposure
        self.statistics = statistics
        self.honesty = honesty
        self.regimes = regimes
        self.featureImportance = featureImportance
        self.trades = trades
        self.periodsPerYear = periodsPerYear
        self.rollingWindow = rollingWindow
        self.varLevel = varLevel
    }
}

/// One row of a statistics table: the number for machines, the text for people.
public struct TearsheetStatistic: Codable, Sendable, Equatable {
    /// Row label, e.g. "Deflated Sharpe (DSR)".
    public var name: String
    /// The number itself, for machines reading the JSON.
    public var value: Double
    /// The value as shown, e.g. "1.42" or "12.3%" or "[0.8, 1.9]".
    public var formatted: String
    /// How it was computed or what it means, e.g. "200 trials, V[SR] = 0.04".
    public var note: String?

    public init(name: String, value: Double, formatted: String, note: String? = nil) {
        self.name = name
        self.value = value
        self.formatted = formatted
        self.note = note
    }
}

/// Regime labels over the period with the price they describe.
public struct TearsheetRegimes: Codable, Sendable, Equatable {
    /// A price aligned with the tearsheet's timestamps (the traded or reference instrument).
    public var prices: [Double]
    /// Regime index per bar into ``names``; −1 where the regime is unknown (warm-up).
    public var labels: [Int]
    /// Regime names, e.g. ["calm", "trending", "turbulent"].
    public var names: [String]
    /// Name of the priced instrument for the chart title.
    public var priceName: String?
    /// Statistics per regime (e.g. "turbulent: Sharpe"), shown under the chart.
    public var statistics: [TearsheetStatistic]?

    public init(prices: [Double], labels: [Int], names: [String], priceName: String? = nil, statistics: [TearsheetStatistic]? = nil) {
        self.prices = prices
        self.labels = labels
        self.names = names
        self.priceName = priceName
        self.statistics = statistics
    }
}

/// A feature and its importance to the model.
public struct TearsheetImportance: Codable, Sendable, Equatable {
    /// Feature column name, e.g. "RSI_14".
    public var feature: String
    /// Importance in the explainer's units (permutation drop, mean |SHAP|); may be negative.
    public var value: Double

    public init(feature: String, value: Double) {
        self.feature = feature
        self.value = value
    }
}

/// A round trip: entry to exit in one symbol.
public struct TearsheetTrade: Codable, Sendable, Equatable {
    public var symbol: String
    public var entryTime: Timestamp
    public var exitTime: Timestamp
    /// Signed quantity: positive long, negative short.
    public var quantity: Double
    public var entryPrice: Double
    public var exitPrice: Double
    /// Profit after costs in account currency.
    public var pnl: Double
    /// Return on the entry value.
    public var returnValue: Double
    public var barsHeld: Int

    public init(symbol: String, entryTime: Timestamp, exitTime: Timestamp, quantity: Double, entryPrice: Double,
                exitPrice: Double, pnl: Double, returnValue: Double, barsHeld: Int) {
        self.symbol = symbol
        self.entryTime = entryTime
        self.exitTime = exitTime
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.exitPrice = exitPrice
        self.pnl = pnl
        self.returnValue = returnValue
        self.barsHeld = barsHeld
    }

    enum CodingKeys: String, CodingKey {
        case symbol, entryTime, exitTime, quantity, entryPrice, exitPrice, pnl, barsHeld
        case returnValue = "return"
    }
}
