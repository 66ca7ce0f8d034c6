import Foundation

/// The log-density of a standardised innovation for the GARCH likelihood, as `arch` 8 writes it:
/// the contribution of a residual `e` with conditional variance `s`, and its derivatives.
///
/// The shape-dependent constants are computed once per parameter vector (the init), so the
/// per-observation work is a few multiplications and one or two logarithms.
protocol GARCHInnovationDensity {
    /// Number of shape parameters.
    static var shapeCount: Int { get }
    /// ln f(e | s).
    func logDensity(_ e: Double, _ s: Double) -> Double
    /// ln f(e | s) with ∂/∂s and ∂/∂e, adding ∂/∂shape into `shapeGradient` (length ``shapeCount``).
    func logDensity(_ e: Double, _ s: Double, shapeGradient: UnsafeMutablePointer<Double>) -> (value: Double, dS: Double, dE: Double)
}

/// ln(2π).
private let logTwoPi = 1.837_877_066_409_345_483_56

/// The normal: ln f = −½ (ln 2π + ln s + e²/s).
struct NormalInnovations: GARCHInnovationDensity {
    static let shapeCount = 0

    @inline(__always)
    func logDensity(_ e: Double, _ s: Double) -> Double {
        -0.5 * (logTwoPi + log(s) + e * e / s)
    }

    @inline(__always)
    func logDensity(_ e: Double, _ s: Double, shapeGradient: UnsafeMutablePointer<Double>) -> (value: Double, dS: Double, dE: Double) {
        let inverse = 1 / s
        let ratio = e * e * inverse
        return (-0.5 * (logTwoPi + log(s) + ratio), 0.5 * inverse * (ratio - 1), -e * inverse)
    }
}

/// Student's t scaled to unit variance (`arch`'s `StudentsT`):
/// ln f = ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(π(ν−2)) − ½ ln s − (ν+1)/2 · ln(1 + e²/(s(ν−2))).
struct StudentTInnovations: GARCHInnovationDensity {
    static let shapeCount = 1
    let nu: Double
    let constant: Double
    let constantDerivative: Double
    let halfNuPlusOne: Double
    let inverseNuMinusTwo: Double

    init(nu: Double) {
        self.nu = nu
        constant = lgamma((nu + 1) / 2) - lgamma(nu / 2) - log(Double.pi * (nu - 2)) / 2
        constantDerivative = 0.5 * SpecialFunctions.digamma((nu + 1) / 2) - 0.5 * SpecialFunctions.digamma(nu / 2) - 0.5 / (nu - 2)
        halfNuPlusOne = (nu + 1) / 2
        inverseNuMinusTwo = 1 / (nu - 2)
    }

    @inline(__always)
    func logDensity(_ e: Double, _ s: Double) -> Double {
        constant - 0.5 * log(s) - halfNuPlusOne * log(1 + e * e / (s * (nu - 2)))
    }

    @inline(__always)
    func logDensity(_ e: Double, _ s: Double, shapeGradient: UnsafeMutablePointer<Double>) -> (value: Double, dS: Double, dE: Double) {
        let inverse = 1 / s
        let u = e * e * inverse * inverseNuMinusTwo
        let log1u = log(1 + u)
        let share = u / (1 + u)
        shapeGradient[0] += constantDerivative - 0.5 * log1u + halfNuPlusOne * share * inverseNuMinusTwo
        let value = constant - 0.5 * log(s) - halfNuPlusOne * log1u
        let dS = inverse * (halfNuPlusOne * share - 0.5)
        let dE = -2 * halfNuPlusOne * e * inverse * inverseNuMinusTwo / (1 + u)
        return (value, dS, dE)
    }
}

/// Hansen's (1994) skewed t with unit variance (`arch`'s `SkewStudent`), z = e/√s:
/// ln f = ln b + c − ½ ln s − (η+1)/2 · ln(1 + ((b z + a)/(1 + sgn(z + a/b) λ))² / (η−2)), with
/// c = ln Γ((η+1)/2) − ln Γ(η/2) − ½ ln(π(η−2)), a = 4λ eᶜ (η−2)/(η−1), b² = 1 + 3λ² − a².
struct SkewedTInnovations: GARCHInnovationDensity {
    static let shapeCount = 2
    let eta: Double, lambda: Double
    let a: Double, b: Double, c: Double
    let logB: Double, aOverB: Double
    let dA: (eta: Double, lambda: Double)
    let dB: (eta: Double, lambda: Double)
    let dC: Double

