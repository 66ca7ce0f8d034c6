import BarbellData
import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `stress.py` (pandas/NumPy replays of the bundled prices).
    static let stress = load("stress.json")
}

@Suite("Stress tests: historical replays, factor shocks, fat-tailed Monte Carlo")
struct StressTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// The fixture's portfolio: four stocks replayed from their prices, and "LATE", MSFT with
    /// its prices before 2010 removed, which must be proxied by its beta in earlier windows.
    static func portfolio() throws -> StressTest {
        func load(_ file: String) throws -> [LoadedSeries] {
            try MarketFile.loadBars(samples.appendingPathComponent(file).path)
        }
        let stocks = Dictionary(uniqueKeysWithValues: try load("skfolio_sp500_dataset.csv.gz").map { ($0.series.symbol.name, $0.series) })
        var prices: [String: StressTest.Series] = [:]
        for ticker in ["AAPL", "JPM", "XOM", "KO"] {
            prices[ticker] = try StressTest.Series(timestamps: stocks[ticker]!.timestamps, values: stocks[ticker]!.close)
        }
        let msft = stocks["MSFT"]!
        let cutoff = Timestamp(year: 2010, month: 1, day: 1)
        prices["LATE"] = try StressTest.Series(timestamps: msft.timestamps,
                                               values: zip(msft.timestamps, msft.close).map { $0 < cutoff ? .nan : $1 })
        let index = try load("skfolio_sp500_index.csv.gz")[0].series
        let factors = try FamaFrenchFactors.load(samples.appendingPathComponent("arch_frenchdata.csv.gz").path)
        let market = try zip(factors.column("Mkt-RF"), factors.column("RF")).map { $0 + $1 }
        let weights = ["AAPL": 0.3, "JPM": 0.3, "XOM": 0.2, "KO": 0.2, "LATE": 0.1]
        return try StressTest(weights: weights, prices: prices,
                              index: StressTest.Series(timestamps: index.timestamps, values: index.close),
                              monthlyMarket: Dictionary(uniqueKeysWithValues: zip(factors.periods, market)))
    }

    @Test("historical replays match pandas, with beta proxies where prices are missing",
          arguments: HistoricalScenario.standard.map(\.name))
    func replay(name: String) throws {
        let fixture = QuantFixture.stress
        let outcome = try Self.portfolio().replay(HistoricalScenario.standard.first { $0.name == name }!)
        // Price ratios agree to round-off; beta proxies go through an OLS slope, 1e-10.
        #expect(abs(outcome.portfolioReturn - fixture.number(name, "portfolio")) < 1e-10, "\(outcome.portfolioReturn)")
        for (ticker, r) in outcome.assetReturns {
            #expect(abs(r - fixture.number(name, "r_\(ticker)")) < 1e-10, "\(ticker)")
        }
        switch name {
        case "black_monday_1987": #expect(Set(outcome.sources.values) == ["beta×market factor"])
        case "covid_2020": #expect(Set(outcome.sources.values) == ["replayed"])
        default: #expect(outcome.sources["LATE"] == "beta×index" && outcome.sources["AAPL"] == "replayed")
        }
    }

    @Test("factor shocks are exposure-weighted sums")
    func factorShock() throws {
        let test = try Self.portfolio()
        let exposures = ["AAPL": ["MKT": 1.2, "SMB": 0.1], "JPM": ["MKT": 1.1], "XOM": ["MKT": 0.8, "SMB": -0.2],
                         "KO": ["MKT": 0.6], "LATE": ["MKT": 1.0]]
        let outcome = try test.factorShock(name: "market_down_20", exposures: exposures, shocks: ["MKT": -0.2, "SMB": -0.05])
        // Closed form: Σ wᵢ Σⱼ βᵢⱼ sⱼ.
        let expected = 0.3 * (1.2 * -0.2 + 0.1 * -0.05) + 0.3 * (1.1 * -0.2) + 0.2 * (0.8 * -0.2 + -0.2 * -0.05)
            + 0.2 * (0.6 * -0.2) + 0.1 * (1.0 * -0.2)
        #expect(abs(outcome.portfolioReturn - expected) < 1e-15)
        #expect((#expect(throws: QuantError.self) { try test.factorShock(name: "x", exposures: exposures, shocks: ["HML": -0.1]) })?.code == .invalidArgument)
        var partial = exposures
        partial["KO"] = nil
        #expect((#expect(throws: QuantError.self) { try test.factorShock(name: "x", exposures: partial, shocks: ["MKT": -0.1]) })?.code == .invalidArgument)
    }

    @Test("fat-tailed Monte Carlo stress is seeded and heavier than the normal")
    func monteCarlo() throws {
        let test = try Self.portfolio()
        let a = try test.monteCarlo(degreesOfFreedom: 3, scenarios: 20_000, seed: 11)
        let b = try test.monteCarlo(degreesOfFreedom: 3, scenarios: 20_000, seed: 11)
        #expect(a == b)
        let thin = try test.monteCarlo(degreesOfFreedom: 200, scenarios: 20_000, seed: 11)
        #expect(a.portfolioReturn < thin.portfolioReturn, "t₃ ES \(a.portfolioReturn) vs near-normal \(thin.portfolioReturn)")
    }

    @Test("bad input: unknown ticker, uncovered window, too little history for a beta")
    func badInput() throws {
        let series = try StressTest.Series(timestamps: [Timestamp(year: 2020, month: 1, day: 2)], values: [1])
        #expect((#expect(throws: QuantError.self) { try StressTest(weights: ["A": 1], prices: [:], index: series) })?.code == .invalidArgument)
        let test = try StressTest(weights: ["A": 1], prices: ["A": series], index: series)
        let error = #expect(throws: QuantError.self) { try test.replay(HistoricalScenario.standard[2]) }
        #expect(error?.code == .insufficientData && error?.message.contains("'A'") == true)
        #expect((#expect(throws: QuantError.self) { try StressTest.Series(timestamps: [], values: [1]) })?.code == .shapeMismatch)
    }
}
