import BarbellData
import Foundation
import Testing
@testable import BarbellBacktest

/// The stationary bootstrap: arch's automatic block lengths, Politis-Romano resampling (circular
/// blocks, seeded, thread-count independent), and intervals that cover and agree with arch's.
@Suite("Stationary bootstrap")
struct BootstrapTests {
    struct Fixture: Decodable {
        struct Series: Decodable { let name: String; let values: [Double]; let stationary, circular: Double }
        struct Statistic: Decodable { let statistic: String; let lower, upper, estimate: Double }
        struct Interval: Decodable { let values: [Double]; let blockLength: Double; let resamples: Int; let confidence: Double; let statistics: [Statistic] }
        let library: String
        let blockLengths: [Series]
        let interval: Interval
    }

    static let fixture = BacktestFixture.load(Fixture.self, "bootstrap.json")

    @Test("optimal block lengths equal arch's within 1e-9")
    func blockLengthsMatchArch() throws {
        for s in Self.fixture.blockLengths {
            let b = try StationaryBootstrap.optimalBlockLength(s.values)
            #expect(abs(b.stationary - s.stationary) <= 1e-9 * max(1, s.stationary), "\(s.name): \(b.stationary) vs \(s.stationary)")
            #expect(abs(b.circular - s.circular) <= 1e-9 * max(1, s.circular), "\(s.name): \(b.circular) vs \(s.circular)")
        }
    }

    static func normals(_ n: Int, mean: Double, sd: Double, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<n).map { _ in
            let u1 = 1 - g.nextUniform(), u2 = g.nextUniform()
            return mean + sd * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
    }

    @Test("the same seed gives bit-identical resamples however they are scheduled; another seed differs")
    func determinism() throws {
        let x = Self.normals(300, mean: 0.001, sd: 0.01, seed: 1)
        let b = try StationaryBootstrap(expectedBlockLength: 7, seed: 99)
        let parallel = try b.distribution(of: x, resamples: 203) { Returns.sharpeRatio(of: $0, periodsPerYear: 252) }
        let again = try b.distribution(of: x, resamples: 203) { Returns.sharpeRatio(of: $0, periodsPerYear: 252) }
        let serial = (0..<203).map { Returns.sharpeRatio(of: b.resample(x, index: $0), periodsPerYear: 252) }
        #expect(parallel.map(\.bitPattern) == again.map(\.bitPattern))
        #expect(parallel.map(\.bitPattern) == serial.map(\.bitPattern))
        let other = try StationaryBootstrap(expectedBlockLength: 7, seed: 100).distribution(of: x, resamples: 203) {
            Returns.sharpeRatio(of: $0, periodsPerYear: 252)
        }
        #expect(other != parallel)
    }

