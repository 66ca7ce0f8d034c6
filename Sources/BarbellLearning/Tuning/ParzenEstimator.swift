import BarbellData
import Foundation

/// TPE's density model of one parameter: a weighted mixture of truncated normals (ranges) or of
/// smoothed one-hot distributions (categoricals), one kernel per observation plus a prior.
///
/// Built exactly as optuna 3.6.1's `_ParzenEstimator` with the default TPESampler settings
/// (consider_prior, prior_weight 1, consider_magic_clip, no consider_endpoints, univariate):
/// - weights: 1 per observation below 25 observations; beyond, a linear ramp from 1/n to 1 over
///   the oldest n - 25 and 1 for the newest 25 (observations in trial-number order); the prior
///   weighs 1; all normalised.
/// - ranges (log ones in log space): each kernel's bandwidth is the larger gap to its sorted
///   neighbours (the range's ends and the prior's mean included), clipped to
///   `[range / min(100, n + 2), range]`; the prior is centred with bandwidth `range`.
///   Integers are discrete: a kernel's mass on `[k - ½, k + ½]`, over its mass on the range
///   widened by ½ at both ends (log integers are treated as continuous on `[log(low - ½), log(high + ½)]`).
/// - categoricals: each kernel is `prior_weight / (n + 1)` on every choice plus 1 on the observed
///   choice, normalised.
public struct ParzenEstimator: Sendable {
    enum Kernels: Sendable {
        case continuous(mus: [Double], sigmas: [Double], low: Double, high: Double)
        case discrete(mus: [Double], sigmas: [Double], low: Double, high: Double, step: Double)
        case categorical(weights: [[Double]])
    }

    public let parameter: SearchParameter
    /// The mixture weights, summing to 1 (the prior's last).
    public let weights: [Double]
    let kernels: Kernels

    /// Builds the estimator from observations in their internal form (numbers, or choice
    /// indices for categoricals), ordered by trial number.
    public init(observations: [Double], parameter: SearchParameter) {
        self.parameter = parameter
        let n = observations.count
        var weights = n == 0 ? [1.0] : Self.observationWeights(n) + [1.0]
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        self.weights = weights
        switch parameter.distribution {
        case .categorical(let choices):
            let count = choices.count
            guard n > 0 else {
                kernels = .categorical(weights: [Array(repeating: 1 / Double(count), count: count)])
                return
            }
            let kernelsCount = Double(n + 1)
            var rows = Array(repeating: Array(repeating: 1.0 / kernelsCount, count: count), count: n + 1)
            for (i, observed) in observations.enumerated() {
                rows[i][min(max(Int(observed), 0), count - 1)] += 1
            }
            kernels = .categorical(weights: rows.map { row in
                let sum = row.reduce(0, +)
                return row.map { $0 / sum }
            })
        case .float(let low, let high, let log):
            let (lo, hi) = log ? (Foundation.log(low), Foundation.log(high)) : (low, high)
            let mus = log ? observations.map { Foundation.log($0) } : observations
            let (allMus, sigmas) = Self.bandwidths(mus, low: lo, high: hi, step: 0)
            kernels = .continuous(mus: allMus, sigmas: sigmas, low: lo, high: hi)
        case .int(let low, let high, let log):
            if log {
                // optuna's "log-Int hack": continuous in log space on the widened range.
                let lo = Foundation.log(Double(low) - 0.5), hi = Foundation.log(Double(high) + 0.5)
                let (allMus, sigmas) = Self.bandwidths(observations.map { Foundation.log($0) }, low: lo, high: hi, step: 0)
                kernels = .continuous(mus: allMus, sigmas: sigmas, low: lo, high: hi)
            } else {
                let (allMus, sigmas) = Self.bandwidths(observations, low: Double(low), high: Double(high), step: 1)
                kernels = .discrete(mus: allMus, sigmas: sigmas, low: Double(low), high: Double(high), step: 1)
            }
        }
    }

    /// optuna's `default_weights(n)`.
    static func observationWeights(_ n: Int) -> [Double] {
        guard n >= 25 else { return Array(repeating: 1, count: n) }
        // numpy.linspace(1/n, 1, n - 25): start + i * step, the last one exactly 1.
        let count = n - 25, start = 1 / Double(n)
        var ramp: [Double] = []
        if count == 1 { ramp = [start] }
        else if count > 1 {
            let step = (1 - start) / Double(count - 1)
            ramp = (0..<count).map { start + Double($0) * step }
            ramp[count - 1] = 1
        }
        return ramp + Array(repeating: 1, count: 25)
    }

