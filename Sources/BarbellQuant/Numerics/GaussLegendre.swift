import Foundation

/// Gauss-Legendre quadrature, for the smooth one-dimensional integrals of the risk code
/// (tail expectations of quantile functions).
enum GaussLegendre {
    /// The 16 nodes and weights on [−1, 1], by Newton's method on the Legendre polynomial
    /// P₁₆ (exact to round-off; computed once).
    static let rule: [(node: Double, weight: Double)] = {
        let n = 16
        var out: [(Double, Double)] = []
        for i in 1...n {
            var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...n {
                    let p2 = (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)
                    p0 = p1
                    p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-16 { break }
            }
            out.append((x, 2 / ((1 - x * x) * derivative * derivative)))
        }
        return out
    }()

    /// `∫ₐᵇ f(x) dx` by composite 16-point Gauss-Legendre over `panels` equal panels.
    static func integrate(_ f: (Double) -> Double, from a: Double, to b: Double, panels: Int) -> Double {
        let width = (b - a) / Double(panels)
        var sum = 0.0
        for k in 0..<panels {
            let mid = a + (Double(k) + 0.5) * width, half = width / 2
            for (x, w) in rule { sum += w * f(mid + half * x) }
        }
        return sum * width / 2
    }

    /// `∫₀ᵃ f(p) dp` for an `f` that may diverge (integrably, like a quantile function) at 0:
    /// with `p = a·e^{−t}` it becomes `a∫₀^∞ f(a e^{−t}) e^{−t} dt`, smooth in `t`, cut at
    /// `t = 45` where the remaining mass is below 1e-19·a.
    static func integrateLogScale(_ f: (Double) -> Double, over a: Double) -> Double {
        a * integrate({ t in
            let w = exp(-t)
            return f(a * w) * w
        }, from: 0, to: 45, panels: 30)
    }
}
