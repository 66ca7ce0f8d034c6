import BarbellQuant
import Foundation

extension HMMChain {
    /// Most likely state path (Viterbi, in log space) over the log emission densities `logB`
    /// (n × k row-major) of any emission model, and its joint log-probability. Ties go to the
    /// lowest state index, as `argmax` does.
    /// - Throws: `.nonFinite` when no state path has positive probability.
    func viterbi(_ logB: [Double], n: Int) throws -> (path: [Int], logProbability: Double) {
        let k = k
        let logA = trans.map { log($0) }
        var delta = (0..<k).map { log(start[$0]) + logB[$0] }
        var next = [Double](repeating: 0, count: k)
        var back = [Int32](repeating: 0, count: n * k)
        for t in 1..<max(n, 1) {
            for j in 0..<k {
                var best = -Double.infinity, arg = 0
                for i in 0..<k {
                    let v = delta[i] + logA[i * k + j]
                    if v > best { best = v; arg = i }
                }
                next[j] = best + logB[t * k + j]
                back[t * k + j] = Int32(arg)
            }
            swap(&delta, &next)
        }
        var last = 0
        for j in 1..<k where delta[j] > delta[last] { last = j }
        guard delta[last].isFinite else {
            throw RegimeError(.nonFinite, "observations: no state path has positive probability")
        }
        var path = [Int](repeating: 0, count: n)
        path[n - 1] = last
        if n >= 2 {
            for t in stride(from: n - 1, through: 1, by: -1) { path[t - 1] = Int(back[t * k + path[t]]) }
        }
        return (path, delta[last])
    }
}
