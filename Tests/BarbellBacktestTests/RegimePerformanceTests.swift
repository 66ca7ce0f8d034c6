import Testing
@testable import BarbellBacktest

/// Performance by regime against a pandas groupby (regimes.json).
@Suite("Regime performance")
struct RegimePerformanceTests {
    struct Fixture: Decodable {
        struct Row: Decodable {
            let label, periods: Int
            let fraction, meanAnnualReturn, compoundedAnnualReturn, maxDrawdown, hitRate: Double
            let annualVolatility, sharpe: Double?
        }
        let library: String
        let periodsPerYear: Double
        let returns: [Double]
        let labels: [Int]
        let regimes: [Row]
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test("per-regime statistics equal pandas groupby's within 1e-9, unknown and one-period regimes included")
    func matchesPandas() throws {
        let f = BacktestFixture.load(Fixture.self, "regimes.json")
        let p = try RegimePerformance(returns: f.returns, labels: f.labels, names: [0: "calm", 2: "turbulent"],
                                      periodsPerYear: f.periodsPerYear)
        try #require(p.regimes.map(\.label) == f.regimes.map(\.label))
        #expect(p.regimes.map(\.name) == ["unknown", "calm", nil, "turbulent", nil])
        for (a, b) in zip(p.regimes, f.regimes) {
            #expect(a.periods == b.periods)
            for (name, ours, theirs) in [("fraction", a.fraction, b.fraction), ("mean annual", a.meanAnnualReturn, b.meanAnnualReturn),
                                         ("compounded", a.compoundedAnnualReturn, b.compoundedAnnualReturn),
                                         ("volatility", a.annualVolatility, b.annualVolatility), ("sharpe", a.sharpe, b.sharpe),
                                         ("max drawdown", a.maxDrawdown, b.maxDrawdown), ("hit rate", a.hitRate, b.hitRate)] as [(String, Double?, Double?)] {
                #expect(Self.close(ours, theirs), "regime \(a.label) \(name): \(String(describing: ours)) vs \(f.library) \(String(describing: theirs))")
            }
        }
        #expect(Self.close(p.regimes.reduce(0) { $0 + $1.fraction }, 1))
    }

    @Test("misaligned labels, a NaN return or a label below −1 is an error naming the position")
    func badInput() {
        #expect(throws: BacktestError(.shapeMismatch, "regime performance: 3 returns but 2 labels; expected one label per period")) {
            try RegimePerformance(returns: [0.01, 0.02, 0.03], labels: [0, 1])
        }
        #expect(throws: BacktestError(.nonFinite, "regime performance: return 1 is nan")) {
            try RegimePerformance(returns: [0.01, .nan], labels: [0, 1])
        }
        #expect(throws: BacktestError.self) { try RegimePerformance(returns: [0.01, 0.02], labels: [0, -2]) }
        #expect(throws: BacktestError.self) { try RegimePerformance(returns: [], labels: []) }
        #expect(throws: BacktestError.self) { try RegimePerformance(returns: [0.01, -1.5], labels: [0, 0]) }
    }
}
