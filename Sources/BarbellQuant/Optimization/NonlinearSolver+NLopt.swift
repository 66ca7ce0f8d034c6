import CNLopt

extension NonlinearSolver {
    /// Minimises `problem` from `start`.
    ///
    /// - Throws: ``QuantError`` with code `optimizerFailed` when NLopt stops without converging
    ///   (evaluation cap, failure, round-off limited when not accepted), `invalidArgument` for a
    ///   malformed problem, or whatever error the objective or a constraint threw.
    public func minimize(_ problem: NonlinearProgram, from start: [Double]) throws -> NonlinearSolution {
        let n = problem.dimension
        guard n > 0, start.count == n, problem.lowerBounds.count == n, problem.upperBounds.count == n else {
            throw QuantError(.shapeMismatch, "a \(n)-variable problem needs \(n) start values and bounds, got \(start.count) start values, \(problem.lowerBounds.count) lower and \(problem.upperBounds.count) upper bounds")
        }
        if let i = start.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "start[\(i)] is \(start[i]); a finite starting point is required")
        }
        if !problem.inequalities.isEmpty || !problem.equalities.isEmpty, algorithm != .slsqp {
            throw QuantError(.invalidArgument, "\(algorithm.rawValue) handles bounds only; use slsqp for problems with constraints")
        }
        guard let opt = nlopt_create(algorithm.nloptAlgorithm, UInt32(n)) else {
            throw QuantError(.optimizerFailed, "NLopt could not create a \(algorithm.rawValue) optimiser for \(n) variables")
        }
        defer { nlopt_destroy(opt) }

        // Each callback gets a box holding its function and a slot for a thrown error; the
        // boxes live until `nlopt_optimize` returns (they are retained by `boxes`).
        let objectiveBox = CallbackBox(problem.objective, optimizer: opt)
        var boxes = [objectiveBox]
        try check(nlopt_set_min_objective(opt, nloptTrampoline, Unmanaged.passUnretained(objectiveBox).toOpaque()), opt, "objective")
        try check(nlopt_set_lower_bounds(opt, problem.lowerBounds), opt, "lower bounds")
        try check(nlopt_set_upper_bounds(opt, problem.upperBounds), opt, "upper bounds")
        for constraint in problem.inequalities {
            let box = CallbackBox(constraint.function, optimizer: opt)
            boxes.append(box)
            try check(nlopt_add_inequality_constraint(opt, nloptTrampoline, Unmanaged.passUnretained(box).toOpaque(), constraint.tolerance), opt, "inequality constraint")
        }
        for constraint in problem.equalities {
            let box = CallbackBox(constraint.function, optimizer: opt)
            boxes.append(box)
            try check(nlopt_add_equality_constraint(opt, nloptTrampoline, Unmanaged.passUnretained(box).toOpaque(), constraint.tolerance), opt, "equality constraint")
        }
        try check(nlopt_set_ftol_rel(opt, relativeFunctionTolerance), opt, "function tolerance")
        try check(nlopt_set_xtol_rel(opt, relativeStepTolerance), opt, "step tolerance")
        try check(nlopt_set_maxeval(opt, Int32(clamping: maxEvaluations)), opt, "evaluation cap")

        // NLopt rejects a start outside the bounds; clamp it in, as SciPy does.
        var x = zip(start, zip(problem.lowerBounds, problem.upperBounds)).map { min(max($0, $1.0), $1.1) }
        var value = Double.nan
        let result = nlopt_optimize(opt, &x, &value)
        let evaluations = Int(nlopt_get_numevals(opt))
        withExtendedLifetime(boxes) {}
        if let error = boxes.lazy.compactMap(\.error).first { throw error }

        let status: NonlinearSolution.Status
        switch result {
        case NLOPT_SUCCESS: status = .success
        case NLOPT_STOPVAL_REACHED: status = .stopValueReached
        case NLOPT_FTOL_REACHED: status = .functionToleranceReached
        case NLOPT_XTOL_REACHED: status = .stepToleranceReached
        case NLOPT_ROUNDOFF_LIMITED where acceptsRoundoffLimited && value.isFinite
            && (try? problem.isFeasible(x)) == true:
            status = .roundoffLimited
        case NLOPT_MAXEVAL_REACHED:
            throw QuantError(.optimizerFailed, "\(algorithm.rawValue) did not converge within \(maxEvaluations) evaluations (objective \(value))")
        default:
            let reason = String(cString: nlopt_result_to_string(result))
            let detail = nlopt_get_errmsg(opt).map { ": " + String(cString: $0) } ?? ""
            throw QuantError(.optimizerFailed, "\(algorithm.rawValue) stopped with \(reason)\(detail) after \(evaluations) evaluations")
        }
        guard value.isFinite else {
            throw QuantError(.optimizerFailed, "\(algorithm.rawValue) ended at a non-finite objective (\(value))")
        }
        return NonlinearSolution(x: x, value: value, status: status, evaluations: evaluations)
    }

    private func check(_ result: nlopt_result, _ opt: nlopt_opt, _ what: String) throws {
        guard result.rawValue > 0 else {
            let detail = nlopt_get_errmsg(opt).map { String(cString: $0) } ?? String(cString: nlopt_result_to_string(result))
            throw QuantError(.invalidArgument, "NLopt rejected the \(what): \(detail)")
        }
    }
}

extension NonlinearProgram {
    /// Whether `x` is inside the bounds and meets every constraint within its tolerance.
    func isFeasible(_ x: [Double]) throws -> Bool {
        for i in 0..<dimension where x[i] < lowerBounds[i] || x[i] > upperBounds[i] { return false }
        return try x.withUnsafeBufferPointer { p in
            for c in inequalities where try c.function(p, nil) > c.tolerance * 10 { return false }
            for c in equalities where try abs(c.function(p, nil)) > c.tolerance * 10 { return false }
            return true
        }
    }
}

extension NonlinearSolver.Algorithm {
    var nloptAlgorithm: nlopt_algorithm {
        switch self {
        case .lbfgs: NLOPT_LD_LBFGS
        case .slsqp: NLOPT_LD_SLSQP
        case .bobyqa: NLOPT_LN_BOBYQA
        case .nelderMead: NLOPT_LN_NELDERMEAD
        }
    }
}

/// A Swift function and the first error it threw, reachable from NLopt's C callback.
private final class CallbackBox {
    let function: NonlinearProgram.Function
    let optimizer: nlopt_opt
    var error: Error?

    init(_ function: @escaping NonlinearProgram.Function, optimizer: nlopt_opt) {
        self.function = function
        self.optimizer = optimizer
    }
}

/// NLopt's C callback: forwards to the boxed Swift function; a thrown error stops the search.
private func nloptTrampoline(_ n: UInt32, _ x: UnsafePointer<Double>?, _ gradient: UnsafeMutablePointer<Double>?, _ data: UnsafeMutableRawPointer?) -> Double {
    let box = Unmanaged<CallbackBox>.fromOpaque(data!).takeUnretainedValue()
    let point = UnsafeBufferPointer(start: x, count: Int(n))
    let grad = gradient.map { UnsafeMutableBufferPointer(start: $0, count: Int(n)) }
    do {
        return try box.function(point, grad)
    } catch {
        box.error = error
        nlopt_force_stop(box.optimizer)
        return .nan
    }
}
