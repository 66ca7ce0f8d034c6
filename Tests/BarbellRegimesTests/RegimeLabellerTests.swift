import BarbellQuant
import Testing
@testable import BarbellRegimes

@Suite("Regime labelling rules")
struct RegimeLabellerTests {
    typealias S = RegimeStateStatistics
    static func stats(_ r: Double, _ v: Double, dd: Double = 0.02, entry: Double = 0) -> S {
        S(annualisedReturn: r, annualisedVolatility: v, drawdown: dd, trend: v > 0 ? r / v : 0, stressEntryShare: entry)
    }

    // One constructed state per label, each just inside its rule's thresholds.
    @Test("each label from constructed statistics")
    func eachLabel() {
        #expect(RegimeLabeller.label(Self.stats(0.15, 0.10)) == .bull)
        #expect(RegimeLabeller.label(Self.stats(-0.20, 0.20)) == .bear)
        #expect(RegimeLabeller.label(Self.stats(0.01, 0.12)) == .sideways)
        #expect(RegimeLabeller.label(Self.stats(0.02, 0.30)) == .volatile)
        #expect(RegimeLabeller.label(Self.stats(-0.50, 0.60)) == .crisis)
        #expect(RegimeLabeller.label(Self.stats(0.20, 0.18, entry: 0.8)) == .recovery)
        #expect(RegimeLabeller.label(Self.stats(0.20, 0.18, dd: 0.15)) == .recovery)
    }

    // Edge cases at the thresholds: the rule order and the inclusive bounds.
    @Test("thresholds are inclusive and the rule order decides overlaps")
    func edges() {
        // Exactly at crisis volatility with a loss: Crisis, not Bear.
        #expect(RegimeLabeller.label(Self.stats(-0.01, RegimeLabeller.crisisVolatility)) == .crisis)
        // High volatility with a gain is Volatile, not Crisis.
        #expect(RegimeLabeller.label(Self.stats(0.01, 0.50)) == .volatile)
        // Deep drawdown with bear-like losses at modest volatility: Crisis by the drawdown arm.
        #expect(RegimeLabeller.label(Self.stats(RegimeLabeller.bearReturn, 0.2, dd: RegimeLabeller.crisisDrawdown)) == .crisis)
        // Bull-level return inside noise (trend < minimumTrend): Sideways.
        #expect(RegimeLabeller.label(S(annualisedReturn: 0.09, annualisedVolatility: 0.2, drawdown: 0, trend: 0.29)) == .sideways)
        // Entry share just below the threshold: stays Bull.
        #expect(RegimeLabeller.label(Self.stats(0.15, 0.10, entry: 0.74)) == .bull)
        // Recovery outranks Volatile (a violent rebound is still a recovery).
        #expect(RegimeLabeller.label(Self.stats(0.30, 0.35, entry: 0.8)) == .recovery)
        // Zero volatility: trend 0, Sideways.
        #expect(RegimeLabeller.label(S(annualisedReturn: 0, annualisedVolatility: 0, drawdown: 0, trend: 0)) == .sideways)
    }

    // The transition structure fills the entry share: a gaining state entered only from a crisis
    // state is Recovery; a gaining state entered only from a sideways state is Bull. Closed form:
    // state 2 is entered from state 1 (crisis) only, so its share is exactly 1; state 0 only from 2.
    @Test("Recovery from the transition structure")
    func recoveryFromTransitions() throws {
        let s = [Self.stats(0.15, 0.10), Self.stats(-0.6, 0.7), Self.stats(0.25, 0.2), Self.stats(0.0, 0.1)]
        let a: [[Double]] = [[0.97, 0.02, 0.0, 0.01], [0.0, 0.9, 0.1, 0.0], [0.05, 0.0, 0.95, 0.0], [0.02, 0.0, 0.0, 0.98]]
        let (labels, filled) = try RegimeLabeller.label(s, transitionMatrix: a)
        #expect(labels == [.bull, .crisis, .recovery, .sideways])
        #expect(filled[2].stressEntryShare == 1)
        #expect(filled[0].stressEntryShare == 0)
        let pi = RegimeLabeller.stationaryDistribution(a)
        for j in 0..<4 { #expect(abs((0..<4).reduce(0) { $0 + pi[$1] * a[$1][j] } - pi[j]) < 1e-12) }
    }

    // Statistics from returns: a closed-form two-state path (alternating constant blocks).
    @Test("state statistics from returns and a path")
    func statistics() throws {
        let r = [0.01, 0.01, -0.02, -0.02, 0.01, 0.03]
        let path = [0, 0, 1, 1, 0, 0]
        let s = try RegimeStateStatistics.compute(returns: r, path: path, states: 2, periodsPerYear: 252)
        #expect(abs(s[0].annualisedReturn - 0.015 * 252) < 1e-12)
        #expect(s[1].annualisedVolatility == 0 && s[1].trend == 0)
        // Wealth 1.0201 peak, then 0.99970…, 0.97971…: mean depth of state 1 = (0.02 + 1 − 0.98²)/2.
        #expect(abs(s[1].drawdown - (0.02 + (1 - 0.98 * 0.98)) / 2) < 1e-12)
        // Trailing peak over 2 prices: 1, 1.1, 0.99, 0.891 → depths 0, 0.1, 1 − 0.891/0.99 = 0.1.
        let w = try RegimeStateStatistics.compute(returns: [0.1, -0.1, -0.1], path: [0, 0, 0], states: 1, drawdownWindow: 2)
        #expect(abs(w[0].drawdown - 0.2 / 3) < 1e-12)
        let all = try RegimeStateStatistics.compute(returns: [0.1, -0.1, -0.1], path: [0, 0, 0], states: 1)
        #expect(abs(all[0].drawdown - (0.1 + (1 - 0.891 / 1.1)) / 3) < 1e-12)
    }

    @Test("bad input is rejected with the right code")
    func badInput() {
        #expect(throws: QuantError.self) { try RegimeStateStatistics.compute(returns: [0.1], path: [0, 0], states: 1) }
        do { _ = try RegimeStateStatistics.compute(returns: [.nan, 0], path: [0, 0], states: 1); Issue.record("no throw") }
        catch let e as QuantError { #expect(e.code == .nonFinite) } catch { Issue.record("\(error)") }
        do { _ = try RegimeStateStatistics.compute(returns: [0.1, 0.2, 0.1], path: [0, 0, 1], states: 2); Issue.record("no throw") }
        catch let e as QuantError { #expect(e.code == .insufficientData) } catch { Issue.record("\(error)") }
        do { _ = try RegimeStateStatistics.compute(returns: [0.1, 0.2], path: [0, 2], states: 2); Issue.record("no throw") }
        catch let e as QuantError { #expect(e.code == .invalidArgument) } catch { Issue.record("\(error)") }
        do { _ = try RegimeLabeller.label([Self.stats(0, 0.1)], transitionMatrix: [[0.5, 0.5]]); Issue.record("no throw") }
        catch let e as QuantError { #expect(e.code == .shapeMismatch) } catch { Issue.record("\(error)") }
        do { _ = try RegimeLabeller.label([Self.stats(.nan, 0.1)], transitionMatrix: [[1]]); Issue.record("no throw") }
        catch let e as QuantError { #expect(e.code == .nonFinite) } catch { Issue.record("\(error)") }
    }
}
