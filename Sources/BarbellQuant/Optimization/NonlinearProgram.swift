/// A smooth minimisation problem for NLopt: an objective, box bounds and smooth constraints.
///
/// Functions receive the point `x` and, when the algorithm asks for it, a buffer to fill with the
/// gradient (it is `nil` otherwise). They may throw; the optimiser then stops and rethrows the
/// error. Use ``NonlinearProgram/finiteDifferences(_:)`` for functions without an analytic
/// gradient.
public struct NonlinearProgram {
    /// `f(x)`, filling `gradient` with ∇f(x) when it is non-nil.
    public typealias Function = (_ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>?) throws -> Double

    /// A constraint `g(x) ≤ 0` (inequality) or `h(x) = 0` (equality), met to within `tolerance`.
    public struct Constraint {
        public var function: Function
        public var tolerance: Double

        public init(tolerance: Double = 1e-10, _ function: @escaping Function) {
            self.function = function
            self.tolerance = tolerance
        }
    }

    /// The number of variables.
    public var dimension: Int
    /// The function to minimise.
    public var objective: Function
    /// Per-variable lower bounds; `-infinity` for none.
    public var lowerBounds: [Double]
    /// Per-variable upper bounds; `+infinity` for none.
    public var upperBounds: [Double]
    /// Constraints `g(x) ≤ 0`. Only SLSQP (among the algorithms offered) honours them.
    public var inequalities: [Constraint] = []
    /// Constraints `h(x) = 0`. Only SLSQP honours them.
    public var equalities: [Constraint] = []

    public init(dimension: Int, objective: @escaping Function) {
        self.dimension = dimension
        self.objective = objective
        self.lowerBounds = Array(repeating: -.infinity, count: dimension)
        self.upperBounds = Array(repeating: .infinity, count: dimension)
    }

    /// Wraps a value-only function with a central-difference gradient.
    ///
    /// The step for variable `i` is `∛ε · max(|xᵢ|, 1)`, the choice that balances truncation and
    /// round-off error for central differences; accuracy is about `ε^(2/3)` relative.
    public static func finiteDifferences(_ value: @escaping (UnsafeBufferPointer<Double>) throws -> Double) -> Function {
        let cubeRootEpsilon = 6.055454452393343e-06
        return { x, gradient in
            let f = try value(x)
            guard let gradient else { return f }
            var probe = Array(x)
            for i in 0..<x.count {
                let h = cubeRootEpsilon * max(abs(x[i]), 1)
                probe[i] = x[i] + h
                let up = try probe.withUnsafeBufferPointer { try value($0) }
                probe[i] = x[i] - h
                let down = try probe.withUnsafeBufferPointer { try value($0) }
                probe[i] = x[i]
                gradient[i] = (up - down) / (2 * h)
            }
            return f
        }
    }
}
