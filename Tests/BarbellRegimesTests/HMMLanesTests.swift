import Foundation
import Testing
@testable import BarbellRegimes

/// The vectorised pieces under the HMM recursions: the lane exponential against libm, and the
/// power-of-two rescaling on sequences long and extreme enough to underflow without it.
@Suite("HMM lanes: vector exponential and power-of-two rescaling")
struct HMMLanesTests {
    /// Distance in units in the last place between two positive doubles.
    static func ulps(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / b.ulp
    }

    @Test("laneExp is within 1 ulp of libm's exp on [−708, 0]")
    func exponentialMatchesLibm() {
        var worst = 0.0
        // A dense sweep plus the edges of the reduction intervals (multiples of ln 2 / 128).
        var xs = (0..<200_000).map { -708.0 * Double($0) / 199_999 }
        xs += (0..<4_000).map { -Double($0) * log(2) / 128 }
        xs += [0, -0.0, -1e-300, -Double.ulpOfOne, -708]
        for i in stride(from: 0, to: xs.count - 3, by: 4) {
            let lanes = laneExp(StateLanes(xs[i], xs[i + 1], xs[i + 2], xs[i + 3]))
            for l in 0..<4 { worst = max(worst, Self.ulps(lanes[l], exp(xs[i + l]))) }
        }
        #expect(worst <= 1, "worst \(worst) ulp")
    }

    @Test("below −708 and at −∞ laneExp returns e^−708, finite and positive, never NaN or a subnormal")
    func exponentialFloor() {
        let lanes = laneExp(StateLanes(-709, -1e4, -.infinity, -.greatestFiniteMagnitude))
        for l in 0..<4 {
            #expect(lanes[l].isNormal && lanes[l] > 0)
            #expect(Self.ulps(lanes[l], exp(-708.0)) <= 2)
        }
    }

    @Test("a long sequence with near-impossible states keeps its log-likelihood, as a log-space pass computes it")
    func rescalingOnExtremeSequences() throws {
        // Three far-apart narrow states: every observation is ~1e-200 likely under the other two
        // states, so unscaled α underflows within a few steps; 50,000 steps of it.
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [1e-250, 1 - 2e-250, 1e-250],
                                transitionMatrix: [[0.98, 0.01, 0.01], [1e-300, 1 - 2e-300, 1e-300], [0.01, 0.01, 0.98]],
                                means: [[-40], [0], [40]], covariances: [[[1]], [[1]], [[1]]])
        let x = (0..<50_000).map { t in [sin(Double(t)) * 0.5] }
        let score = try m.score(x)
        // Log-space forward recursion written out here, with libm's exp/log: the reference.
        let k = 3
        var la = (0..<k).map { log(m.startProbabilities[$0]) + Self.logNormal(x[0][0], m.means[$0][0], m.covariances[$0][0][0]) }
        for t in 1..<x.count {
            la = (0..<k).map { j in
                let terms = (0..<k).map { i in la[i] + log(m.transitionMatrix[i][j]) }
                return Self.logSumExp(terms) + Self.logNormal(x[t][0], m.means[j][0], m.covariances[j][0][0])
            }
        }
        let reference = Self.logSumExp(la)
        #expect(abs(score - reference) <= 1e-11 * abs(reference), "\(score) vs \(reference)")
        // The same model bar by bar gives the batch numbers bit for bit.
        var filter = HMMOnlineFilter(model: m)
        for row in x { try filter.update(row) }
        #expect(filter.logLikelihood == score)
        #expect(filter.probabilities == (try m.filteredProbabilities(x)).last!)
    }

    static func logNormal(_ x: Double, _ mu: Double, _ v: Double) -> Double {
        -0.5 * (log(2 * Double.pi * v) + (x - mu) * (x - mu) / v)
    }

    static func logSumExp(_ v: [Double]) -> Double {
        let top = v.max()!
        return top + log(v.reduce(0) { $0 + exp($1 - top) })
    }
}
