import BarbellData
import BarbellQuant
import BarbellRegimes
import Foundation

/// The HMM benchmark's data and fixed initial parameters, free of ArgumentParser so the same code
/// runs in a scratch executable. `Benchmarks/reference/hmmlearn_fit.py` hard-codes the same
/// initial parameters and reads the same observations.
enum HMMBenchCases {
    /// A seeded 3-regime Markov-switching series with two correlated features (n × 2 row-major):
    /// regimes stay with probability 0.98, means ±1/0, scales 0.5/1/2.
    static func observations(count: Int, seed: UInt64 = 5) -> [Double] {
        var g = SplitMix64(seed: seed)
        let mu = [-1.0, 0.0, 1.0], sd = [0.5, 1.0, 2.0]
        var state = 1
        var out = [Double]()
        out.reserveCapacity(2 * count)
        for _ in 0..<count {
            let u = g.nextOpenUnit()
            if u > 0.98 { state = (state + (u > 0.99 ? 1 : 2)) % 3 }
            let z1 = StandardNormal.sample(using: &g), z2 = StandardNormal.sample(using: &g)
            out.append(mu[state] + sd[state] * z1)
            out.append(0.5 * mu[state] + sd[state] * (0.6 * z1 + 0.8 * z2))
        }
        return out
    }

    /// The fixed initial model for `dimension` 1 or 2 features (same numbers in the Python script).
    static func initialModel(_ type: HMMCovarianceType, dimension d: Int) throws -> GaussianHMM {
        let means: [[Double]] = [[-0.5, -0.2], [0.1, 0.0], [0.8, 0.3]].map { Array($0.prefix(d)) }
        let variances = [0.5, 1.0, 2.0]
        let covs: [[[Double]]] = variances.map { v in
            (0..<d).map { i in (0..<d).map { j in i == j ? v : (type == .full ? 0.3 * v : 0) } }
        }
        return try GaussianHMM(covarianceType: type, startProbabilities: [0.3, 0.4, 0.3],
                               transitionMatrix: [[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]],
                               means: means, covariances: covs)
    }

    static func rows(_ flat: [Double], dimension d: Int) -> [[Double]] {
        (0..<flat.count / 2).map { t in Array(flat[(2 * t)..<(2 * t + d)]) }
    }

    /// This thread's CPU seconds: on a shared machine wall time also counts other processes' turns.
    static func cpuNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Best wall-clock and best thread-CPU seconds over `repeats` runs, and the last result.
    static func seconds<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (Double, T, cpu: Double) {
        var best = Double.infinity, bestCPU = Double.infinity
        var last: T?
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds, c0 = cpuNow()
            let r = try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            bestCPU = min(bestCPU, cpuNow() - c0)
            last = r
        }
        return (best, last!, bestCPU)
    }

    /// Runs every case and prints one line each: fits (tolerance −∞: all iterations iterations) and the online update.
    static func run(sizes: [Int], iterations: Int, repeats: Int, dataPath: String) throws {
        let n = sizes.max() ?? 0
        let flat = observations(count: n)
        try flat.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: dataPath)) }
        print("observations: \(dataPath) (\(n) × 2 little-endian float64; a size m uses the first m rows)")
        let options = HMMFitOptions(maxIterations: iterations, tolerance: -.infinity)
        for size in sizes {
            for d in [1, 2] {
                let x = rows(Array(flat.prefix(2 * size)), dimension: d)
                for type in [HMMCovarianceType.diag, .full] {
                    let model = try initialModel(type, dimension: d)
                    let (s, fit, cpu) = try seconds(size > 10_000 ? 1 : repeats) { try model.fitted(to: x, options: options) }
                    print(String(format: "hmm fit %-5@ n=%-7d d=%d k=3  %4d iter  %10.2f ms wall  %10.2f ms cpu  logL %.10f",
                                 type.rawValue as NSString, size, d, fit.logLikelihoodHistory.count, s * 1000, cpu * 1000,
                                 fit.logLikelihoodHistory.last ?? .nan))
                }
            }
        }
        // Online filter: 4 states, 1-D and 2-D, per-bar update time over 1M bars.
        for d in [1, 2] {
            let model = try GaussianHMM(covarianceType: .full, startProbabilities: [0.25, 0.25, 0.25, 0.25],
                                        transitionMatrix: (0..<4).map { i in (0..<4).map { $0 == i ? 0.97 : 0.01 } },
                                        means: [[-1, -0.5], [0, 0], [0.5, 0.2], [1, 0.5]].map { Array($0.prefix(d)) },
                                        covariances: [0.25, 1, 2, 4].map { v in (0..<d).map { i in (0..<d).map { $0 == i ? v : 0 } } })
            let bars = min(n, 1_000_000)
            let x = rows(Array(flat.prefix(2 * bars)), dimension: d)
            let (s, last, cpu) = try seconds(repeats) { () throws -> Double in
                var filter = HMMOnlineFilter(model: model)
                for row in x { try filter.update(row) }
                return filter.logLikelihood
            }
            print(String(format: "hmm online full d=%d k=4  %8d bars  %8.1f ns/bar wall  %8.1f ns/bar cpu  logL %.6f",
                         d, bars, s / Double(bars) * 1e9, cpu / Double(bars) * 1e9, last))
        }
    }
}
