import BarbellBacktest
import BarbellData
import Foundation
import Testing

/// The tearsheet's derived series against pandas, from `Tests/Fixtures/backtest/tearsheet_monthly.py`:
/// monthly and yearly compounded returns and rolling Sharpe and volatility, on daily and on
/// hourly bars with a missing return.
@Suite("Tearsheet derived series")
struct TearsheetDerivedTests {
    struct Period: Decodable { let year: Int; let month: Int?; let value: Double }
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let timestamps: [Int64]
        let returns: [Double?]
        let window: Int
        let periodsPerYear: Double
        let monthly, yearly: [Period]
        let rollingSharpe, rollingVolatility: [Double?]
        let histogramCounts: [Int]
        let histogramEdges: [Double]
        var testDescription: String { name }
    }
    struct Fixture: Decodable { let pandas: String; let cases: [Case] }

    static let fixture = BacktestFixture.load(Fixture.self, "tearsheet_monthly.json")

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance * max(1, abs(y))
        default: return false
        }
    }

    @Test("monthly and yearly returns match pandas' groupby product", arguments: fixture.cases)
    func periodReturns(c: Case) {
        let (monthly, yearly) = TearsheetDerived.periodReturns(timestamps: c.timestamps.map { Timestamp(nanoseconds: $0) }, returns: c.returns)
        #expect(monthly.map { [$0.year, $0.month ?? 0] } == c.monthly.map { [$0.year, $0.month ?? 0] })
        for (ours, theirs) in zip(monthly, c.monthly) {
            #expect(Self.close(ours.value, theirs.value), "\(theirs.year)-\(theirs.month ?? 0): \(ours.value) vs \(theirs.value)")
        }
        #expect(yearly.map(\.year) == c.yearly.map(\.year) && yearly.allSatisfy { $0.month == nil })
        for (ours, theirs) in zip(yearly, c.yearly) { #expect(Self.close(ours.value, theirs.value), "\(theirs.year)") }
    }

    @Test("rolling Sharpe and volatility match pandas' rolling within 1e-9", arguments: fixture.cases)
    func rolling(c: Case) {
        let (sharpe, volatility) = TearsheetDerived.rolling(returns: c.returns, window: c.window, periodsPerYear: c.periodsPerYear)
        #expect(sharpe.count == c.rollingSharpe.count && volatility.count == c.rollingVolatility.count)
        for i in c.returns.indices {
            #expect(Self.close(sharpe[i], c.rollingSharpe[i]), "Sharpe at \(i): \(String(describing: sharpe[i])) vs \(String(describing: c.rollingSharpe[i]))")
            #expect(Self.close(volatility[i], c.rollingVolatility[i]), "volatility at \(i)")
        }
        // The fixture must exercise both defined and undefined windows.
        #expect(c.rollingSharpe.contains { $0 == nil } && c.rollingSharpe.contains { $0 != nil })
    }

    @Test("from an equity curve, the derived series equal pandas' on its returns",
          arguments: fixture.cases.filter { !$0.returns.contains { $0 == nil } })
    func fromEquity(c: Case) throws {
        // Equity compounding the fixture's returns, starting one bar before the first return.
        var equity = [100.0]
        for r in c.returns { equity.append(equity.last! * (1 + r!)) }
        let times = [c.timestamps[0] - 3_600_000_000_000] + c.timestamps
        let data = TearsheetData(title: c.name, timestamps: times.map { Timestamp(nanoseconds: $0) }, equity: equity,
                                 periodsPerYear: c.periodsPerYear, rollingWindow: c.window)
        let derived = try TearsheetDerived(data)
        #expect(derived.returns.first! == nil && derived.returns.count == equity.count)
        for (ours, theirs) in zip(derived.monthlyReturns, c.monthly) { #expect(Self.close(ours.value, theirs.value)) }
        for i in c.returns.indices {
            #expect(Self.close(derived.rollingVolatility[i + 1], c.rollingVolatility[i]), "volatility at \(i)")
            #expect(Self.close(derived.rollingSharpe[i + 1], c.rollingSharpe[i], 1e-8), "Sharpe at \(i)")
        }
        // Headline numbers are Returns' (empyrical's) on the same returns.
        let r = try Returns(c.returns.map { $0! }, periodsPerYear: c.periodsPerYear)
        #expect(Self.close(derived.summary.totalReturn, r.totalReturn) && Self.close(derived.summary.sharpe, r.sharpeRatio()))
        #expect(Self.close(derived.summary.valueAtRisk, r.valueAtRisk(cutoff: 0.05)))
        #expect(Self.close(derived.summary.conditionalValueAtRisk, r.conditionalValueAtRisk(cutoff: 0.05)))
        #expect(derived.histogram.counts.reduce(0, +) == c.returns.count && derived.histogram.edges.count == derived.histogram.counts.count + 1)
    }

    @Test("the return histogram matches numpy.histogram with 50 bins", arguments: fixture.cases)
    func histogram(c: Case) {
        let h = TearsheetHistogram(c.returns.compactMap { $0 }, bins: 50)
        #expect(h.counts == c.histogramCounts)
        #expect(h.edges.count == c.histogramEdges.count)
        for (ours, theirs) in zip(h.edges, c.histogramEdges) { #expect(abs(ours - theirs) <= 1e-15, "\(ours) vs \(theirs)") }
    }

    @Test("drawdown is equity over its running peak, skipping missing marks")
    func drawdown() {
        let dd = TearsheetDerived.drawdown(equity: [100, 110, .nan, 99, 121, 60.5])
        #expect(dd[0] == 0 && dd[1] == 0 && dd[2] == nil && dd[4] == 0)
        #expect(Self.close(dd[3], 99.0 / 110 - 1) && Self.close(dd[5], -0.5))
        let r = TearsheetDerived.returns(equity: [100, 110, .nan, 99, 0, 5])
        #expect(r[0] == nil && Self.close(r[1], 0.1) && r[2] == nil && r[3] == nil && Self.close(r[4], -1) && r[5] == nil)
    }

    @Test("inconsistent data is refused, naming the field")
    func malformed() {
        let t = (0..<5).map { Timestamp(seconds: Int64($0) * 86_400) }
        func message(_ data: TearsheetData) -> String? {
            do { try data.validate(); return nil } catch { return error.message }
        }
        var d = TearsheetData(title: "x", timestamps: t, equity: [1, 2, 3, 4, 5])
        #expect(message(d) == nil)
        d.equity = [1, 2, 3]
        #expect(message(d)?.contains("equity: 3 values for 5 timestamps") == true)
        d.equity = [1, 2, 3, 4, 5]
        d.timestamps = [t[0], t[2], t[1], t[3], t[4]]
        #expect(message(d)?.contains("bar 2") == true)
        d.timestamps = t
        d.exposure = [1]
        #expect(message(d)?.contains("exposure") == true)
        d.exposure = []
        d.regimes = TearsheetRegimes(prices: [1, 2, 3, 4, 5], labels: [0, 1, 2, -1, 3], names: ["a", "b", "c"])
        #expect(message(d)?.contains("regimes.labels: bar 4 has label 3") == true)
        d.regimes = TearsheetRegimes(prices: [1, 2], labels: [0, 1, 2, -1, 0], names: ["a", "b", "c"])
        #expect(message(d)?.contains("regimes.prices") == true)
        d.regimes = nil
        d.rollingWindow = 1
        #expect(message(d)?.contains("rollingWindow") == true)
        d.rollingWindow = 63
        d.varLevel = 1
        #expect(message(d)?.contains("varLevel") == true)
        d.varLevel = 0.95
        d.periodsPerYear = .nan
        #expect(message(d)?.contains("periodsPerYear") == true)
        d.periodsPerYear = 252
        d.benchmarkEquity = [1, 2]
        #expect(message(d)?.contains("benchmarkEquity") == true)
        #expect(message(TearsheetData(title: "x", timestamps: [t[0]], equity: [1])) != nil)
        #expect(throws: BacktestError.self) { try Tearsheet.html(TearsheetData(title: "x", timestamps: t, equity: [1])) }
    }
}
