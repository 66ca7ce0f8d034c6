import Foundation

/// How the Mann-Whitney p-value is computed.
public enum MannWhitneyMethod: String, Sendable, Equatable {
    /// The normal approximation with tie correction and continuity correction (scipy's
    /// `method="asymptotic", use_continuity=True`).
    case asymptotic
    /// The exact null distribution of U by counting (scipy's `method="exact"`); only without
    /// ties and for n₁·n₂ ≤ 10⁶.
    case exact
    /// Exact when there are no ties and the smaller sample has at most 8 observations, else
    /// asymptotic (scipy's `method="auto"`).
    case automatic
}

extension HypothesisTests {
    /// The Mann-Whitney U (Wilcoxon rank-sum) test: scipy's `mannwhitneyu(x, y, alternative=…,
    /// method=…)`; the statistic is U₁ of x (ties get mid-ranks).
    ///
    /// Needs at least one observation per sample; the asymptotic method needs the pooled sample
    /// not to be all ties.
    public static func mannWhitneyU(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                                    method: MannWhitneyMethod = .automatic) throws -> HypothesisTestResult {
        try requireSample(x, "x", minimum: 1, for: "a Mann-Whitney test")
        try requireSample(y, "y", minimum: 1, for: "a Mann-Whitney test")
        let n1 = x.count, n2 = y.count, n = n1 + n2
        let (ranks, tieSum) = midRanks(x + y)
        let r1 = ranks[0..<n1].reduce(0, +)
        let u1 = r1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let u: Double
        switch alternative {
        case .greater: u = u1
        case .less: u = u2
        case .twoSided: u = max(u1, u2)
        }
        let factor = alternative == .twoSided ? 2.0 : 1.0
        var chosen = method
        if method == .automatic { chosen = (tieSum == 0 && min(n1, n2) <= 8) ? .exact : .asymptotic }
        var p: Double
        if chosen == .exact {
            guard tieSum == 0 else { throw QuantError(.invalidArgument, "the exact Mann-Whitney distribution assumes no ties; the samples have ties (use the asymptotic method)") }
            guard n1 * n2 <= 1_000_000 else { throw QuantError(.invalidArgument, "the exact Mann-Whitney distribution is limited to n₁·n₂ ≤ 10⁶, got \(n1 * n2)") }
            p = exactUpperTail(Int(u.rounded()), n1, n2)
        } else {
            let nn = Double(n)
            let variance = Double(n1 * n2) / 12 * ((nn + 1) - tieSum / (nn * (nn - 1)))
            guard variance > 0 else { throw QuantError(.invalidArgument, "all observations are tied: the Mann-Whitney variance is 0") }
            let z = (u - Double(n1 * n2) / 2 - 0.5) / variance.squareRoot()
            p = StandardNormal.survival(z)
        }
        p = min(max(p * factor, 0), 1)
        return HypothesisTestResult(statistic: u1, pValue: p)
    }

    /// Mid-ranks (1-based) of the pooled values and Σ(t³ − t) over tie groups.
    static func midRanks(_ values: [Double]) -> (ranks: [Double], tieSum: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = rank }
            let t = Double(j - i + 1)
            tieSum += t * t * t - t
            i = j + 1
        }
        return (ranks, tieSum)
    }

    /// P(U ≥ u) under the null for sample sizes m, n without ties, from the counts of U's values:
    /// the coefficients of Πᵢ₌₁ᵐ (1 − q^{n+i})/(1 − q^i) (the Gaussian binomial coefficient),
    /// built by one multiplication and one division (a strided running sum) per factor.
    static func exactUpperTail(_ u: Int, _ m: Int, _ n: Int) -> Double {
        let size = m * n + 1
        var counts = [Double](repeating: 0, count: size)
        counts[0] = 1
        for i in 1...max(m, 1) where m >= 1 {
            let up = n + i
            // × (1 − q^{n+i}), from the top so each coefficient is read before it is changed.
            if up < size {
                for k in stride(from: size - 1, through: up, by: -1) { counts[k] -= counts[k - up] }
            }
            // ÷ (1 − q^i): c[k] += c[k − i].
            for k in i..<size { counts[k] += counts[k - i] }
        }
        let total = counts.reduce(0, +)
        guard u > 0 else { return 1 }
        guard u < size else { return 0 }
        return counts[u...].reduce(0, +) / total
    }
}
