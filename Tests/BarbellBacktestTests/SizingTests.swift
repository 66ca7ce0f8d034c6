@testable import BarbellBacktest
import BarbellData
import Foundation
import Testing

/// Position sizing against numpy/pandas on real returns with NaN-led windows
/// (`Tests/Fixtures/backtest/sizing.py`): volatility target, fractional Kelly and inverse
/// volatility within 1e-12 relative; equal risk contribution against scipy within 1e-6.
@Suite("Position sizing")
struct SizingTests {
    struct Parameters: Decodable {
        let lookback: Int
        let annualTarget, periodsPerYear, volatilityCap, kellyFraction, kellyCap, grossExposure: Double
    }
    struct ERCCase: Decodable { let bar: Int; let held: [Int]; let covariance, weights: [Double] }
    struct Fixture: Decodable {
        let parameters: Parameters
        let returns, signals: [[Double?]]
        let volatilityTarget, kelly, inverseVolatility: [[Double]]
        let equalRiskContribution: [ERCCase]
    }

    static let fixture = BacktestFixture.load(Fixture.self, "sizing.json")
    static var panel: ReturnPanel {
        try! ReturnPanel(bars: fixture.returns.count, symbols: fixture.returns[0].count,
                         values: fixture.returns.flatMap { $0.map { $0 ?? .nan } })
    }
    static func signals(_ t: Int) -> [Double] { fixture.signals[t].map { $0 ?? .nan } }

    static func expectClose(_ got: [Double], _ want: [Double], _ tolerance: Double, _ label: String) {
        #expect(got.count == want.count, "\(label)")
        for (i, (a, b)) in zip(got, want).enumerated() {
            #expect(abs(a - b) <= tolerance * max(abs(b), 1e-300) || a == b, "\(label) symbol \(i): \(a) vs \(b)")
        }
    }

    @Test("volatility target, fractional Kelly and inverse volatility match numpy per bar")
    func matchesNumpy() throws {
        let f = Self.fixture, p = f.parameters, panel = Self.panel
        let rules: [(PositionSizing, [[Double]], String)] = [
            (.volatilityTarget(annualTarget: p.annualTarget, lookback: p.lookback, periodsPerYear: p.periodsPerYear,
                               maxLeverage: p.volatilityCap), f.volatilityTarget, "volatility target"),
            (.fractionalKelly(fraction: p.kellyFraction, lookback: p.lookback, maxLeverage: p.kellyCap), f.kelly, "Kelly"),
            (.inverseVolatility(lookback: p.lookback, grossExposure: p.grossExposure), f.inverseVolatility, "inverse volatility"),
        ]
        for (rule, expected, name) in rules {
            for t in 0..<panel.bars {
                let w = try rule.weights(signals: Self.signals(t), returns: panel, at: t)
                Self.expectClose(w, expected[t], 1e-12, "\(name) bar \(t)")
            }
        }
        // The fixture exercises every branch: NaN windows, caps, Kelly against the signal.
        #expect(f.volatilityTarget.joined().contains { abs($0) == p.volatilityCap })
        #expect(f.kelly.joined().contains { abs($0) == p.kellyCap })
        #expect(f.kelly[p.lookback - 1 ..< panel.bars].contains { row in row.contains { $0 != 0 && abs($0) < p.kellyCap } })
    }

