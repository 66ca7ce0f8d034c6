import BarbellQuant
@testable import BarbellRegimes
import Testing

@Suite("Change-point detectors: batch equals stream, bad input")
struct ChangePointStreamingTests {
    static let x = RegimeFixture.changepoints.vector("planted", "x")

    @Test("every batch function is exactly the bar-by-bar stream (bit for bit)")
    func batchIsStream() throws {
        var z = try RobustZScore(window: 20, threshold: 3.5)
        let zs = try Self.x.map { try z.update($0) }
        let zb = try RobustZScore.detect(Self.x, window: 20, threshold: 3.5)
        #expect(sameBits(zs.map(\.score), zb.map(\.score)) && sameBits(zs.map(\.scale), zb.map(\.scale)))
        #expect(zs.map(\.isAnomaly) == zb.map(\.isAnomaly))

        var lm = try LeeMyklandJumpTest(window: 16, sampleSize: Self.x.count)
        let ls = try Self.x.map { try lm.update($0) }
        let lb = try LeeMyklandJumpTest.detect(Self.x, window: 16)
        #expect(sameBits(ls.map(\.statistic), lb.map(\.statistic)) && sameBits(ls.map(\.normalized), lb.map(\.normalized)))
        #expect(ls.map(\.isJump) == lb.map(\.isJump))

        var cu = try CUSUMDetector(drift: 0.5, threshold: 8)
        #expect(try Self.x.map { try cu.update($0) } == CUSUMDetector.detect(Self.x, drift: 0.5, threshold: 8))

        var ph = try PageHinkleyDetector(delta: 0.5, lambda: 10)
        #expect(try Self.x.map { try ph.update($0) } == PageHinkleyDetector.detect(Self.x, delta: 0.5, lambda: 10))

        let prior = try NormalGammaPrior()
        var bo = try BayesianOnlineChangePoint(hazard: 0.01, prior: prior)
        let bs = try Self.x.map { try bo.update($0) }
        let bb = try BayesianOnlineChangePoint.detect(Self.x, hazard: 0.01, prior: prior)
        #expect(sameBits(bs.map(\.changeProbability), bb.map(\.changeProbability)))
        #expect(sameBits(bs.map(\.logEvidence), bb.map(\.logEvidence)))
        #expect(bs.map(\.mapRunLength) == bb.map(\.mapRunLength) && bs.map(\.isChange) == bb.map(\.isChange))
    }

    @Test("the BOCPD posterior stays normalised and truncation bounds the number of run lengths kept")
    func truncation() throws {
        var kept = try BayesianOnlineChangePoint(hazard: 0.01, prior: NormalGammaPrior(), truncation: 1e-6)
        var full = try BayesianOnlineChangePoint(hazard: 0.01, prior: NormalGammaPrior(), truncation: 0)
        for xt in Self.x {
            _ = try kept.update(xt)
            _ = try full.update(xt)
        }
        #expect(full.runLengths == Array(0...Self.x.count))
        #expect(kept.runLengths.count < full.runLengths.count / 2)
        #expect(kept.probabilities.allSatisfy { $0 >= 1e-6 * 0.999 })
        // Dropping runs below 1e-6 moves the surviving posterior by little more than the mass dropped.
        let dense = Dictionary(uniqueKeysWithValues: zip(full.runLengths, full.probabilities))
        for (r, p) in zip(kept.runLengths, kept.probabilities) { #expect(abs(p - dense[r]!) < 1e-4) }
    }

    @Test("NaN and infinity are rejected with their index, batch and stream alike")
    func nonFinite() throws {
        var series = Array(Self.x.prefix(60))
        series[37] = .nan
        let prior = try NormalGammaPrior()
        let runs: [() throws -> Void] = [
            { _ = try RobustZScore.detect(series, window: 20) },
            { _ = try LeeMyklandJumpTest.detect(series, window: 16) },
            { _ = try CUSUMDetector.detect(series) },
            { _ = try PageHinkleyDetector.detect(series) },
            { _ = try BayesianOnlineChangePoint.detect(series, prior: prior) },
        ]
        for run in runs {
            let error = #expect(throws: RegimeError.self) { try run() }
            #expect(error?.code == .nonFinite)
            #expect(error?.message.contains("observation 37") == true)
        }
        var stream = try CUSUMDetector()
        _ = try stream.update(1)
        #expect(throws: RegimeError(.nonFinite, "CUSUMDetector: observation 1 is inf; expected a finite number")) {
            try stream.update(.infinity)
        }
    }

    @Test("invalid parameters are rejected with invalid-argument")
    func invalidParameters() throws {
        let prior = try NormalGammaPrior()
        let bad: [() throws -> Void] = [
            { _ = try RobustZScore(window: 1) },
            { _ = try RobustZScore(window: 20, threshold: 0) },
            { _ = try RobustZScore(window: 20, threshold: .nan) },
            { _ = try LeeMyklandJumpTest(window: 2, sampleSize: 100) },
            { _ = try LeeMyklandJumpTest(window: 16, sampleSize: 1) },
            { _ = try LeeMyklandJumpTest(window: 16, sampleSize: 100, significance: 1) },
            { _ = try CUSUMDetector(drift: -0.1) },
            { _ = try CUSUMDetector(threshold: 0) },
            { _ = try CUSUMDetector(target: .nan) },
            { _ = try CUSUMDetector(burnIn: 0) },
            { _ = try PageHinkleyDetector(delta: -1) },
            { _ = try PageHinkleyDetector(lambda: 0) },
            { _ = try PageHinkleyDetector(minimumInstances: 0) },
            { _ = try BayesianOnlineChangePoint(hazard: 0, prior: prior) },
            { _ = try BayesianOnlineChangePoint(hazard: 1, prior: prior) },
            { _ = try BayesianOnlineChangePoint(hazard: 0.01, prior: prior, truncation: 1) },
            { _ = try BayesianOnlineChangePoint(hazard: 0.01, prior: prior, changeWindow: 0) },
            { _ = try BayesianOnlineChangePoint(hazard: 0.01, prior: prior, alarmThreshold: 1) },
            { _ = try NormalGammaPrior(kappa: 0) },
            { _ = try NormalGammaPrior(alpha: -1) },
            { _ = try NormalGammaPrior(beta: .infinity) },
        ]
        for (i, make) in bad.enumerated() {
            let error = #expect(throws: RegimeError.self, "case \(i)") { try make() }
            #expect(error?.code == .invalidArgument, "case \(i)")
        }
        let error = #expect(throws: RegimeError.self) { try RobustZScore(window: 1) }
        #expect(error?.message == "RobustZScore: window = 1; expected an integer ≥ 2")
    }

    @Test("constant windows: zero MAD scores the median 0 and anything else as infinite")
    func zeroMAD() throws {
        let s = try RobustZScore.detect([1, 1, 1, 1, 2], window: 3)
        #expect(s[3].score == 0 && !s[3].isAnomaly)
        #expect(s[4].score == .infinity && s[4].isAnomaly)
    }
}
