import CGLPK

extension LinearProgram {
    /// GLPK's two LP algorithms.
    public enum Method: String, Sendable {
        /// Primal simplex with presolve: exact vertex solutions, the default.
        case simplex
        /// Primal-dual interior point: faster on large, sparse programmes; solutions are accurate
        /// to its tolerances rather than vertex-exact.
        case interiorPoint
    }

    /// Solves the programme with GLPK.
    ///
    /// - Throws: ``QuantError`` `infeasible` or `unbounded` when the programme has no optimum,
    ///   `optimizerFailed` when GLPK stops for another reason (iteration limit, numerical trouble),
    ///   `shapeMismatch` or `nonFinite` for a malformed programme.
    public func solve(method: Method = .simplex) throws -> LinearSolution {
        try validate()
        let lp = glp_create_prob()!
        defer { glp_delete_prob(lp) }
        glp_set_obj_dir(lp, GLP_MIN)
        let n = variableCount
        if n > 0 { glp_add_cols(lp, Int32(n)) }
        for j in 0..<n {
            let (type, lo, hi) = variableBounds[j].glpk
            glp_set_col_bnds(lp, Int32(j + 1), type, lo, hi)
            glp_set_obj_coef(lp, Int32(j + 1), objective[j])
        }
        if !rows.isEmpty { glp_add_rows(lp, Int32(rows.count)) }
        // GLPK's triplet arrays are 1-based: element 0 is unused.
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (i, row) in rows.enumerated() {
            let (type, lo, hi) = row.bound.glpk
            glp_set_row_bnds(lp, Int32(i + 1), type, lo, hi)
            for (k, j) in row.indices.enumerated() {
                ia.append(Int32(i + 1)); ja.append(Int32(j + 1)); ar.append(row.coefficients[k])
            }
        }
        glp_load_matrix(lp, Int32(ar.count - 1), ia, ja, ar)

        let x: [Double], value: Double, duals: [Double]
        switch method {
        case .simplex:
            var parm = glp_smcp()
            glp_init_smcp(&parm)
            parm.msg_lev = GLP_MSG_OFF
            parm.presolve = GLP_ON
            let code = glp_simplex(lp, &parm)
            try Self.check(code: code, status: glp_get_status(lp), method: method)
            x = (0..<n).map { glp_get_col_prim(lp, Int32($0 + 1)) }
            value = glp_get_obj_val(lp)
            duals = rows.indices.map { glp_get_row_dual(lp, Int32($0 + 1)) }
        case .interiorPoint:
            var parm = glp_iptcp()
            glp_init_iptcp(&parm)
            parm.msg_lev = GLP_MSG_OFF
            let code = glp_interior(lp, &parm)
            try Self.check(code: code, status: glp_ipt_status(lp), method: method)
            x = (0..<n).map { glp_ipt_col_prim(lp, Int32($0 + 1)) }
            value = glp_ipt_obj_val(lp)
            duals = rows.indices.map { glp_ipt_row_dual(lp, Int32($0 + 1)) }
        }
        return LinearSolution(x: x, value: value, rowDuals: duals)
    }

    private func validate() throws {
        guard variableBounds.count == variableCount else {
            throw QuantError(.shapeMismatch, "\(variableCount) variables need \(variableCount) bounds, got \(variableBounds.count)")
        }
        if let j = objective.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "objective[\(j)] is \(objective[j]); finite coefficients are required")
        }
        for (i, row) in rows.enumerated() {
            guard row.indices.count == row.coefficients.count else {
                throw QuantError(.shapeMismatch, "row \(i) has \(row.indices.count) indices but \(row.coefficients.count) coefficients")
            }
            if let j = row.indices.first(where: { $0 < 0 || $0 >= variableCount }) {
                throw QuantError(.shapeMismatch, "row \(i) refers to variable \(j); there are \(variableCount)")
            }
            guard Set(row.indices).count == row.indices.count else {
                throw QuantError(.invalidArgument, "row \(i) names a variable twice")
            }
            if let k = row.coefficients.firstIndex(where: { !$0.isFinite }) {
                throw QuantError(.nonFinite, "row \(i) coefficient \(k) is \(row.coefficients[k])")
            }
        }
    }

    private static func check(code: Int32, status: Int32, method: Method) throws {
        switch (code, status) {
        case (0, GLP_OPT): return
        case (GLP_ENOPFS, _), (_, GLP_NOFEAS):
            throw QuantError(.infeasible, "the linear programme has no feasible point")
        case (GLP_ENODFS, _), (_, GLP_UNBND):
            throw QuantError(.unbounded, "the linear programme's objective is unbounded below")
        case (GLP_ENOFEAS, _):
            throw QuantError(.infeasible, "the linear programme has no primal or dual feasible point")
        case (GLP_EITLIM, _):
            throw QuantError(.optimizerFailed, "GLPK \(method.rawValue) hit its iteration limit")
        case (GLP_ENOCVG, _), (GLP_EINSTAB, _):
            throw QuantError(.optimizerFailed, "GLPK \(method.rawValue) did not converge (numerical instability)")
        default:
            throw QuantError(.optimizerFailed, "GLPK \(method.rawValue) stopped with code \(code), solution status \(status)")
        }
    }
}

extension LinearProgram.Bound {
    /// GLPK's (type, lower, upper) triple.
    var glpk: (Int32, Double, Double) {
        switch self {
        case .free: (GLP_FR, 0, 0)
        case .atLeast(let lo): (GLP_LO, lo, 0)
        case .atMost(let hi): (GLP_UP, 0, hi)
        case .between(let lo, let hi) where lo == hi: (GLP_FX, lo, hi)
        case .between(let lo, let hi): (GLP_DB, lo, hi)
        case .equal(let v): (GLP_FX, v, v)
        }
    }
}