    init(eta: Double, lambda: Double) {
        self.eta = eta
        // arch clips |λ| ≥ 1 inside the likelihood to keep 1 ± λ positive.
        self.lambda = abs(lambda) >= 1 ? (lambda < 0 ? -1 : 1) * (1 - 1e-6) : lambda
        c = lgamma((eta + 1) / 2) - lgamma(eta / 2) - log(Double.pi * (eta - 2)) / 2
        dC = 0.5 * SpecialFunctions.digamma((eta + 1) / 2) - 0.5 * SpecialFunctions.digamma(eta / 2) - 0.5 / (eta - 2)
        let aPerLambda = 4 * exp(c) * (eta - 2) / (eta - 1)
        // a and b use the unclipped λ, as arch's constants do.
        a = aPerLambda * lambda
        b = (1 + 3 * lambda * lambda - a * a).squareRoot()
        logB = log(b)
        aOverB = a / b
        let dAdEta = a * (dC + 1 / (eta - 2) - 1 / (eta - 1))
        dA = (dAdEta, aPerLambda)
        dB = (-a * dAdEta / b, (3 * lambda - a * aPerLambda) / b)
    }

    @inline(__always)
    private func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }

    @inline(__always)
    func logDensity(_ e: Double, _ s: Double) -> Double {
        let z = e / s.squareRoot()
        let w = (b * z + a) / (1 + sign(z + aOverB) * lambda)
        return logB + c - log(s) / 2 - (eta + 1) / 2 * log(1 + w * w / (eta - 2))
    }

    @inline(__always)
    func logDensity(_ e: Double, _ s: Double, shapeGradient: UnsafeMutablePointer<Double>) -> (value: Double, dS: Double, dE: Double) {
        let root = s.squareRoot()
        let z = e / root
        let sg = sign(z + aOverB)
        let d = 1 + sg * lambda
        let num = b * z + a
        let w = num / d
        let q = w * w
        let inner = 1 + q / (eta - 2)
        let half = (eta + 1) / 2
        let value = logB + c - log(s) / 2 - half * log(inner)
        // ∂ ln f / ∂q and the chain through w = (b z + a)/d.
        let dq = -half / ((eta - 2) * inner)
        let dqdw = 2 * w
        let dLdz = dq * dqdw * b / d
        let dE = dLdz / root
        let dS = -0.5 / s - dLdz * z / (2 * s)
        // Shape derivatives: a, b, c move with η and λ; d moves with λ.
        let dwdEta = (z * dB.eta + dA.eta) / d
        let dwdLambda = (z * dB.lambda + dA.lambda) / d - w * sg / d
        shapeGradient[0] += dB.eta / b + dC - 0.5 * log(inner) + half * q / ((eta - 2) * (eta - 2) * inner) + dq * dqdw * dwdEta
        shapeGradient[1] += dB.lambda / b + dq * dqdw * dwdLambda
        return (value, dS, dE)
    }
}

extension GARCHModel.Innovations {
    /// Shape bounds as `arch` sets them: ν in [2.05, 500]; η in [2.05, 300], λ in [−1, 1].
    var shapeBounds: [(Double, Double)] {
        switch self {
        case .normal: []
        case .studentT: [(2.05, 500)]
        case .skewedT: [(2.05, 300), (-1, 1)]
        }
    }

    /// `arch`'s moment starting values from the (Pearson) kurtosis k of the standardised residuals:
    /// ν = max((4k − 6)/(k − 3) when k > 3.75, else 12; 4), and λ = 0.
    func startingValues(standardized z: [Double]) -> [Double] {
        guard self != .normal else { return [] }
        let n = Double(z.count)
        let mean = z.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for x in z {
            let d = (x - mean) * (x - mean)
            m2 += d
            m4 += d * d
        }
        m2 /= n
        m4 /= n
        let k = m4 / (m2 * m2)
        let nu = max(k > 3.75 ? (4 * k - 6) / (k - 3) : 12, 4)
        return self == .studentT ? [nu] : [nu, 0]
    }
}
