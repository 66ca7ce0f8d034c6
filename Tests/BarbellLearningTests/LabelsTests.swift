import BarbellLearning
import Foundation
import Testing

@Suite("Labels")
struct LabelsTests {
    static let tol = 1e-12

    @Test("the loaded closes are the script's closes")
    func closesMatch() throws {
        let f = try LabelFixture.load()
        #expect(try LabelFixture.closes() == f.close)
    }

    @Test("forward returns (simple and log) and dead-zone direction match the reference")
    func forward() throws {
        let f = try LabelFixture.load(), close = try LabelFixture.closes()
        let h = f.forward.horizon
        let simple = try ForwardReturns.labels(close: close, horizon: h)
        let log = try ForwardReturns.labels(close: close, horizon: h, kind: .log)
        #expect(simple.count == f.forward.simple.count)
        #expect(simple.map(\.index) == Array(0..<(close.count - h)))
        #expect(simple.allSatisfy { $0.span.start == $0.index + 1 && $0.span.end == $0.index + h })
        for (a, b) in zip(simple, f.forward.simple) { #expect(abs(a.value - b) <= Self.tol) }
        for (a, b) in zip(log, f.forward.log) { #expect(abs(a.value - b) <= Self.tol) }
        #expect(try ForwardReturns.directions(simple, deadZone: f.forward.deadZone) == f.forward.direction)
    }

    @Test("direction: the dead zone is inclusive")
    func deadZone() throws {
        #expect(try ForwardReturns.direction(0.01, deadZone: 0.01) == 0)
        #expect(try ForwardReturns.direction(-0.01, deadZone: 0.01) == 0)
        #expect(try ForwardReturns.direction(0.0100001, deadZone: 0.01) == 1)
        #expect(try ForwardReturns.direction(-0.0100001, deadZone: 0.01) == -1)
        #expect(throws: LearningError.self) { try ForwardReturns.direction(.nan, deadZone: 0.01) }
        #expect(throws: LearningError.self) { try ForwardReturns.direction(0.1, deadZone: -1) }
    }

    @Test("EWM volatility matches pandas ewm(span=20).std() of one-bar returns")
    func volatility() throws {
        let f = try LabelFixture.load(), close = try LabelFixture.closes()
        let sigma = try EWMVolatility.ofReturns(close: close, span: 20)
        #expect(sigma.count == f.volatility20.count)
        for (i, (a, b)) in zip(sigma, f.volatility20).enumerated() {
            if let b { #expect(abs(a - b) <= Self.tol, "bar \(i)") } else { #expect(a.isNaN, "bar \(i)") }
        }
    }

    @Test("EWM std of a constant series is 0, of two values the sample std")
    func volatilityClosedForm() throws {
        let c = try EWMVolatility.std([3, 3, 3, 3], span: 5)
        #expect(c[0].isNaN && c[1...].allSatisfy { $0 == 0 })
        // Two observations, weights (1−α, 1): the unbiased weighted std of {0, 1} is 1/√2 for any α.
        #expect(abs(try EWMVolatility.std([0, 1], span: 7)[1] - 0.5.squareRoot()) <= Self.tol)
    }

    static func check(_ got: [TripleBarrierLabel], _ want: LabelFixture.Labels) {
        #expect(got.count == want.event.count)
        guard got.count == want.event.count else { return }
        #expect(got.map(\.event) == want.event)
        #expect(got.map(\.touch) == want.touch)
        #expect(got.map(\.barrier.rawValue) == want.barrier)
        #expect(got.map(\.label) == want.label)
        #expect(got.map(\.span.start) == want.spanStart)
        #expect(got.map(\.span.end) == want.spanEnd)
        for (k, g) in got.enumerated() {
            #expect(abs(g.ret - want.ret[k]) <= tol, "event \(g.event)")
            #expect(abs(g.volatility - want.volatility[k]) <= tol, "event \(g.event)")
        }
    }

    @Test("triple barrier, symmetric barriers, default events: labels match the AFML transcription")
    func tripleSymmetric() throws {
        let f = try LabelFixture.load(), close = try LabelFixture.closes(), c = f.tripleA.config
        let config = TripleBarrierConfig(profitTake: c.pt, stopLoss: c.sl, horizon: c.h, volatilitySpan: c.span, warmUp: c.warmUp)
        Self.check(try TripleBarrier.labels(close: close, config: config), f.tripleA.labels)
    }

    @Test("triple barrier, stop loss off, 0 at the vertical barrier")
    func tripleUpperOnly() throws {
        let f = try LabelFixture.load(), close = try LabelFixture.closes(), c = f.tripleB.config
        let config = TripleBarrierConfig(profitTake: c.pt, stopLoss: c.sl, horizon: c.h, volatilitySpan: c.span,
                                         warmUp: c.warmUp, verticalLabel: .zero)
        let got = try TripleBarrier.labels(close: close, config: config)
        #expect(!got.contains { $0.barrier == .stopLoss })
        Self.check(got, f.tripleB.labels)
    }

    @Test("meta-labels for a momentum side on every third bar")
    func metaLabels() throws {
        let f = try LabelFixture.load(), close = try LabelFixture.closes(), c = f.metaC.config
        let events = try #require(f.metaC.events)
        // The side is an input: the sign of the 5-bar change, as in the script.
        let side = events.map { close[$0] >= close[$0 - 5] ? 1 : -1 }
        #expect(side == f.metaC.side)
        let config = TripleBarrierConfig(profitTake: c.pt, stopLoss: c.sl, horizon: c.h, volatilitySpan: c.span)
        let got = try TripleBarrier.labels(close: close, config: config, events: events, side: side)
        #expect(got.allSatisfy { $0.label == ($0.ret > 0 ? 1 : 0) })
        Self.check(got, f.metaC.labels)
    }

    @Test("a label reads only its event bar and its span: changing later closes leaves it as it was")
    func noReadPastSpan() throws {
        let close = try LabelFixture.closes()
        let config = TripleBarrierConfig(profitTake: 1, stopLoss: 1, horizon: 10, volatilitySpan: 20)
        let labels = try TripleBarrier.labels(close: close, config: config)
        for label in labels where label.event % 37 == 0 && label.touch + 1 < close.count {
            var changed = close
            for i in (label.touch + 1)..<close.count { changed[i] *= 3 }
            let again = try TripleBarrier.labels(close: changed, config: config, events: [label.event])
            #expect(again == [label], "event \(label.event)")
        }
    }

    @Test("concurrency, average uniqueness and return attribution of the symmetric labels")
    func weights() throws {
        let f = try LabelFixture.load(), close = try LabelFixture.closes(), c = f.tripleA.config
        let config = TripleBarrierConfig(profitTake: c.pt, stopLoss: c.sl, horizon: c.h, volatilitySpan: c.span, warmUp: c.warmUp)
        let spans = try TripleBarrier.labels(close: close, config: config).map(\.span)
        #expect(try SampleWeights.concurrency(spans: spans, barCount: close.count) == f.weightsA.concurrency)
        let u = try SampleWeights.averageUniqueness(spans: spans, barCount: close.count)
        #expect(u.count == f.weightsA.uniqueness.count)
        for (a, b) in zip(u, f.weightsA.uniqueness) { #expect(abs(a - b) <= Self.tol) }
        let w = try SampleWeights.returnAttribution(spans: spans, close: close)
        #expect(w.count == f.weightsA.attribution.count)
        for (a, b) in zip(w, f.weightsA.attribution) { #expect(abs(a - b) <= Self.tol) }
    }

    @Test("uniqueness closed forms: disjoint spans 1, k identical spans 1/k")
    func uniquenessClosedForm() throws {
        let disjoint = [try LabelSpan(start: 0, end: 1), try LabelSpan(start: 2, end: 4)]
        #expect(try SampleWeights.averageUniqueness(spans: disjoint, barCount: 5) == [1, 1])
        let same = Array(repeating: try LabelSpan(start: 1, end: 3), count: 4)
        #expect(try SampleWeights.averageUniqueness(spans: same, barCount: 5) == [0.25, 0.25, 0.25, 0.25])
        #expect(try SampleWeights.concurrency(spans: same, barCount: 5) == [0, 4, 4, 4, 0])
    }
}