    @Test("blocks run on circularly: with a huge block length a resample is the series rotated")
    func circularBlocks() throws {
        let n = 50
        let b = try StationaryBootstrap(expectedBlockLength: 1e12, seed: 5)
        var wrapped = 0
        for k in 0..<20 {
            let idx = b.indices(count: n, resample: k)
            #expect(idx.count == n)
            for i in 1..<n { #expect(idx[i] == (idx[i - 1] + 1) % n) }
            if idx[0] > 0 { wrapped += 1 }
        }
        #expect(wrapped > 0)
    }

    @Test("blocks restart with probability 1 / block length")
    func restartRate() throws {
        let n = 1000, length = 5.0
        let b = try StationaryBootstrap(expectedBlockLength: length, seed: 11)
        var breaks = 0, steps = 0
        for k in 0..<100 {
            let idx = b.indices(count: n, resample: k)
            for i in 1..<n where idx[i] != (idx[i - 1] + 1) % n { breaks += 1 }
            steps += n - 1
        }
        // A restart lands on the consecutive position with probability 1/n, so breaks occur at p(1 − 1/n).
        let p = 1 / length * (1 - 1 / Double(n)), rate = Double(breaks) / Double(steps)
        let sd = (p * (1 - p) / Double(steps)).squareRoot()
        #expect(abs(rate - p) < 5 * sd, "break rate \(rate) vs \(p)")
    }

    @Test("the mean of resampled means is the sample mean (circular blocks are unbiased for the mean)")
    func meanOfMeans() throws {
        let x = Self.normals(400, mean: 0.002, sd: 0.02, seed: 3)
        let sampleMean = x.reduce(0, +) / Double(x.count)
        let means = try StationaryBootstrap(expectedBlockLength: 10, seed: 8).distribution(of: x, resamples: 2000) {
            $0.reduce(0, +) / Double($0.count)
        }
        let average = means.reduce(0, +) / Double(means.count)
        let spread = (means.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(means.count - 1)).squareRoot()
        #expect(abs(average - sampleMean) < 4 * spread / Double(means.count).squareRoot(), "\(average) vs \(sampleMean)")
    }

    @Test("95% intervals for the Sharpe ratio of iid normal returns cover the true Sharpe in about 95% of 200 runs")
    func coverage() throws {
        let mean = 0.0005, sd = 0.01, truth = mean / sd * 252.0.squareRoot()
        var covered = 0
        for run in 0..<200 {
            let x = Self.normals(250, mean: mean, sd: sd, seed: 1000 + UInt64(run))
            // Block length 1 (the iid bootstrap) is right for iid data.
            let ci = try StationaryBootstrap(expectedBlockLength: 1, seed: UInt64(run)).interval(of: x, resamples: 400) {
                Returns.sharpeRatio(of: $0, periodsPerYear: 252)
            }
            if ci.lower <= truth, truth <= ci.upper { covered += 1 }
        }
        // Binomial(200, 0.95) has standard deviation 3.1 runs; percentile intervals run a little
        // short in small samples, so allow 4 standard deviations below and 3 above.
        #expect((178...199).contains(covered), "\(covered) of 200 covered")
    }

    @Test("percentile intervals agree with arch's StationaryBootstrap at the same block length")
    func intervalsMatchArch() throws {
        let f = Self.fixture.interval
        let b = try StationaryBootstrap(expectedBlockLength: f.blockLength, seed: 2024)
        for s in f.statistics {
            let statistic: @Sendable ([Double]) -> Double
            if s.statistic == "sharpe" {
                statistic = { Returns.sharpeRatio(of: $0, periodsPerYear: 1) }
            } else {
                statistic = { Returns.maxDrawdown(of: $0) }
            }
            let ci = try b.interval(of: f.values, resamples: f.resamples, confidence: f.confidence, statistic: statistic)
            #expect(abs(ci.estimate - s.estimate) <= 1e-12, "\(s.statistic) estimate")
            // Two Monte Carlo runs of 2000 resamples: endpoints agree to a tenth of the interval's width.
            let tolerance = 0.1 * (s.upper - s.lower)
            #expect(abs(ci.lower - s.lower) < tolerance && abs(ci.upper - s.upper) < tolerance,
                    "\(s.statistic): [\(ci.lower), \(ci.upper)] vs \(Self.fixture.library) [\(s.lower), \(s.upper)]")
            #expect(ci.nonFiniteResamples == 0 && ci.standardError > 0)
        }
    }

    @Test("the Returns intervals bracket the point estimates and use the automatic block length")
    func returnsIntervals() throws {
        let x = Self.fixture.blockLengths[0].values
        let r = try Returns(x)
        let (sharpe, drawdown) = try r.bootstrapIntervals(resamples: 300, seed: 4)
        #expect(sharpe.estimate == r.sharpeRatio() && drawdown.estimate == r.maxDrawdown)
        #expect(sharpe.lower < sharpe.estimate && sharpe.estimate < sharpe.upper)
        #expect(drawdown.lower < drawdown.upper && drawdown.upper <= 0)
        #expect(abs(sharpe.expectedBlockLength - Self.fixture.blockLengths[0].stationary) <= 1e-9 * sharpe.expectedBlockLength)
    }

    @Test("bad input names what was expected")
    func badInput() throws {
        let b = try StationaryBootstrap(expectedBlockLength: 3, seed: 1)
        let mean: @Sendable ([Double]) -> Double = { $0.reduce(0, +) }
        #expect(throws: BacktestError.self) { try StationaryBootstrap(expectedBlockLength: 0, seed: 1) }
        #expect(throws: BacktestError.self) { try StationaryBootstrap(expectedBlockLength: .nan, seed: 1) }
        #expect(throws: BacktestError(.nonFinite, "bootstrap: value 1 is nan; expected finite values")) {
            try b.distribution(of: [1, .nan, 2], resamples: 10, statistic: mean)
        }
        #expect(throws: BacktestError.self) { try b.distribution(of: [1, 2, 3], resamples: 0, statistic: mean) }
        #expect(throws: BacktestError.self) { try b.interval(of: [1, 2, 3], resamples: 10, confidence: 1.5, statistic: mean) }
        #expect(throws: BacktestError.self) { try StationaryBootstrap.optimalBlockLength([1, 2, 3, 4, 5]) }
        #expect(throws: BacktestError.self) { try StationaryBootstrap.optimalBlockLength([Double](repeating: 2, count: 50)) }
        #expect(throws: BacktestError.self) { try StationaryBootstrap.optimalBlockLength([1, 2, .infinity] + (0..<40).map(Double.init)) }
        // Every resample of a constant series has an undefined Sharpe ratio.
        #expect(throws: BacktestError.self) {
            try b.interval(of: [0.01, 0.01, 0.01, 0.01], resamples: 20) { Returns.sharpeRatio(of: $0, periodsPerYear: 252) }
        }
    }
}
