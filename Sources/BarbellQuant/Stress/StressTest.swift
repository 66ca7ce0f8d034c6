import BarbellData

/// Stress tests of a portfolio: historical replays, hypothetical factor shocks and fat-tailed
/// Monte Carlo.
///
/// Prices are aligned series `(timestamps, values)`; NaN marks a day without a price. Weights
/// are fractions of portfolio value (they need not sum to 1: a hedged book may be net short).
public struct StressTest: Sendable {
    /// A price series on its own time axis.
    public struct Series: Sendable {
        public var timestamps: [Timestamp]
        public var values: [Double]
        public init(timestamps: [Timestamp], values: [Double]) throws {
            guard timestamps.count == values.count else {
                throw QuantError(.shapeMismatch, "\(timestamps.count) timestamps but \(values.count) values")
            }
            self.timestamps = timestamps
            self.values = values
        }
    }

    /// The portfolio: weight per ticker, and each ticker's price history.
    public let weights: [String: Double]
    public let prices: [String: Series]
    /// A broad index (daily levels), for betas and for assets without prices in a window.
    public let index: Series
    /// The index's finite levels by timestamp, built once for every beta.
    private let indexLevels: [Timestamp: Double]
    /// Monthly market returns keyed `YYYYMM` (e.g. Fama-French `Mkt-RF + RF`), for windows the
    /// daily index does not cover, like October 1987 before the bundled index starts.
    public let monthlyMarket: [Int: Double]

    /// - Throws: `invalidArgument` when a weighted ticker has no price series.
    public init(weights: [String: Double], prices: [String: Series], index: Series, monthlyMarket: [Int: Double] = [:]) throws {
        if let missing = weights.keys.sorted().first(where: { prices[$0] == nil }) {
            throw QuantError(.invalidArgument, "no prices for '\(missing)', which has a weight")
        }
        self.weights = weights
        self.prices = prices
        self.index = index
        self.indexLevels = Dictionary(zip(index.timestamps, index.values).filter { $0.1.isFinite }, uniquingKeysWith: { a, _ in a })
        self.monthlyMarket = monthlyMarket
    }

    /// Replays a historical window: each asset's buy-and-hold return from its last close on or
    /// before `start` to its last close on or before `end`. An asset without prices at both
    /// ends gets `β × (index return)`, with β from OLS of its daily returns on the index's over
    /// all common days; if the index has no prices there either, the monthly market returns of the
    /// months the window touches are compounded instead (month-level granularity).
    ///
    /// - Throws: `insufficientData` when an asset needs a proxy but has fewer than 60 common
    ///   daily returns with the index for its beta, or when neither the index nor the monthly
    ///   market covers the window.
    public func replay(_ scenario: HistoricalScenario) throws -> StressOutcome {
        var assetReturns: [String: Double] = [:], sources: [String: String] = [:]
        var proxy: (value: Double, source: String)?
        func marketReturn() throws -> (Double, String) {
            if let proxy { return proxy }
            if let r = Self.windowReturn(index, scenario) {
                proxy = (r, "beta×index")
            } else {
                let (y0, m0, _) = CivilDate.civilFromDays(scenario.start.epochDay)
                let (y1, m1, _) = CivilDate.civilFromDays(scenario.end.epochDay)
                var growth = 1.0, period = y0 * 100 + m0
                while period <= y1 * 100 + m1 {
                    guard let r = monthlyMarket[period] else {
                        throw QuantError(.insufficientData, "\(scenario.name): neither the index nor the monthly market returns cover \(period / 100)-\(period % 100)")
                    }
                    growth *= 1 + r
                    period = period % 100 == 12 ? (period / 100 + 1) * 100 + 1 : period + 1
                }
                proxy = (growth - 1, "beta×market factor")
            }
            return proxy!
        }
        for ticker in weights.keys.sorted() {
            let series = prices[ticker]!
            if let r = Self.windowReturn(series, scenario) {
                assetReturns[ticker] = r
                sources[ticker] = "replayed"
            } else {
                let beta = try beta(of: ticker)
                let (market, source) = try marketReturn()
                assetReturns[ticker] = beta * market
                sources[ticker] = source
            }
        }
        let total = weights.reduce(0) { $0 + $1.value * assetReturns[$1.key]! }
        return StressOutcome(name: scenario.name, kind: "historical", portfolioReturn: total, assetReturns: assetReturns,
                             sources: sources, notes: scenario.summary)
    }

    /// A hypothetical shock: each asset moves by `Σⱼ exposure[asset][j] · shock[j]`, e.g.
    /// exposures from ``FactorRegression`` betas and a shock `["Mkt-RF": −0.2, "SMB": −0.05]`.
    ///
    /// - Throws: `invalidArgument` when a weighted asset has no exposures or a shocked factor is
    ///   unknown to every asset.
    public func factorShock(name: String, exposures: [String: [String: Double]], shocks: [String: Double]) throws -> StressOutcome {
        let known = Set(exposures.values.flatMap(\.keys))
        if let unknown = shocks.keys.sorted().first(where: { !known.contains($0) }) {
            throw QuantError(.invalidArgument, "shocked factor '\(unknown)' is not among the exposures (\(known.sorted().joined(separator: ", ")))")
        }
        var assetReturns: [String: Double] = [:], sources: [String: String] = [:]
        for ticker in weights.keys.sorted() {
            guard let loading = exposures[ticker] else {
                throw QuantError(.invalidArgument, "no factor exposures for '\(ticker)'")
            }
            assetReturns[ticker] = shocks.reduce(0) { $0 + (loading[$1.key] ?? 0) * $1.value }
            sources[ticker] = "factor exposures"
        }
        let total = weights.reduce(0) { $0 + $1.value * assetReturns[$1.key]! }
        let description = shocks.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return StressOutcome(name: name, kind: "factor_shock", portfolioReturn: total, assetReturns: assetReturns,
                             sources: sources, notes: "shock: \(description)")
    }

