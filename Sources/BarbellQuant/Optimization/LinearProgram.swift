/// A linear programme: minimise `c·x` subject to bounded linear rows and bounded variables.
///
/// Rows are sparse (indices and coefficients), so programmes with many scenarios, such as
/// Rockafellar-Uryasev minimum CVaR, stay small in memory. Solved by GLPK; see
/// ``LinearProgram/solve(method:)``.
public struct LinearProgram: Sendable {
    /// The range a variable or a row's value `a·x` must lie in.
    public enum Bound: Sendable, Equatable {
        case free
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
        case equal(Double)
    }

    /// One row `lower ≤ Σ coefficients[k]·x[indices[k]] ≤ upper`.
    public struct Row: Sendable {
        public var indices: [Int]
        public var coefficients: [Double]
        public var bound: Bound

        public init(indices: [Int], coefficients: [Double], bound: Bound) {
            self.indices = indices
            self.coefficients = coefficients
            self.bound = bound
        }

        /// A dense row over all variables (zeros are dropped).
        public init(dense coefficients: [Double], bound: Bound) {
            let nonzero = coefficients.indices.filter { coefficients[$0] != 0 }
            self.init(indices: nonzero, coefficients: nonzero.map { coefficients[$0] }, bound: bound)
        }
    }

    /// The objective's coefficients `c`; its count is the number of variables.
    public var objective: [Double]
    /// One bound per variable; variables are non-negative unless set otherwise.
    public var variableBounds: [Bound]
    public var rows: [Row] = []

    public init(minimizing objective: [Double]) {
        self.objective = objective
        self.variableBounds = Array(repeating: .atLeast(0), count: objective.count)
    }

    public var variableCount: Int { objective.count }
}

/// An optimal solution of a ``LinearProgram``.
public struct LinearSolution: Sendable {
    /// The optimal point.
    public var x: [Double]
    /// `c·x` at the optimum.
    public var value: Double
    /// Each row's dual value (shadow price): the change in the optimum per unit relaxation.
    public var rowDuals: [Double]
}
