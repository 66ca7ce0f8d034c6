import BarbellLearning
import Testing

@Suite("Label errors")
struct LabelsErrorTests {
    static let close: [Double] = [100, 101, 99, 102, 103, 101, 104, 105, 103, 106]

    /// The code of the error `body` throws (nil when it succeeds); a non-`LearningError` reads as
    /// nil too, so `== .someCode` still fails on it.
    static func code(_ body: () throws -> Void) -> LearningError.Code? {
        do { try body() } catch { return (error as? LearningError)?.code }
        return nil
    }

    @Test("forward returns refuse h = 0, too few rows, NaN and non-positive closes")
    func forward() {
        #expect(Self.code { _ = try ForwardReturns.labels(close: Self.close, horizon: 0) } == .invalidArgument)
        #expect(Self.code { _ = try ForwardReturns.labels(close: [1, 2, 3], horizon: 3) } == .insufficientData)
        #expect(Self.code { _ = try ForwardReturns.labels(close: [1, .nan, 3], horizon: 1) } == .nonFinite)
        #expect(Self.code { _ = try ForwardReturns.labels(close: [1, 0, 3], horizon: 1) } == .invalidArgument)
        #expect(Self.code { _ = try ForwardReturns.labels(close: [], horizon: 1) } == .insufficientData)
    }

    @Test("a non-finite close names its bar")
    func namesBar() {
        do {
            _ = try ForwardReturns.labels(close: [1, 2, .infinity, 4], horizon: 1)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("bar 2"))
        }
    }

    @Test("triple barrier refuses bad configs, events and sides")
    func triple() {
        let ok = TripleBarrierConfig(profitTake: 1, stopLoss: 1, horizon: 2, volatilitySpan: 3)
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: ok) } == nil)
        var bad = ok; bad.horizon = 0
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: bad) } == .invalidArgument)
        bad = ok; bad.profitTake = -1
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: bad) } == .invalidArgument)
        bad = ok; bad.stopLoss = .nan
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: bad) } == .invalidArgument)
        bad = ok; bad.volatilitySpan = 0
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: bad) } == .invalidArgument)
        bad = ok; bad.warmUp = 8
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: bad) } == .insufficientData)
        // Event 8's vertical barrier (bar 10) is past the last bar (9); event 1 has no σ yet.
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: ok, events: [3, 8]) } == .insufficientData)
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: ok, events: [1]) } == .insufficientData)
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: ok, events: [3, 4], side: [1]) } == .shapeMismatch)
        #expect(Self.code { _ = try TripleBarrier.labels(close: Self.close, config: ok, events: [3], side: [0]) } == .invalidArgument)
        #expect(Self.code { _ = try TripleBarrier.labels(close: [1, 2, .nan, 4, 5], config: ok) } == .nonFinite)
    }

    @Test("both horizontal barriers off: every label ends at the vertical barrier")
    func verticalOnly() throws {
        let config = TripleBarrierConfig(profitTake: 0, stopLoss: 0, horizon: 3, volatilitySpan: 3)
        let got = try TripleBarrier.labels(close: Self.close, config: config)
        #expect(got.allSatisfy { $0.barrier == .vertical && $0.touch == $0.event + 3 })
        #expect(got.allSatisfy { $0.label == ($0.ret > 0 ? 1 : -1) })
    }

    @Test("sample weights refuse spans past the data and a span at bar 0")
    func weights() throws {
        let span = try LabelSpan(start: 0, end: 4)
        #expect(Self.code { _ = try SampleWeights.concurrency(spans: [span], barCount: 4) } == .shapeMismatch)
        #expect(Self.code { _ = try SampleWeights.concurrency(spans: [span], barCount: -1) } == .invalidArgument)
        #expect(Self.code { _ = try SampleWeights.returnAttribution(spans: [span], close: Self.close) } == .invalidArgument)
        let flat = try LabelSpan(start: 1, end: 2)
        #expect(Self.code { _ = try SampleWeights.returnAttribution(spans: [flat], close: [5, 5, 5]) } == .insufficientData)
        #expect(try SampleWeights.returnAttribution(spans: [], close: [5, 5, 5]).isEmpty)
        #expect(Self.code { _ = try SampleWeights.returnAttribution(spans: [flat], close: [5, .nan, 5]) } == .nonFinite)
    }
}
