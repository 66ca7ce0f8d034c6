import BarbellData
import Foundation

/// Seeded innovation draws for GARCH simulation, by inversion (one uniform per draw, Barbell's
/// convention; see `RandomDraws.swift`), each with unit variance.
struct GARCHInnovationSampler {
    let innovations: GARCHModel.Innovations
    let shape: [Double]

    init(_ innovations: GARCHModel.Innovations, shape: [Double]) {
        self.innovations = innovations
        self.shape = shape
    }

    /// One standardised draw.
    func draw(_ rng: inout SplitMix64) -> Double {
        let u = rng.nextOpenUnit()
        switch innovations {
        case .normal:
            return StandardNormal.quantile(u)
        case .studentT:
            let nu = shape[0]
            return studentTQuantile(u, nu) * ((nu - 2) / nu).squareRoot()
        case .skewedT:
            return skewedTQuantile(u, eta: shape[0], lambda: shape[1])
        }
    }
}

/// Hansen's skewed-t quantile as `arch`'s `SkewStudent.ppf` computes it from Student's t.
func skewedTQuantile(_ u: Double, eta: Double, lambda: Double) -> Double {
    let c = lgamma((eta + 1) / 2) - lgamma(eta / 2) - log(Double.pi * (eta - 2)) / 2
    let a = 4 * lambda * exp(c) * (eta - 2) / (eta - 1)
    let b = (1 + 3 * lambda * lambda - a * a).squareRoot()
    let split = (1 - lambda) / 2
    let t = u < split ? studentTQuantile(u / (1 - lambda), eta) : studentTQuantile(0.5 + (u - split) / (1 + lambda), eta)
    let sign: Double = u > split ? 1 : (u < split ? -1 : 0)
    return (t * (1 + sign * lambda) * (1 - 2 / eta).squareRoot() - a) / b
}

/// The quantile of Student's t with `nu` degrees of freedom (not standardised): Newton's method
/// on the distribution function from a normal start, with bisection safeguards; relative error
/// about 1e-12.
func studentTQuantile(_ p: Double, _ nu: Double) -> Double {
    guard p > 0, p < 1 else { return p == 0 ? -.infinity : (p == 1 ? .infinity : .nan) }
    if p == 0.5 { return 0 }
    // Work in the upper half; the distribution is symmetric.
    let upper = p > 0.5
    let tail = upper ? 1 - p : p
    let logC = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
    func survival(_ x: Double) -> Double { 0.5 * regularizedIncompleteBeta(nu / (nu + x * x), nu / 2, 0.5) }
    func density(_ x: Double) -> Double { exp(logC - (nu + 1) / 2 * log1p(x * x / nu)) }
    var x = max(-StandardNormal.quantile(tail), 1e-3)
    var low = 0.0, high = Double.infinity
    for _ in 0..<100 {
        let f = survival(x) - tail
        if f > 0 { low = x } else { high = x }
        var next = x + f / density(x)
        if !(next > low && next < high) || !next.isFinite {
            next = high.isFinite ? 0.5 * (low + high) : 2 * x
        }
        if abs(next - x) <= 1e-14 * x { x = next; break }
        x = next
    }
    return upper ? x : -x
}

/// The regularised incomplete beta function Iₓ(a, b) by Lentz's continued fraction.
func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    // The continued fraction converges fast for x < (a+1)/(a+b+2); use symmetry otherwise.
    if x > (a + 1) / (a + b + 2) { return 1 - regularizedIncompleteBeta(1 - x, b, a) }
    let tiny = 1e-300
    var c = 1.0, d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...500 {
        let m = Double(m)
        var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 + numerator * d; if abs(d) < tiny { d = tiny }
        c = 1 + numerator / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1 + numerator * d; if abs(d) < tiny { d = tiny }
        c = 1 + numerator / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return exp(logFront) * h / a
}
