import BarbellData
import Foundation

/// Politis & Romano's stationary bootstrap ("The Stationary Bootstrap", JASA 1994): resamples of a
/// series made of blocks that start at uniformly random positions and run for geometrically
/// distributed lengths (mean ``expectedBlockLength``), wrapping from the last value to the first.
/// Blocks keep the serial dependence of returns (volatility clustering) that an iid bootstrap
/// destroys, and random lengths make the resampled series stationary.
///
/// Resample `k` draws from its own SplitMix64 stream derived from the seed and `k`, so results are
/// bit-identical for a seed whatever the number of threads that compute them.
public struct StationaryBootstrap: Sendable, Equatable {
    /// Mean block length; a block continues to the next value with probability 1 − 1/length.
    /// Lengths below 1 (an automatic choice for white noise can be) act as 1: the iid bootstrap.
    public let expectedBlockLength: Double
    public let seed: UInt64

    /// - Throws: ``BacktestError`` when the block length is not finite and positive.
    public init(expectedBlockLength: Double, seed: UInt64) throws(BacktestError) {
        guard expectedBlockLength.isFinite, expectedBlockLength > 0 else {
            throw BacktestError(.invalidArgument, "stationary bootstrap: expected block length \(expectedBlockLength); expected finite and > 0")
        }
        self.expectedBlockLength = expectedBlockLength
        self.seed = seed
    }

    /// A bootstrap whose block length is ``optimalBlockLength(_:)``'s stationary choice for `data`.
    public init(automaticFor data: [Double], seed: UInt64) throws(BacktestError) {
        try self.init(expectedBlockLength: Self.optimalBlockLength(data).stationary, seed: seed)
    }

    /// The generator of resample `index`: a SplitMix64 seeded from a SplitMix64 hash of the seed and
    /// index (so streams of neighbouring resamples are unrelated, not shifted copies of each other).
    func generator(resample index: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }

    /// Positions into a series of `count` values that make resample `index`.
    public func indices(count: Int, resample index: Int) -> [Int] {
        guard count > 0 else { return [] }
        var g = generator(resample: index)
        let restart = 1 / max(expectedBlockLength, 1), n = Double(count)
        var out = [Int](repeating: 0, count: count)
        out[0] = min(Int(g.nextUniform() * n), count - 1)
        for i in 1..<count {
            // Draw both numbers every step, as arch does, so a position's draws do not depend on the past.
            let u = g.nextUniform(), start = min(Int(g.nextUniform() * n), count - 1)
            if u < restart {
                out[i] = start
            } else {
                let next = out[i - 1] + 1
                out[i] = next == count ? 0 : next
            }
        }
        return out
    }

    /// Resample `index` of `data`.
    public func resample(_ data: [Double], index: Int) -> [Double] {
        indices(count: data.count, resample: index).map { data[$0] }
    }

    /// `statistic` of each of `resamples` resamples of `data`, in resample order, computed on all cores.
    /// - Throws: ``BacktestError`` when `resamples` < 1, `data` has fewer than 2 values or a
    ///   non-finite one.
    public func distribution(of data: [Double], resamples: Int,
                             statistic: @Sendable ([Double]) -> Double) throws(BacktestError) -> [Double] {
        try Self.validate(data, resamples: resamples)
        var results = [Double](repeating: .nan, count: resamples)
        let chunk = 16, chunks = (resamples + chunk - 1) / chunk
        results.withUnsafeMutableBufferPointer { buffer in
            // Chunks write disjoint slots; the address crosses into the concurrent closure as an integer.
            let address = Int(bitPattern: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let out = UnsafeMutablePointer<Double>(bitPattern: address)!
                for k in c * chunk..<min(resamples, (c + 1) * chunk) {
                    out[k] = statistic(resample(data, index: k))
                }
            }
        }
        return results
    }

    /// A percentile interval: `statistic` of `data`, and the (1 − confidence)/2 and (1 + confidence)/2
    /// quantiles (numpy's linear interpolation, as `arch`'s `conf_int(method="percentile")`) of its
    /// bootstrap distribution. Resamples whose statistic is not finite (a constant resample's
    /// Sharpe ratio) are left out of the quantiles and counted.
    /// - Throws: ``BacktestError`` for bad data or resamples (see ``distribution(of:resamples:statistic:)``),
    ///   a confidence outside (0, 1), or when fewer than 2 resamples give a finite statistic.
    public func interval(of data: [Double], resamples: Int, confidence: Double = 0.95,
                         statistic: @Sendable ([Double]) -> Double) throws(BacktestError) -> BootstrapInterval {
        guard confidence.isFinite, confidence > 0, confidence < 1 else {
            throw BacktestError(.invalidArgument, "bootstrap: confidence \(confidence); expected strictly between 0 and 1")
        }
        let all = try distribution(of: data, resamples: resamples, statistic: statistic)
        let finite = all.filter(\.isFinite).sorted()
        guard finite.count >= 2 else {
            throw BacktestError(.insufficientData, "bootstrap: \(finite.count) of \(resamples) resamples gave a finite statistic; need at least 2")
        }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)
        let tail = (1 - confidence) / 2
        return BootstrapInterval(estimate: statistic(data), lower: Self.percentile(finite, tail), upper: Self.percentile(finite, 1 - tail),
                                 confidence: confidence, resamples: resamples, nonFiniteResamples: all.count - finite.count,
                                 expectedBlockLength: expectedBlockLength, standardError: variance.squareRoot())
    }

    /// numpy's `percentile` (linear) of sorted values at fraction `q`.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    static func validate(_ data: [Double], resamples: Int) throws(BacktestError) {
        guard resamples >= 1 else {
            throw BacktestError(.invalidArgument, "bootstrap: \(resamples) resamples; expected ≥ 1")
        }
        guard data.count >= 2 else {
            throw BacktestError(.insufficientData, "bootstrap: \(data.count) values; need at least 2")
        }
        if let i = data.firstIndex(where: { !$0.isFinite }) {
            throw BacktestError(.nonFinite, "bootstrap: value \(i) is \(data[i]); expected finite values")
        }
    }
}

/// A bootstrap confidence interval and how it was made.
public struct BootstrapInterval: Sendable, Equatable, Codable {
    /// The statistic of the original data.
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var confidence: Double
    public var resamples: Int
    /// Resamples whose statistic was NaN or infinite, left out of the quantiles.
    public var nonFiniteResamples: Int
    public var expectedBlockLength: Double
    /// Standard deviation of the finite bootstrap statistics.
    public var standardError: Double
}
