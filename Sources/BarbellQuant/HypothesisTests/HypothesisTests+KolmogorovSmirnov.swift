import CLapack
import Foundation

extension HypothesisTests {
    /// The one-sample two-sided Kolmogorov-Smirnov test of `x` against `distribution`: scipy's
    /// `kstest(x, cdf)` (`ks_1samp`, `method="auto"`, which is exact).
    ///
    /// D = supₓ |Fₙ(x) − F(x)|. The p-value P(Dₙ ≥ D) is exact: the Durbin matrix
    /// (Marsaglia-Tsang-Wang 2003) where nD² < 2.2, and twice the exact one-sided Smirnov tail
    /// (Birnbaum-Tingey sum) beyond, where the two one-sided events no longer overlap to double
    /// precision: the split scipy uses. For n > 140 with nD^1.5 > 1.4 scipy switches to the
    /// Pelz-Good approximation, this stays exact (the two differ there by about 1e-6 relative),
    /// and beyond a 400×400 Durbin matrix it uses the limiting Kolmogorov distribution.
    /// Needs at least one observation.
    public static func kolmogorovSmirnov(_ x: [Double], against distribution: some ContinuousDistribution) throws -> HypothesisTestResult {
        try requireSample(x, "x", minimum: 1, for: "a Kolmogorov-Smirnov test")
        let sorted = x.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (i, v) in sorted.enumerated() {
            let f = distribution.cdf(v)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        return HypothesisTestResult(statistic: d, pValue: kolmogorovSurvival(sorted.count, d))
    }

    /// The two-sample two-sided Kolmogorov-Smirnov test: scipy's `ks_2samp(x, y)` with
    /// `method="auto"`: exact (lattice-path probability) when both samples have at most 10 000
    /// observations, otherwise scipy's asymptotic form, the one-sample two-sided distribution at
    /// the effective size round(n₁n₂/(n₁ + n₂)) (see ``kolmogorovSmirnov(_:against:)`` for how
    /// that is evaluated). Needs at least one observation per sample.
    public static func kolmogorovSmirnov(_ x: [Double], _ y: [Double]) throws -> HypothesisTestResult {
        try requireSample(x, "x", minimum: 1, for: "a two-sample Kolmogorov-Smirnov test")
        try requireSample(y, "y", minimum: 1, for: "a two-sample Kolmogorov-Smirnov test")
        let a = x.sorted(), b = y.sorted()
        let n1 = a.count, n2 = b.count
        // D over all pooled points: the empirical cdfs just after each value.
        var i = 0, j = 0
        var d = 0.0
        while i < n1 || j < n2 {
            let v = min(i < n1 ? a[i] : .infinity, j < n2 ? b[j] : .infinity)
            while i < n1, a[i] == v { i += 1 }
            while j < n2, b[j] == v { j += 1 }
            d = max(d, abs(Double(i) / Double(n1) - Double(j) / Double(n2)))
        }
        if max(n1, n2) <= 10_000 {
            let g = gcd(n1, n2)
            let lcm = Double(n1 / g) * Double(n2)
            let h = Int((d * lcm).rounded(.toNearestOrEven))
            let dExact = Double(h) / lcm
            let p = h == 0 ? 1 : twoSampleOutsideProbability(n1, n2, g: g, h: h)
            return HypothesisTestResult(statistic: dExact, pValue: min(max(p, 0), 1))
        }
        // scipy's asymptotic two-sided p: the one-sample distribution at n = round(n₁n₂/(n₁ + n₂)).
        let en = (Double(n1) * Double(n2) / Double(n1 + n2)).rounded(.toNearestOrEven)
        return HypothesisTestResult(statistic: d, pValue: min(max(kolmogorovSurvival(Int(en), d), 0), 1))
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// P(D ≥ h/lcm) for samples of sizes m and n: the share of monotone lattice paths from (0, 0)
    /// to (m, n) that touch |i·n − j·m| ≥ h·g. Equal sizes use scipy's alternating-sum Horner
    /// form; otherwise 1 − the probability of staying inside, by dynamic programming over the
    /// path's hypergeometric step probabilities (scipy's `_compute_outer_prob_inside_method`).
    static func twoSampleOutsideProbability(_ m: Int, _ n: Int, g: Int, h: Int) -> Double {
        if m == n {
            var p = 0.0
            var k = n / h
            while k >= 0 {
                var p1 = 1.0
                for j in 0..<h { p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1) }
                p = p1 * (1 - p)
                k -= 1
            }
            return 2 * p
        }
        let bound = h * g
        // inside[j] = P(path reaches (i, j) without touching the boundary).
        var inside = [Double](repeating: 0, count: n + 1)
        for i in 0...m {
            for j in 0...n {
                if abs(i * n - j * m) >= bound { inside[j] = 0; continue }
                if i == 0, j == 0 { inside[j] = 1; continue }
                var p = 0.0
                // from (i − 1, j): an x step, probability (m − i + 1)/(m + n − i − j + 1).
                if i > 0 { p += inside[j] * Double(m - i + 1) / Double(m + n - i - j + 1) }
                // from (i, j − 1): a y step, probability (n − j + 1)/(m + n − i − j + 1).
                if j > 0 { p += inside[j - 1] * Double(n - j + 1) / Double(m + n - i - j + 1) }
                inside[j] = p
            }
        }
        return 1 - inside[n]
    }

    /// P(Dₙ ≥ d) for the two-sided one-sample statistic (see ``kolmogorovSmirnov(_:against:)``).
    static func kolmogorovSurvival(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 0 }
        let nn = Double(n)
        let t = nn * d
        if t <= 0.5 { return 1 }
        if t <= 1 {
            // Ruben-Gambino: P(D < d) = n!/nⁿ (2t − 1)ⁿ for ½ ≤ t ≤ 1.
            let logFactorial: Double = lgamma(nn + 1)
            let logCDF = logFactorial - nn * log(nn) + nn * log(2 * t - 1)
            return -expm1(logCDF)
        }
        if t >= nn - 1 { return 2 * pow(1 - d, nn) }
        if d >= 0.5 || nn * d * d >= 2.2 { return min(1, 2 * smirnovSurvival(n, d)) }
        let k = Int(t.rounded(.up))
        if 2 * k - 1 > 400 { return kolmogorovLimitSurvival(d * nn.squareRoot()) }
        return max(0, 1 - durbinCDF(n, d))
    }

