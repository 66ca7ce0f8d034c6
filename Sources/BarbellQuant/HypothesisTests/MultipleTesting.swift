import Foundation

/// Corrections of a family of p-values for multiple testing: statsmodels' `multipletests`.
public enum MultipleTestingCorrection: String, Sendable, Equatable, CaseIterable {
    /// Bonferroni: p·m, family-wise error control.
    case bonferroni
    /// Holm's step-down: family-wise error control, uniformly more powerful than Bonferroni.
    case holm
    /// Benjamini-Hochberg: false-discovery-rate control under independence or positive dependence.
    case benjaminiHochberg
}

/// Adjusted p-values and which hypotheses are rejected at the family level α.
public struct MultipleTestingResult: Sendable, Equatable {
    /// Adjusted p-values in the input order, capped at 1.
    public let adjustedPValues: [Double]
    /// Whether each hypothesis is rejected at α (in the input order).
    public let rejected: [Bool]
}

extension MultipleTestingCorrection {
    /// Adjusts `pValues` and decides rejections at `alpha`, exactly as statsmodels'
    /// `multipletests(pvals, alpha, method)` with "bonferroni", "holm" or "fdr_bh".
    ///
    /// - Throws: `.invalidArgument` for an empty family, p-values outside [0, 1] or NaN, or α
    ///   outside (0, 1).
    public func adjust(_ pValues: [Double], alpha: Double = 0.05) throws -> MultipleTestingResult {
        guard !pValues.isEmpty else { throw QuantError(.insufficientData, "too few observations: no p-values to correct (at least 1 needed)") }
        if let k = pValues.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw QuantError(.invalidArgument, "pValues[\(k)] is \(pValues[k]); expected a probability in [0, 1]")
        }
        guard alpha > 0, alpha < 1 else { throw QuantError(.invalidArgument, "alpha is \(alpha); expected a level in (0, 1)") }
        let m = pValues.count
        let mm = Double(m)
        switch self {
        case .bonferroni:
            return MultipleTestingResult(adjustedPValues: pValues.map { min($0 * mm, 1) },
                                         rejected: pValues.map { $0 <= alpha / mm })
        case .holm:
            let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
            var adjusted = [Double](repeating: 0, count: m)
            var rejected = [Bool](repeating: false, count: m)
            var running = 0.0
            var stillRejecting = true
            for (rank, index) in order.enumerated() {
                let remaining = Double(m - rank)
                running = max(running, min(pValues[index] * remaining, 1))
                adjusted[index] = running
                if pValues[index] > alpha / remaining { stillRejecting = false }
                rejected[index] = stillRejecting
            }
            return MultipleTestingResult(adjustedPValues: adjusted, rejected: rejected)
        case .benjaminiHochberg:
            let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
            var adjusted = [Double](repeating: 0, count: m)
            var rejected = [Bool](repeating: false, count: m)
            var largestRejected = -1
            for (rank, index) in order.enumerated() where pValues[index] <= Double(rank + 1) / mm * alpha {
                largestRejected = rank
            }
            var running = 1.0
            for rank in stride(from: m - 1, through: 0, by: -1) {
                let index = order[rank]
                running = min(running, pValues[index] / (Double(rank + 1) / mm))
                adjusted[index] = min(running, 1)
                rejected[index] = rank <= largestRejected
            }
            return MultipleTestingResult(adjustedPValues: adjusted, rejected: rejected)
        }
    }
}