    @Test("precomputed rolling moments give the same weights and match each window's two-pass moments")
    func rollingMoments() throws {
        let f = Self.fixture, p = f.parameters, panel = Self.panel
        let moments = try RollingMoments(panel, lookback: p.lookback)
        let rules: [(PositionSizing, [[Double]])] = [
            (.volatilityTarget(annualTarget: p.annualTarget, lookback: p.lookback, periodsPerYear: p.periodsPerYear,
                               maxLeverage: p.volatilityCap), f.volatilityTarget),
            (.fractionalKelly(fraction: p.kellyFraction, lookback: p.lookback, maxLeverage: p.kellyCap), f.kelly),
            (.inverseVolatility(lookback: p.lookback, grossExposure: p.grossExposure), f.inverseVolatility),
        ]
        for (rule, expected) in rules {
            for t in 0..<panel.bars {
                let w = try rule.weights(signals: Self.signals(t), at: t, moments: moments)
                for (a, b) in zip(w, expected[t]) { #expect(abs(a - b) <= 1e-9 * abs(b), "bar \(t): \(a) vs \(b)") }
            }
        }
        // A long seeded panel with NaN gaps: same availability, values within 1e-9 relative,
        // whatever the distance from the last recomputation.
        var g = SplitMix64(seed: 5)
        let bars = 3000, symbols = 3, lookback = 37
        let values = (0..<bars * symbols).map { _ in g.nextUniform() < 0.003 ? Double.nan : (g.nextUniform() - 0.49) * 0.04 }
        let long = try ReturnPanel(bars: bars, symbols: symbols, values: values)
        let rolling = try RollingMoments(long, lookback: lookback)
        var available = 0
        for t in 0..<bars {
            for j in 0..<symbols {
                let a = rolling.moments(symbol: j, bar: t), b = long.windowMoments(symbol: j, bar: t, lookback: lookback)
                #expect((a == nil) == (b == nil), "bar \(t) symbol \(j)")
                guard let a, let b else { continue }
                available += 1
                #expect(abs(a.mean - b.mean) <= 1e-9 * abs(b.mean) + 1e-17)
                #expect(abs(a.standardDeviation - b.standardDeviation) <= 1e-9 * b.standardDeviation)
            }
        }
        #expect(available > bars * symbols / 2 && available < bars * symbols - symbols * lookback)
        #expect(throws: BacktestError.self) { try RollingMoments(long, lookback: 1) }
        let vol = PositionSizing.volatilityTarget(annualTarget: 0.1, lookback: 20, periodsPerYear: 252, maxLeverage: 1)
        #expect(throws: BacktestError.self) { try vol.weights(signals: [1, 1, 1], at: 100, moments: rolling) }
        #expect(throws: BacktestError.self) { try PositionSizing.equalRiskContribution(lookback: lookback, grossExposure: 1)
            .weights(signals: [1, 1, 1], at: 100, moments: rolling) }
    }