    /// Kernel means (observations then the prior) and bandwidths, as optuna's univariate rule.
    static func bandwidths(_ mus: [Double], low: Double, high: Double, step: Double) -> ([Double], [Double]) {
        let n = mus.count
        let priorMu = 0.5 * (low + high)
        let withPrior = mus + [priorMu]
        // A stable argsort, as numpy's default quicksort is not but ties get equal gaps anyway.
        let order: [Int] = withPrior.indices.sorted { (i: Int, j: Int) -> Bool in
            withPrior[i] < withPrior[j] || (withPrior[i] == withPrior[j] && i < j)
        }
        var padded = [low - step / 2]
        padded += order.map { withPrior[$0] }
        padded.append(high + step / 2)
        var sortedSigmas: [Double] = []
        for i in 1..<(padded.count - 1) {
            let left: Double = padded[i] - padded[i - 1]
            let right: Double = padded[i + 1] - padded[i]
            sortedSigmas.append(max(left, right))
        }
        // consider_endpoints = False: the outermost kernels take their inner gap only.
        if padded.count >= 4 {
            sortedSigmas[0] = padded[2] - padded[1]
            sortedSigmas[sortedSigmas.count - 1] = padded[padded.count - 2] - padded[padded.count - 3]
        }
        var sigmas = Array(repeating: 0.0, count: withPrior.count)
        for (rank, index) in order.enumerated() { sigmas[index] = sortedSigmas[rank] }
        let range = high - low + step
        let minSigma = range / min(100, 1 + Double(n) + 1)
        var result = sigmas.prefix(n).map { min(max($0, minSigma), range) }
        result.append(range)
        return (withPrior, result)
    }

    /// The mixture's log density (log probability for integers and categoricals) at `x`, in the
    /// parameter's external units (choice index for categoricals).
    public func logPDF(_ x: Double) -> Double {
        var terms: [Double]
        switch kernels {
        case .categorical(let rows):
            let index = Int(x)
            terms = rows.map { row in index >= 0 && index < row.count ? Foundation.log(row[index]) : -.infinity }
        case .continuous(let mus, let sigmas, let low, let high):
            let t = isLogScale ? Foundation.log(x) : x
            terms = zip(mus, sigmas).map { TruncatedNormal.logPDF(t, mu: $0, sigma: $1, low: low, high: high) }
        case .discrete(let mus, let sigmas, let low, let high, let step):
            let lower = low - step / 2, upper = high + step / 2
            let xLow = max(x - step / 2, lower), xHigh = min(x + step / 2, upper)
            terms = zip(mus, sigmas).map { mu, sigma in
                TruncatedNormal.logGaussMass((xLow - mu) / sigma, (xHigh - mu) / sigma)
                    - TruncatedNormal.logGaussMass((lower - mu) / sigma, (upper - mu) / sigma)
            }
        }
        for i in terms.indices { terms[i] += Foundation.log(weights[i]) }
        var top = terms.max() ?? -.infinity
        if top == -.infinity { top = 0 }
        return Foundation.log(terms.reduce(0) { $0 + exp($1 - top) }) + top
    }

    private var isLogScale: Bool {
        switch parameter.distribution {
        case .float(_, _, let log), .int(_, _, let log): log
        case .categorical: false
        }
    }

    /// `count` draws from the mixture, in external units (choice index for categoricals).
    func sample(count: Int, rng: inout SplitMix64) -> [Double] {
        (0..<count).map { _ in
            let u = rng.nextUniform()
            var k = 0, cumulative = 0.0
            while k < weights.count - 1 {
                cumulative += weights[k]
                if u < cumulative { break }
                k += 1
            }
            switch kernels {
            case .categorical(let rows):
                let v = rng.nextUniform()
                var acc = 0.0
                for (index, p) in rows[k].enumerated() {
                    acc += p
                    if v < acc { return Double(index) }
                }
                return Double(rows[k].count - 1)
            case .continuous(let mus, let sigmas, let low, let high):
                let draw = TruncatedNormal.sample(u: rng.nextUniform(), mu: mus[k], sigma: sigmas[k], low: low, high: high)
                guard isLogScale else { return draw }
                let value = exp(draw)
                if case .int(let lo, let hi, _) = parameter.distribution {
                    return min(max(Double(lo) + (value - Double(lo)).rounded(.toNearestOrEven), Double(lo)), Double(hi))
                }
                return value
            case .discrete(let mus, let sigmas, let low, let high, let step):
                let draw = TruncatedNormal.sample(u: rng.nextUniform(), mu: mus[k], sigma: sigmas[k],
                                                  low: low - step / 2, high: high + step / 2)
                return min(max(low + ((draw - low) / step).rounded(.toNearestOrEven) * step, low), high)
            }
        }
    }
}
