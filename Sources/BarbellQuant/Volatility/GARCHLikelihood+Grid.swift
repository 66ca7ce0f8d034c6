import Foundation

extension GARCHLikelihood {
    /// Gaussian log-likelihoods of many GARCH(1,1)/GJR(1,1,1) variance candidates (ω, α, [γ,] β)
    /// on the starting residuals in one pass over the data, eight candidates per SIMD vector.
    ///
    /// The starting-value grid has 16 (GARCH) or 64 (GJR) candidates; their recursions are
    /// independent, so running them side by side costs little more than one. Each lane does
    /// exactly the scalar recursion's arithmetic (((ω + α f) + γ g) + β σ²; floor; logarithmic
    /// ceiling, done per lane on the rare steps that need it), so the ranking is the same.
    func gaussianGrid(_ candidates: [[Double]]) -> [Double] {
        precondition(hasFastRecursion)
        let asymmetric = model.o == 1
        var results = [Double](repeating: 0, count: candidates.count)
        let bc = backcast
        let n = count
        for start in stride(from: 0, to: candidates.count, by: 8) {
            let lanes = min(8, candidates.count - start)
            func lane(_ k: Int) -> SIMD8<Double> {
                var x = SIMD8<Double>(repeating: 0)
                for i in 0..<8 { x[i] = candidates[start + min(i, lanes - 1)][k] }
                return x
            }
            let omega = lane(0), alpha = lane(1)
            let gamma = asymmetric ? lane(2) : SIMD8<Double>(repeating: 0)
            let beta = lane(asymmetric ? 3 : 2)
            var previousF = SIMD8<Double>(repeating: bc), previousG = SIMD8<Double>(repeating: 0.5 * bc)
            var previousS = SIMD8<Double>(repeating: bc)
            var ratios = SIMD8<Double>(repeating: 0), products = SIMD8<Double>(repeating: 1)
            var exponents = SIMD8<Int64>(repeating: 0), logs = SIMD8<Double>(repeating: 0)
            let significandMask = SIMD8<UInt64>(repeating: 0x000f_ffff_ffff_ffff)
            let one = SIMD8<UInt64>(repeating: 0x3ff0_0000_0000_0000)
            let exponentMask = SIMD8<UInt64>(repeating: 0x7ff)
            let bias = SIMD8<Int64>(repeating: 1023)
            startResiduals.withUnsafeBufferPointer { e in
            lowerBounds.withUnsafeBufferPointer { lower in
            upperBounds.withUnsafeBufferPointer { upper in
                for t in 0..<n {
                    var v = omega + alpha * previousF
                    if asymmetric { v += gamma * previousG }
                    v += beta * previousS
                    let low = SIMD8<Double>(repeating: lower[t]), high = SIMD8<Double>(repeating: upper[t])
                    var s = v.replacing(with: low, where: v .< low)
                    if any(v .> high) {
                        for i in 0..<8 where v[i] > upper[t] { s[i] = boundedVariance(v[i], lower[t], upper[t]) }
                    }
                    if any(s .< SIMD8<Double>(repeating: Double.leastNormalMagnitude)) {
                        // Subnormal variances (absurdly scaled data): take logarithms directly.
                        for i in 0..<8 { logs[i] += log(s[i]) }
                    } else {
                        let bits = unsafeBitCast(s, to: SIMD8<UInt64>.self)
                        exponents &+= unsafeBitCast((bits &>> 52) & exponentMask, to: SIMD8<Int64>.self) &- bias
                        products *= unsafeBitCast((bits & significandMask) | one, to: SIMD8<Double>.self)
                        if any(products .> SIMD8<Double>(repeating: 0x1p900)) {
                            for i in 0..<8 { logs[i] += log(products[i]) }
                            products = SIMD8<Double>(repeating: 1)
                        }
                    }
                    let x = e[t]
                    let f = x * x
                    ratios += SIMD8<Double>(repeating: f) / s
                    previousF = SIMD8<Double>(repeating: f)
                    previousG = SIMD8<Double>(repeating: x < 0 ? f : 0)
                    previousS = s
                }
            }}}
            for i in 0..<lanes {
                let sumLog = logs[i] + log(products[i]) + Double(exponents[i]) * 0.693_147_180_559_945_309_42
                results[start + i] = -0.5 * (Double(n) * 1.837_877_066_409_345_483_56 + sumLog + ratios[i])
            }
        }
        return results
    }
}