    @Test("equal risk contribution: covariance as numpy, weights as scipy, equal contributions")
    func equalRiskContribution() throws {
        let f = Self.fixture, panel = Self.panel
        let rule = PositionSizing.equalRiskContribution(lookback: f.parameters.lookback, grossExposure: f.parameters.grossExposure)
        #expect(f.equalRiskContribution.count > 10)
        for c in f.equalRiskContribution {
            let s = Self.signals(c.bar)
            let signs = c.held.map { s[$0] > 0 ? 1.0 : -1.0 }
            let cov = try #require(panel.windowCovariance(symbols: c.held, bar: c.bar, lookback: f.parameters.lookback))
            let n = c.held.count
            let signed = (0..<n * n).map { cov[$0] * signs[$0 / n] * signs[$0 % n] }
            Self.expectClose(signed, c.covariance, 1e-12, "covariance bar \(c.bar)")
            let w = try rule.weights(signals: s, returns: panel, at: c.bar)
            for (a, b) in zip(w, c.weights) { #expect(abs(a - b) < 1e-6, "ERC bar \(c.bar): \(a) vs \(b)") }
            #expect(abs(w.reduce(0) { $0 + abs($1) } - f.parameters.grossExposure) < 1e-12)
            let x = c.held.map { abs(w[$0]) }
            let rc = (0..<n).map { i in x[i] * (0..<n).reduce(0) { $0 + signed[i * n + $1] * x[$1] } }
            let total = rc.reduce(0, +)
            for r in rc { #expect(abs(r / total - 1 / Double(n)) < 1e-8) }
        }
    }

    @Test("fixed fraction: ±f on active signals, 0 on zero and NaN, no returns needed")
    func fixedFraction() throws {
        let w = try PositionSizing.fixedFraction(0.1).weights(signals: [2, -0.5, 0, .nan, .infinity], at: 0)
        #expect(w == [0.1, -0.1, 0, 0, 0])
    }

    @Test("degenerate windows: too short, NaN or zero variance")
    func degenerate() throws {
        let panel = try ReturnPanel(columns: [[0.25, 0.25, 0.25], [0.01, .nan, 0.02], [0.01, -0.01, 0.02]])
        let vol = PositionSizing.volatilityTarget(annualTarget: 0.1, lookback: 3, periodsPerYear: 252, maxLeverage: 3)
        // bar 1: window starts before bar 0 → 0; bar 2: flat series hits the cap, NaN window → 0.
        #expect(try vol.weights(signals: [1, 1, 1], returns: panel, at: 1) == [0, 0, 0])
        let w = try vol.weights(signals: [1, 1, -1], returns: panel, at: 2)
        #expect(w[0] == 3 && w[1] == 0 && w[2] < 0)
        let kelly = PositionSizing.fractionalKelly(fraction: 1, lookback: 3, maxLeverage: 2)
        #expect(try kelly.weights(signals: [1, 1, 0], returns: panel, at: 2) == [0, 0, 0])
        let inv = PositionSizing.inverseVolatility(lookback: 3, grossExposure: 2)
        #expect(try inv.weights(signals: [1, 1, -1], returns: panel, at: 2) == [0, 0, -2])
        #expect(try inv.weights(signals: [1, 1, 0], returns: panel, at: 2) == [0, 0, 0])
        let erc = PositionSizing.equalRiskContribution(lookback: 3, grossExposure: 1)
        #expect(try erc.weights(signals: [0, 0, -1], returns: panel, at: 2) == [0, 0, -1])
    }

    @Test("bad parameters and shapes are refused naming the parameter")
    func malformed() throws {
        let panel = try ReturnPanel(columns: [[0.01, 0.02, 0.03]])
        let bad: [(PositionSizing, String)] = [
            (.fixedFraction(0), "fraction"), (.fixedFraction(.nan), "fraction"),
            (.volatilityTarget(annualTarget: -0.1, lookback: 2, periodsPerYear: 252, maxLeverage: 1), "annualTarget"),
            (.volatilityTarget(annualTarget: 0.1, lookback: 1, periodsPerYear: 252, maxLeverage: 1), "lookback"),
            (.volatilityTarget(annualTarget: 0.1, lookback: 2, periodsPerYear: 0, maxLeverage: 1), "periodsPerYear"),
            (.volatilityTarget(annualTarget: 0.1, lookback: 2, periodsPerYear: 252, maxLeverage: .infinity), "maxLeverage"),
            (.fractionalKelly(fraction: 0, lookback: 2, maxLeverage: 1), "fraction"),
            (.fractionalKelly(fraction: 0.5, lookback: 2, maxLeverage: 0), "maxLeverage"),
            (.inverseVolatility(lookback: 0, grossExposure: 1), "lookback"),
            (.equalRiskContribution(lookback: 5, grossExposure: -1), "grossExposure"),
        ]
        for (rule, name) in bad {
            let error = #expect(throws: BacktestError.self) { try rule.weights(signals: [1], returns: panel, at: 2) }
            #expect(error?.code == .invalidArgument && error?.message.contains(name) == true, "\(String(describing: error))")
        }
        let vol = PositionSizing.volatilityTarget(annualTarget: 0.1, lookback: 2, periodsPerYear: 252, maxLeverage: 1)
        #expect(throws: BacktestError(.invalidArgument, "returns: \(vol) needs a return panel")) {
            try vol.weights(signals: [1], at: 2)
        }
        #expect(throws: BacktestError.self) { try vol.weights(signals: [1, 1], returns: panel, at: 2) }
        #expect(throws: BacktestError.self) { try vol.weights(signals: [1], returns: panel, at: 3) }
        #expect(throws: BacktestError.self) { try ReturnPanel(bars: 2, symbols: 2, values: [0, 0, 0]) }
        #expect(throws: BacktestError.self) { try ReturnPanel(bars: 1, symbols: 1, values: [.infinity]) }
        #expect(throws: BacktestError.self) { try ReturnPanel(columns: [[0, 0], [0]]) }
    }
}
