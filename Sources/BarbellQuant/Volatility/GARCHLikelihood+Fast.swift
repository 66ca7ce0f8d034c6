import Foundation

/// Σ ln xᵢ for positive normal numbers without a logarithm per term: the binary exponents are
/// summed as integers and the significands (in [1, 2)) multiplied, one `log` per ~900 doublings.
/// Each product step rounds once, so the sum is off by about 1e-13 per 500 terms: far below
/// the round-off of adding n log-likelihood terms. Non-normal inputs take the plain `log` path.
struct LogSum {
    private var product = 1.0
    private var exponents = 0
    private var logs = 0.0

    @inline(__always)
    mutating func add(_ x: Double) {
        let bits = x.bitPattern
        // One unsigned comparison: the biased exponent of a positive normal finite number is
        // 1…2046, i.e. bits − 2⁵² < 0x7fe·2⁵² (negative numbers wrap to huge values).
        guard bits &- 0x0010_0000_0000_0000 < 0x7fe0_0000_0000_0000 else {
            logs += log(x)
            return
        }
        exponents += Int(truncatingIfNeeded: (bits >> 52) & 0x7ff) - 1023
        product *= Double(bitPattern: (bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
        if product > 0x1p900 {
            logs += log(product)
            product = 1
        }
    }

    var value: Double { logs + log(product) + Double(exponents) * 0.693_147_180_559_945_309_42 }
}

/// A per-observation likelihood kernel for the fast GARCH(1,1)/GJR(1,1,1) pass: it sees each
/// residual and variance and returns ∂ ln f/∂σ² and ∂ ln f/∂ε, deferring logarithms to ``LogSum``.
protocol FastGARCHKernel {
    mutating func observe(_ e: Double, _ s: Double) -> (dS: Double, dE: Double)
    /// The log-likelihood of `count` observations.
    func value(count: Int) -> Double
    /// ∂ ln L/∂shape.
    func shapeGradient(count: Int) -> [Double]
}

struct FastNormalKernel: FastGARCHKernel {
    var logVariance = LogSum()
    var ratios = 0.0

    @inline(__always)
    mutating func observe(_ e: Double, _ s: Double) -> (dS: Double, dE: Double) {
        let inverse = 1 / s
        let ratio = e * e * inverse
        logVariance.add(s)
        ratios += ratio
        return (0.5 * inverse * (ratio - 1), -e * inverse)
    }

    func value(count: Int) -> Double {
        -0.5 * (Double(count) * 1.837_877_066_409_345_483_56 + logVariance.value + ratios)
    }

    func shapeGradient(count: Int) -> [Double] { [] }
}

struct FastStudentTKernel: FastGARCHKernel {
    let density: StudentTInnovations
    var logVariance = LogSum()
    var logOnePlusU = LogSum()
    var shares = 0.0

    init(nu: Double) { density = StudentTInnovations(nu: nu) }

    @inline(__always)
    mutating func observe(_ e: Double, _ s: Double) -> (dS: Double, dE: Double) {
        let inverse = 1 / s
        let onePlusU = 1 + e * e * inverse * density.inverseNuMinusTwo
        let r = 1 / onePlusU
        let share = (onePlusU - 1) * r
        logVariance.add(s)
        logOnePlusU.add(onePlusU)
        shares += share
        let h = density.halfNuPlusOne
        return (inverse * (h * share - 0.5), -2 * h * e * inverse * density.inverseNuMinusTwo * r)
    }

    func value(count: Int) -> Double {
        Double(count) * density.constant - 0.5 * logVariance.value - density.halfNuPlusOne * logOnePlusU.value
    }

    func shapeGradient(count: Int) -> [Double] {
        [Double(count) * density.constantDerivative - 0.5 * logOnePlusU.value
            + density.halfNuPlusOne * density.inverseNuMinusTwo * shares]
    }
}

extension GARCHLikelihood {
    /// Whether the fast pass applies: GARCH(1,1) or GJR(1,1,1) with normal or Student-t
    /// innovations, the models the speed target is about.
    var hasFastPath: Bool { hasFastRecursion && model.innovations != .skewedT }

    /// GARCH(1,1) or GJR(1,1,1), whatever the innovations.
    var hasFastRecursion: Bool { model.process == .garch && model.p == 1 && model.q == 1 && model.o <= 1 }

    /// ln L and, when `gradient` is non-nil, ∇ ln L for the fast models in one pass with scalar
    /// state (the same recursion, backcast, bounds and summation order as the general path).
    func fastLogLikelihood(_ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        switch model.innovations {
        case .studentT:
            var kernel = FastStudentTKernel(nu: theta[shapeOffset])
            return fastPass(&kernel, theta, gradient)
        default:
            var kernel = FastNormalKernel()
            return fastPass(&kernel, theta, gradient)
        }
    }

    func fastPass<K: FastGARCHKernel>(_ kernelState: inout K, _ theta: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        // A local copy lets the compiler keep the kernel's accumulators in registers; through
        // the inout reference it stores them to memory every step (measured: ~25% slower).
        var kernel = kernelState
        defer { kernelState = kernel }
        // Two call sites with constant flags, so each gets a loop without the model switches.
        switch (model.mean == .constant, model.o == 1) {
        case (true, true): return fastLoop(&kernel, theta, gradient, hasMean: true, asymmetric: true)
        case (true, false): return fastLoop(&kernel, theta, gradient, hasMean: true, asymmetric: false)
        case (false, true): return fastLoop(&kernel, theta, gradient, hasMean: false, asymmetric: true)
        case (false, false): return fastLoop(&kernel, theta, gradient, hasMean: false, asymmetric: false)
        }
    }

    @inline(__always)
    private func fastLoop<K: FastGARCHKernel>(_ kernel: inout K, _ theta: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>?, hasMean: Bool, asymmetric: Bool) -> Double {
        let v0 = varianceOffset
        let mu = hasMean ? theta[0] : 0
        let omega = theta[v0], alpha = theta[v0 + 1]
        let gamma = asymmetric ? theta[v0 + 2] : 0
        let beta = theta[v0 + (asymmetric ? 3 : 2)]
        let bc = backcast
        // State: previous residual, its square, variance, and ∂σ²/∂(μ, ω, α, γ, β).
        var previousE = 0.0, previousF = bc, previousG = 0.5 * bc, previousS = bc
        var dMu = 0.0, dOmega = 0.0, dAlpha = 0.0, dGamma = 0.0, dBeta = 0.0
        var gMu = 0.0, gOmega = 0.0, gAlpha = 0.0, gGamma = 0.0, gBeta = 0.0
        let wantsGradient = gradient != nil
        returns.withUnsafeBufferPointer { y in
        lowerBounds.withUnsafeBufferPointer { lower in
        upperBounds.withUnsafeBufferPointer { upper in
            for t in 0..<y.count {
                let e = y[t] - mu
                var v = omega + alpha * previousF
                if asymmetric { v += gamma * previousG }
                v += beta * previousS
                var scale = 1.0
                var s = v
                if v < lower[t] {
                    s = lower[t]
                    scale = 0
                } else if v > upper[t] {
                    if v.isInfinite {
                        s = upper[t] + 1000
                        scale = 0
                    } else {
                        s = upper[t] + log(v / upper[t])
                        scale = 1 / v
                    }
                }
                let (dS, dE) = kernel.observe(e, s)
                if wantsGradient {
                    // Pre-sample lags are backcast constants: no μ dependence at t = 0.
                    // ∂σ²ₜ = (∂ of the new terms) + β ∂σ²ₜ₋₁, scaled only where a variance bound
                    // acted (the common path keeps each loop-carried chain at one multiply-add;
                    // no `addingProduct`, which is a libm call without hardware FMA).
                    let negative = previousE < 0
                    let muTerm = t == 0 ? 0 : -2 * (alpha + (asymmetric && negative ? gamma : 0)) * previousE
                    dMu = muTerm + beta * dMu
                    dOmega = 1 + beta * dOmega
                    dAlpha = previousF + beta * dAlpha
                    dGamma = previousG + beta * dGamma
                    dBeta = previousS + beta * dBeta
                    if scale != 1 {
                        dMu *= scale
                        dOmega *= scale
                        dAlpha *= scale
                        dGamma *= scale
                        dBeta *= scale
                    }
                    gMu += dS * dMu - dE
                    gOmega += dS * dOmega
                    gAlpha += dS * dAlpha
                    gGamma += dS * dGamma
                    gBeta += dS * dBeta
                }
                let f = e * e
                previousE = e
                previousF = f
                previousG = e < 0 ? f : 0
                previousS = s
            }
        }}}
        if let gradient {
            var k = 0
            if hasMean { gradient[0] = gMu; k = 1 }
            gradient[k] = gOmega
            gradient[k + 1] = gAlpha
            if asymmetric { gradient[k + 2] = gGamma }
            gradient[k + (asymmetric ? 3 : 2)] = gBeta
            for (i, g) in kernel.shapeGradient(count: count).enumerated() { gradient[shapeOffset + i] = g }
        }
        return kernel.value(count: count)
    }
}
