import BarbellQuant
import Testing

/// The NLopt and GLPK wrappers on problems with closed-form optima (derived in the comments),
/// and the failure paths that must surface as errors rather than as results.
@Suite("NLopt and GLPK wrappers")
struct OptimizationTests {
    /// Rosenbrock's function; its unique minimum is f(1, 1) = 0.
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?) -> Double {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        if let g {
            g[0] = -2 * a - 400 * x[0] * b
            g[1] = 200 * b
        }
        return a * a + 100 * b * b
    }

    @Test("L-BFGS and SLSQP find Rosenbrock's minimum, with analytic and finite-difference gradients")
    func rosenbrockMinimum() throws {
        let valueOnly: (UnsafeBufferPointer<Double>) throws -> Double = { Self.rosenbrock($0, nil) }
        for objective in [Self.rosenbrock, NonlinearProgram.finiteDifferences(valueOnly)] {
            for algorithm in [NonlinearSolver.Algorithm.lbfgs, .slsqp] {
                let solution = try NonlinearSolver(algorithm).minimize(NonlinearProgram(dimension: 2, objective: objective), from: [-1.2, 1])
                #expect(abs(solution.x[0] - 1) < 1e-5 && abs(solution.x[1] - 1) < 1e-5, "\(algorithm): \(solution.x)")
                #expect(solution.value < 1e-10)
            }
        }
    }

    @Test("SLSQP honours equality, inequality and bound constraints")
    func constrained() throws {
        // min x² + y² subject to x + y = 1 is at (½, ½); adding x ≥ 0.7 moves it to (0.7, 0.3),
        // and the inequality y ≥ 0.6 (as 0.6 − y ≤ 0) instead moves it to (0.4, 0.6).
        func problem() -> NonlinearProgram {
            var p = NonlinearProgram(dimension: 2) { x, g in
                if let g { g[0] = 2 * x[0]; g[1] = 2 * x[1] }
                return x[0] * x[0] + x[1] * x[1]
            }
            p.equalities = [.init { x, g in
                if let g { g[0] = 1; g[1] = 1 }
                return x[0] + x[1] - 1
            }]
            return p
        }
        let solver = NonlinearSolver(.slsqp)
        let free = try solver.minimize(problem(), from: [3, -2])
        #expect(abs(free.x[0] - 0.5) < 1e-8 && abs(free.x[1] - 0.5) < 1e-8)

        var bounded = problem()
        bounded.lowerBounds[0] = 0.7
        let atBound = try solver.minimize(bounded, from: [1, 0])
        #expect(abs(atBound.x[0] - 0.7) < 1e-8 && abs(atBound.x[1] - 0.3) < 1e-8)

        var withInequality = problem()
        withInequality.inequalities = [.init { x, g in
            if let g { g[0] = 0; g[1] = -1 }
            return 0.6 - x[1]
        }]
        let atInequality = try solver.minimize(withInequality, from: [1, 0])
        #expect(abs(atInequality.x[0] - 0.4) < 1e-8 && abs(atInequality.x[1] - 0.6) < 1e-8)
    }

    @Test("non-convergence, a throwing objective and misuse are errors, never results")
    func failures() throws {
        var capped = NonlinearSolver(.lbfgs)
        capped.maxEvaluations = 5
        let error = #expect(throws: QuantError.self) {
            try capped.minimize(NonlinearProgram(dimension: 2, objective: Self.rosenbrock), from: [-1.2, 1])
        }
        #expect(error?.code == .optimizerFailed)

        struct Boom: Error {}
        let throwing = NonlinearProgram(dimension: 1) { x, _ in
            if x[0] < 0.5 { throw Boom() }
            return x[0]
        }
        #expect(throws: Boom.self) { try NonlinearSolver(.bobyqa).minimize(throwing, from: [1]) }

        var constrained = NonlinearProgram(dimension: 1) { x, _ in x[0] }
        constrained.inequalities = [.init { x, _ in -x[0] }]
        let misuse = #expect(throws: QuantError.self) { try NonlinearSolver(.lbfgs).minimize(constrained, from: [1]) }
        #expect(misuse?.code == .invalidArgument)

        let shape = #expect(throws: QuantError.self) {
            try NonlinearSolver(.slsqp).minimize(NonlinearProgram(dimension: 2, objective: Self.rosenbrock), from: [1])
        }
        #expect(shape?.code == .shapeMismatch)
    }

    @Test("GLPK solves a textbook LP by simplex and interior point", arguments: [LinearProgram.Method.simplex, .interiorPoint])
    func textbookLP(method: LinearProgram.Method) throws {
        // max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0: the optimum is (2, 6) with
        // value 36 (Hillier & Lieberman's Wyndor example). Minimised here as −3x − 5y.
        var lp = LinearProgram(minimizing: [-3, -5])
        lp.rows = [
            .init(dense: [1, 0], bound: .atMost(4)),
            .init(dense: [0, 2], bound: .atMost(12)),
            .init(dense: [3, 2], bound: .atMost(18)),
        ]
        let solution = try lp.solve(method: method)
        let tolerance = method == .simplex ? 1e-12 : 1e-6
        #expect(abs(solution.x[0] - 2) < tolerance && abs(solution.x[1] - 6) < tolerance, "\(solution.x)")
        #expect(abs(solution.value + 36) < tolerance * 10)
        // Shadow prices: the binding rows 2 and 3 price at −3/2 and −1 (y's row in 2y units).
        #expect(abs(solution.rowDuals[1] + 1.5) < tolerance * 10 && abs(solution.rowDuals[2] + 1) < tolerance * 10)
    }

    @Test("infeasible, unbounded and malformed LPs are errors")
    func lpFailures() throws {
        var infeasible = LinearProgram(minimizing: [1])
        infeasible.rows = [.init(dense: [1], bound: .atMost(-1))]
        #expect((#expect(throws: QuantError.self) { try infeasible.solve() })?.code == .infeasible)

        let unbounded = LinearProgram(minimizing: [-1])
        #expect((#expect(throws: QuantError.self) { try unbounded.solve() })?.code == .unbounded)

        var malformed = LinearProgram(minimizing: [1, 1])
        malformed.rows = [.init(indices: [0, 2], coefficients: [1, 1], bound: .atLeast(1))]
        #expect((#expect(throws: QuantError.self) { try malformed.solve() })?.code == .shapeMismatch)
    }
}
