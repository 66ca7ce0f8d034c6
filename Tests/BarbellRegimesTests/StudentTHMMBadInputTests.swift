import BarbellData
import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

@Suite("Student-t HMM bad input")
struct StudentTHMMBadInputTests {
    static let chain: (start: [Double], trans: [[Double]]) = ([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]])
    static let scales: [[[Double]]] = [[[1, 0], [0, 1]], [[2, 0], [0, 2]]]

    static func model(nu: [Double] = [5, 5]) throws -> StudentTHMM {
        try StudentTHMM(covarianceType: .diag, startProbabilities: chain.start, transitionMatrix: chain.trans,
                        means: [[0, 0], [1, 1]], scales: scales, degreesOfFreedom: nu)
    }

    static func code(_ body: () throws -> Void) -> QuantError.Code? {
        do { try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch let e as QuantError { return e.message } catch { return "" }
    }

    static let rows: [[Double]] = (0..<40).map { [Double($0 % 7), Double(($0 * 3) % 5)] }

    @Test("NaN, constant feature, too few rows, wrong shapes")
    func data() throws {
        let m = try Self.model()
        #expect(Self.code { _ = try m.score([[0, 1], [.nan, 1]]) } == .nonFinite)
        #expect(Self.code { _ = try m.fitted(to: [[0, 1], [.nan, 1], [1, 2], [3, 1]]) } == .nonFinite)
        #expect(Self.code { _ = try StudentTHMM.fit([[0, 1], [.infinity, 1], [1, 2], [3, 1], [2, 2]], states: 2, covarianceType: .diag, seed: 1) } == .nonFinite)
        #expect(Self.code { _ = try m.fitted(to: (0..<50).map { [Double($0 % 3), 2] }) } == .invalidArgument)
        #expect(Self.message { _ = try m.fitted(to: (0..<50).map { [Double($0 % 3), 2] }) }.contains("column 1"))
        #expect(Self.code { _ = try StudentTHMM.fit((0..<50).map { [Double($0 % 3), 2] }, states: 2, covarianceType: .full, seed: 1) } == .invalidArgument)
        #expect(Self.code { _ = try m.fitted(to: [[0, 1], [1, 2], [2, 0]]) } == .insufficientData)
        #expect(Self.code { _ = try StudentTHMM.fit([[0, 1], [1, 2], [2, 0]], states: 2, covarianceType: .full, seed: 1) } == .insufficientData)
        #expect(Self.code { _ = try m.score([]) } == .insufficientData)
        #expect(Self.code { _ = try m.score([[0, 1, 2]]) } == .shapeMismatch)
        #expect(Self.code { _ = try m.viterbi([[0, 1], [1]]) } == .shapeMismatch)
        #expect(Self.code { _ = try m.fitted(to: [[0, 1, 2], [1, 2, 3], [2, 0, 1], [3, 3, 3], [4, 1, 0]]) } == .shapeMismatch)
        var filter = StudentTHMMOnlineFilter(model: m)
        #expect(Self.code { _ = try filter.update([.infinity, 0]) } == .nonFinite)
        #expect(Self.code { _ = try filter.update([0]) } == .shapeMismatch)
        #expect(filter.count == 0 && filter.probabilities == m.startProbabilities)
        #expect(Self.code { _ = try m.sample(count: -1, seed: 1) } == .invalidArgument)
    }

    @Test("invalid parameters: ν ≤ 2, non-finite ν, wrong counts, bad chain and scales")
    func parameters() throws {
        for nu in [2.0, 1.5, 0, -3] {
            #expect(Self.code { _ = try Self.model(nu: [5, nu]) } == .invalidArgument)
            #expect(Self.message { _ = try Self.model(nu: [5, nu]) }.contains("degreesOfFreedom[1]"))
        }
        #expect(Self.code { _ = try Self.model(nu: [5, .nan]) } == .nonFinite)
        #expect(Self.code { _ = try Self.model(nu: [.infinity, 5]) } == .nonFinite)
        #expect(Self.code { _ = try Self.model(nu: [5]) } == .shapeMismatch)
        #expect(Self.code { _ = try StudentTHMM(covarianceType: .diag, startProbabilities: [0.6, 0.6], transitionMatrix: Self.chain.trans, means: [[0, 0], [1, 1]], scales: Self.scales, degreesOfFreedom: [5, 5]) } == .invalidArgument)
        #expect(Self.code { _ = try StudentTHMM(covarianceType: .diag, startProbabilities: Self.chain.start, transitionMatrix: [[0.9, 0.2], [0.1, 0.9]], means: [[0, 0], [1, 1]], scales: Self.scales, degreesOfFreedom: [5, 5]) } == .invalidArgument)
        #expect(Self.code { _ = try StudentTHMM(covarianceType: .diag, startProbabilities: Self.chain.start, transitionMatrix: Self.chain.trans, means: [[0, 0], [1]], scales: Self.scales, degreesOfFreedom: [5, 5]) } == .shapeMismatch)
        #expect(Self.code { _ = try StudentTHMM(covarianceType: .diag, startProbabilities: Self.chain.start, transitionMatrix: Self.chain.trans, means: [[0, .nan], [1, 1]], scales: Self.scales, degreesOfFreedom: [5, 5]) } == .nonFinite)
        // Not positive definite; and the message names the scales, not covariances.
        let notPD: () throws -> Void = { _ = try StudentTHMM(covarianceType: .full, startProbabilities: Self.chain.start, transitionMatrix: Self.chain.trans, means: [[0, 0], [1, 1]], scales: [[[1, 2], [2, 1]], [[1, 0], [0, 1]]], degreesOfFreedom: [5, 5]) }
        #expect(Self.code(notPD) == .invalidArgument)
        #expect(Self.message(notPD).hasPrefix("scales[0]"))
        #expect(Self.code { _ = try StudentTHMM(covarianceType: .diag, startProbabilities: Self.chain.start, transitionMatrix: Self.chain.trans, means: [[0, 0], [1, 1]], scales: [[[1, 0.5], [0.5, 1]], [[1, 0], [0, 1]]], degreesOfFreedom: [5, 5]) } == .invalidArgument)
        #expect(Self.code { _ = try StudentTHMM.initial(for: Self.rows, states: 2, covarianceType: .full, seed: 1, degreesOfFreedom: 2) } == .invalidArgument)
        #expect(Self.code { _ = try StudentTHMM.initial(for: Self.rows, states: 0, covarianceType: .full, seed: 1) } == .invalidArgument)
    }

    @Test("invalid options")
    func options() throws {
        let m = try Self.model()
        let bad: [StudentTHMMFitOptions] = [
            StudentTHMMFitOptions(maxIterations: 0),
            StudentTHMMFitOptions(tolerance: .nan),
            StudentTHMMFitOptions(tolerance: -1e-3),
            StudentTHMMFitOptions(minCovariance: 0),
            StudentTHMMFitOptions(minCovariance: .infinity),
            StudentTHMMFitOptions(degreesOfFreedomRange: 2...50),
            StudentTHMMFitOptions(degreesOfFreedomRange: 3...Double.infinity),
            StudentTHMMFitOptions(degreesOfFreedomRange: 3...8, initialDegreesOfFreedom: 10),
        ]
        for o in bad {
            #expect(Self.code { _ = try m.fitted(to: Self.rows, options: o) } == .invalidArgument, "\(o)")
            #expect(Self.code { _ = try StudentTHMM.fit(Self.rows, states: 2, covarianceType: .diag, seed: 1, options: o) } == .invalidArgument, "\(o)")
        }
        #expect(Self.code { _ = try StudentTHMM.fit(Self.rows, states: 2, covarianceType: .diag, restarts: 0, seed: 1) } == .invalidArgument)
    }

    @Test("a state collapsing onto one repeated point is floored and reported, never NaN", arguments: [HMMCovarianceType.full, .diag, .spherical, .tied])
    func collapseFloored(_ type: HMMCovarianceType) throws {
        var g = SplitMix64(seed: 7)
        let x = (0..<300).map { t in t % 6 == 0 ? [5.0, 5.0] : [StandardNormal.sample(using: &g), StandardNormal.sample(using: &g)] }
        let start = try StudentTHMM(covarianceType: type, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.5, 0.5], [0.5, 0.5]],
                                    means: [[0, 0], [5, 5]], scales: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]], degreesOfFreedom: [5, 5])
        let fit = try start.fitted(to: x, options: StudentTHMMFitOptions(maxIterations: 20, tolerance: -.infinity))
        let scales = fit.model.scales.flatMap { $0.flatMap { $0 } }
        #expect(scales.allSatisfy(\.isFinite) && fit.logLikelihood.isFinite)
        if type != .tied {
            #expect(!fit.flooredStates.isEmpty && fit.flooredStates.allSatisfy { $0.state == 1 })
            #expect(fit.model.scales[1][0][0] >= 1e-3 && fit.model.scales[1][1][1] >= 1e-3)
        }
        #expect(fit.model.degreesOfFreedom.allSatisfy { (2.1...200).contains($0) })
    }

    @Test("parameters round-trip through JSON; ν ≤ 2 in the JSON is rejected")
    func json() throws {
        let m = try Self.model(nu: [3.5, 40])
        #expect(try JSONDecoder().decode(StudentTHMM.self, from: JSONEncoder().encode(m)) == m)
        let bad = Data(#"{"covarianceType":"diag","startProbabilities":[0.5,0.5],"transitionMatrix":[[0.5,0.5],[0.5,0.5]],"means":[[0],[1]],"scales":[[[1]],[[1]]],"degreesOfFreedom":[5,2]}"#.utf8)
        #expect(Self.code { _ = try JSONDecoder().decode(StudentTHMM.self, from: bad) } == .invalidArgument)
    }
}