    /// Fat-tailed Monte Carlo stress: `scenarios` one-period multivariate Student-t(ν) draws
    /// with the sample mean and covariance of the assets' returns on the days all have prices;
    /// the outcome is the portfolio's expected shortfall at `confidence` (notes give the VaR and
    /// the worst draw).
    public func monteCarlo(degreesOfFreedom nu: Double = 4, horizon: Int = 1, scenarios: Int = 100_000,
                           confidence: Double = 0.99, seed: UInt64) throws -> StressOutcome {
        let tickers = weights.keys.sorted()
        let returns = try Self.commonReturns(tickers.map { prices[$0]! }, tickers: tickers)
        let mean = (0..<returns.columns).map { j in (0..<returns.rows).reduce(0.0) { $0 + returns[$1, j] } / Double(returns.rows) }
        let covariance = try Covariance.sample(returns)
        let simulator = try ScenarioSimulator(mean: mean, covariance: covariance, distribution: .studentT(degreesOfFreedom: nu))
        let w = tickers.map { weights[$0]! }
        let pnl = try simulator.portfolioReturns(weights: w, count: scenarios, horizon: horizon, seed: seed)
        let risk = try ValueAtRisk.historical(pnl, confidence: confidence)
        let worst = pnl.min()!
        return StressOutcome(name: "student_t\(Int(nu))_monte_carlo", kind: "monte_carlo", portfolioReturn: -risk.expectedShortfall,
                             assetReturns: [:], sources: [:],
                             notes: "\(scenarios) scenarios, ν = \(nu), \(horizon)-period horizon, \(returns.rows) days of history: ES\(confidence) \(risk.expectedShortfall), VaR \(risk.valueAtRisk), worst \(-worst) (losses)")
    }

    /// The return from the last price on or before the window's start to the last on or before
    /// its end; nil unless both exist and the end price lies inside the window.
    static func windowReturn(_ series: Series, _ scenario: HistoricalScenario) -> Double? {
        let endOfStartDay = Timestamp(nanoseconds: scenario.start.nanoseconds + Timestamp.nanosPerDay - 1)
        let endOfEndDay = Timestamp(nanoseconds: scenario.end.nanoseconds + Timestamp.nanosPerDay - 1)
        var first: Double?, last: Double?, lastTime: Timestamp?
        for (t, v) in zip(series.timestamps, series.values) where v.isFinite {
            if t <= endOfStartDay { first = v }
            if t <= endOfEndDay { last = v; lastTime = t } else { break }
        }
        guard let first, let last, let lastTime, lastTime >= scenario.start, first > 0 else { return nil }
        return last / first - 1
    }

    /// OLS slope of a weighted asset's daily returns on the index's over the days both have
    /// prices on consecutive common dates.
    ///
    /// - Throws: `invalidArgument` for a ticker without prices, `insufficientData` with fewer
    ///   than 60 common daily returns.
    public func beta(of ticker: String) throws -> Double {
        guard let asset = prices[ticker] else { throw QuantError(.invalidArgument, "no prices for '\(ticker)'") }
        let level = indexLevels
        var x: [Double] = [], y: [Double] = []
        var previous: (asset: Double, index: Double)?
        for (t, p) in zip(asset.timestamps, asset.values) {
            guard p.isFinite, let i = level[t] else { previous = nil; continue }
            if let previous {
                y.append(p / previous.asset - 1)
                x.append(i / previous.index - 1)
            }
            previous = (p, i)
        }
        guard x.count >= 60 else {
            throw QuantError(.insufficientData, "'\(ticker)' has \(x.count) daily returns in common with the index; a beta proxy needs at least 60")
        }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        return sxy / sxx
    }

    /// Daily returns of the given series on the timestamps where all have prices (row = day).
    static func commonReturns(_ series: [Series], tickers: [String]) throws -> Matrix {
        var common = Set(series[0].timestamps.enumerated().filter { series[0].values[$0.offset].isFinite }.map(\.element))
        for s in series.dropFirst() {
            common.formIntersection(s.timestamps.enumerated().filter { s.values[$0.offset].isFinite }.map(\.element))
        }
        let days = common.sorted()
        guard days.count >= 61 else {
            throw QuantError(.insufficientData, "\(tickers.joined(separator: ", ")) have \(days.count) days with prices in common; a Monte Carlo stress needs at least 61")
        }
        let lookups = series.map { s in Dictionary(zip(s.timestamps, s.values), uniquingKeysWith: { a, _ in a }) }
        var values: [Double] = []
        for (a, b) in zip(days, days.dropFirst()) {
            for lookup in lookups { values.append(lookup[b]! / lookup[a]! - 1) }
        }
        return Matrix(uncheckedRows: days.count - 1, columns: series.count, values: values)
    }
}
