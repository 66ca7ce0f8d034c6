import Foundation

/// When an option may be exercised.
public enum ExerciseStyle: String, Sendable, CaseIterable, Codable {
    /// Only at expiry.
    case european
    /// At any time up to expiry.
    case american
}

/// Cox-Ross-Rubinstein binomial trees for European and American vanilla options.
///
/// The tree has `steps` steps of Δt = T/N on the logarithm of the underlying: up and down moves
/// of ±σ√Δt and up-probability p = ½ + ½·(b − σ²/2)·√Δt/σ, where b = r − q is the cost of carry
/// (0 under Black-76, whose underlying is a forward). This is the CRR tree as QuantLib's
/// `BinomialVanillaEngine("crr", N)` builds it; its prices agree with the textbook
/// p = (e^{bΔt} − d)/(u − d) to O(Δt) and converge to Black-Scholes-Merton for European options.
/// Values are discounted at e^{−rΔt} per step; American options take the larger of continuation
/// and immediate exercise at every node, including the root.
public enum BinomialTree {
    /// The option's price at volatility `volatility` on an N-step tree.
    ///
    /// Throws ``QuantError/Code/invalidArgument`` for an invalid option or volatility, fewer than
    /// 1 or more than 100 000 steps, or a step so long that p leaves [0, 1] (the message says how
    /// many steps at least are needed).
    public static func price(_ option: VanillaOption, volatility: Double, steps: Int,
                             exercise: ExerciseStyle = .american) throws -> Double {
        try option.validate()
        try VanillaOption.validateVolatility(volatility)
        guard steps >= 1, steps <= 100_000 else {
            throw QuantError(.invalidArgument, "steps is \(steps), expected 1...100000")
        }
        let dt = option.expiry / Double(steps)
        let dx = volatility * dt.squareRoot()
        let carry = option.model == .black76 ? 0 : option.rate - option.dividendYield
        let up = 0.5 + 0.5 * (carry - 0.5 * volatility * volatility) * dt / dx
        guard up >= 0, up <= 1 else {
            throw QuantError(.invalidArgument, "up-probability \(up) is outside [0, 1] with \(steps) steps; use more steps")
        }
        let down = 1 - up
        let discount = exp(-option.rate * dt)
        let s0 = option.underlying, k = option.strike, theta = option.type.sign
        let american = exercise == .american
        // values[j] at step i is the value after j up-moves (and i − j down-moves).
        var values = [Double](unsafeUninitializedCapacity: steps + 1) { buffer, count in
            for j in 0...steps {
                buffer[j] = max(theta * (s0 * exp(Double(2 * j - steps) * dx) - k), 0)
            }
            count = steps + 1
        }
        values.withUnsafeMutableBufferPointer { v in
            for i in stride(from: steps - 1, through: 0, by: -1) {
                for j in 0...i {
                    let continuation = discount * (up * v[j + 1] + down * v[j])
                    if american {
                        let exercise = theta * (s0 * exp(Double(2 * j - i) * dx) - k)
                        v[j] = max(continuation, exercise)
                    } else {
                        v[j] = continuation
                    }
                }
            }
        }
        return values[0]
    }
}