    /// The exact one-sided tail P(Dₙ⁺ ≥ d) = d Σⱼ C(n, j)(1 − d − j/n)^{n−j}(d + j/n)^{j−1}
    /// (Birnbaum and Tingey 1951), summed in logs; every term is positive.
    static func smirnovSurvival(_ n: Int, _ d: Double) -> Double {
        let nn = Double(n)
        let last = Int((nn * (1 - d)).rounded(.down))
        var sum = 0.0
        let logFactorialN: Double = lgamma(nn + 1)
        for j in 0...max(last, 0) {
            let jj = Double(j)
            let rest = 1 - d - jj / nn
            guard rest > 0 else { continue }
            let logBinomial: Double = logFactorialN - lgamma(jj + 1) - lgamma(nn - jj + 1)
            let logPowers: Double = (nn - jj) * log(rest) + (jj - 1) * log(d + jj / nn)
            let logTerm = logBinomial + logPowers
            sum += exp(logTerm)
        }
        return d * sum
    }

    /// P(Dₙ < d) by the Durbin matrix method of Marsaglia, Tsang and Wang (2003): the (k, k)
    /// entry of Hⁿ·n!/nⁿ with d = (k − h)/n, by repeated squaring with power-of-two rescaling.
    static func durbinCDF(_ n: Int, _ d: Double) -> Double {
        let nd = Double(n) * d
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var matrix = [Double](repeating: 0, count: m * m)
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] = (1 - pow(h, Double(j))) * factorial
        }
        let tt = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tt) * factorial
        for i in 1..<m {
            for r in (i - 1)..<m { matrix[r * m + i] = w[r - i + 1] }
        }
        for r in 0..<m { matrix[r * m] = v[r] }
        for c in 0..<m { matrix[(m - 1) * m + c] = v[m - 1 - c] }

        func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: m * m)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { po in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(m), Int32(m), 1,
                                    pa.baseAddress, Int32(m), pb.baseAddress, Int32(m), 0, po.baseAddress, Int32(m))
                    }
                }
            }
            return out
        }
        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var powerExponent = 0, matrixExponent = 0
        var remaining = n
        let scale = 0x1p128, scaleExponent = 128
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, matrix)
                powerExponent += matrixExponent
            }
            matrix = multiply(matrix, matrix)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + k - 1]) > scale {
                for i in 0..<(m * m) { matrix[i] /= scale }
                matrixExponent += scaleExponent
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + k - 1]
        // × n!/nⁿ, applied as successive factors i/n with the 2^(128·e) scaling folded back in.
        for i in 1...n {
            p *= Double(i) / Double(n)
            if p < 1e-140 {
                p *= scale
                powerExponent -= scaleExponent
            }
        }
        return p * pow(2, Double(powerExponent))
    }

    /// The limiting Kolmogorov survival P(K ≥ x) = 2 Σₖ (−1)^{k−1} e^{−2k²x²} (scipy's
    /// `kstwobign.sf`), with the theta-function form for small x.
    static func kolmogorovLimitSurvival(_ x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < 1 {
            // 1 − √(2π)/x Σ e^{−(2k−1)²π²/(8x²)}.
            var sum = 0.0
            for k in 1...20 {
                let kk = Double(2 * k - 1)
                sum += exp(-kk * kk * Double.pi * Double.pi / (8 * x * x))
            }
            return 1 - (2 * Double.pi).squareRoot() / x * sum
        }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * x * x)
            sum += (k % 2 == 1 ? term : -term)
            if term < 1e-17 { break }
        }
        return 2 * sum
    }
}
