import BarbellData
import BarbellQuant
@testable import BarbellRegimes
import Foundation
import Testing

extension RegimeFixture {
    /// `changepoints.py`: independent NumPy/SciPy implementations of each detector.
    static let changepoints = load("changepoints.json")
}

/// Bit-for-bit equality of two Double arrays (NaN equal to NaN), for batch-versus-stream checks.
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}

func alarmCode(_ d: ChangeDirection?) -> Double { d == .up ? 1 : (d == .down ? -1 : 0) }

@Suite("Change points and anomalies against NumPy/SciPy references")
struct ChangePointReferenceTests {
    static let fx = RegimeFixture.changepoints
    static let x = fx.vector("planted", "x")

    static func sp500Returns() throws -> [Double] {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
        let series = try MarketFile.loadBars(samples.appendingPathComponent("arch_sp500.csv.gz").path)[0]
        let p = try #require(series.adjClose)
        return (1..<p.count).map { log(p[$0] / p[$0 - 1]) }
    }

    // Tolerances: every reference repeats the same arithmetic in float64, so only the order of
    // summation and libm differ (≈1e-15 relative); 1e-12 leaves room for a few hundred chained
    // operations. The BOCPD posterior goes through lgamma in both Student-t densities and
    // log-sum-exp over hundreds of runs, compared to 1e-10 absolute as the issue asks.

    @Test("robust z-score: median and SciPy's normal-scaled MAD of the 20 bars before each bar")
    func robustZ() throws {
        let signals = try RobustZScore.detect(Self.x, window: 20, threshold: 3.5)
        #expect(signals.prefix(20).allSatisfy { $0.score.isNaN && !$0.isAnomaly })
        let tail = Array(signals.dropFirst(20))
        #expect(relativeError(tail.map(\.score), Self.fx.vector("robust_z", "score")) < 1e-12)
        #expect(relativeError(tail.map(\.median), Self.fx.vector("robust_z", "median")) < 1e-12)
        #expect(relativeError(tail.map(\.scale), Self.fx.vector("robust_z", "scale")) < 1e-12)
        #expect(tail.map(\.isAnomaly) == Self.fx.vector("robust_z", "score").map { abs($0) > 3.5 })
    }

    @Test("Lee-Mykland: statistic, C_n, S_n, beta* and the jumps flagged", arguments: ["planted", "sp500"])
    func leeMykland(_ data: String) throws {
        let r = data == "planted" ? Self.x : try Self.sp500Returns()
        let name = "lee_mykland_\(data)"
        let test = try LeeMyklandJumpTest(window: 16, sampleSize: r.count, significance: 0.01)
        #expect(abs(test.centering - Self.fx.number(name, "cn")) < 1e-13)
        #expect(abs(test.scaling - Self.fx.number(name, "sn")) < 1e-14)
        #expect(abs(test.criticalValue - Self.fx.number(name, "beta")) < 1e-13)
        let signals = try LeeMyklandJumpTest.detect(r, window: 16, significance: 0.01)
        #expect(signals.prefix(15).allSatisfy { $0.statistic.isNaN && !$0.isJump })
        #expect(relativeError(signals.dropFirst(15).map(\.statistic), Self.fx.vector(name, "statistic")) < 1e-12)
        let jumps = signals.indices.filter { signals[$0].isJump }.map(Double.init)
        #expect(jumps == Self.fx.vector(name, "jumps"))
        #expect(!jumps.isEmpty)
    }

    @Test("CUSUM: upper and lower sums and alarms, self-starting and with a fixed target",
          arguments: ["cusum_self_starting", "cusum_target"])
    func cusum(_ name: String) throws {
        let signals = try CUSUMDetector.detect(Self.x, drift: 0.5, threshold: 8,
                                               target: name == "cusum_target" ? 0 : nil, burnIn: 20)
        #expect(relativeError(signals.map(\.upper), Self.fx.vector(name, "upper")) < 1e-12)
        #expect(relativeError(signals.map(\.lower), Self.fx.vector(name, "lower")) < 1e-12)
        #expect(signals.map { alarmCode($0.alarm) } == Self.fx.vector(name, "alarm"))
    }

    @Test("Page-Hinkley: cumulative deviations and alarms")
    func pageHinkley() throws {
        let signals = try PageHinkleyDetector.detect(Self.x, delta: 0.5, lambda: 10, minimumInstances: 20)
        #expect(relativeError(signals.map(\.upper), Self.fx.vector("page_hinkley", "upper")) < 1e-12)
        #expect(relativeError(signals.map(\.lower), Self.fx.vector("page_hinkley", "lower")) < 1e-12)
        #expect(signals.map { alarmCode($0.alarm) } == Self.fx.vector("page_hinkley", "alarm"))
    }

    @Test("BOCPD: run-length posterior (1e-10), MAP run length, change probability and evidence")
    func bocpd() throws {
        let prior = try NormalGammaPrior(mean: 0, kappa: 1, alpha: 1, beta: 1)
        var detector = try BayesianOnlineChangePoint(hazard: 1.0 / 100, prior: prior, truncation: 1e-12, changeWindow: 5)
        var worst = 0.0, snapshots = 0
        var signals: [BayesianOnlineChangePoint.Signal] = []
        for (t, xt) in Self.x.enumerated() {
            signals.append(try detector.update(xt))
            let reference = Self.fx.vector("bocpd", "posterior_\(t)")
            guard !reference.isEmpty else { continue }
            snapshots += 1
            var dense = [Double](repeating: 0, count: reference.count)
            for (r, p) in zip(detector.runLengths, detector.probabilities) { dense[r] = p }
            worst = max(worst, zip(dense, reference).map { abs($0 - $1) }.max()!)
            #expect(abs(detector.probabilities.reduce(0, +) - 1) < 1e-12)
        }
        #expect(snapshots == 10)
        #expect(worst < 1e-10)
        #expect(signals.map { Double($0.mapRunLength) } == Self.fx.vector("bocpd", "map"))
        let change = Self.fx.vector("bocpd", "change")
        #expect(zip(signals.map(\.changeProbability), change).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(relativeError(signals.map(\.logEvidence), Self.fx.vector("bocpd", "evidence")) < 1e-10)
        // The mean shift at bar 200 moves the MAP run length back to (near) zero within a few bars.
        #expect(signals[200...205].contains { $0.mapRunLength <= 5 })
    }
}
