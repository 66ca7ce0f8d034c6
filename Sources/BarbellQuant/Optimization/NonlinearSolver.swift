/// How NLopt should search, and when to stop.
public struct NonlinearSolver: Sendable {
    /// The NLopt algorithms Barbell uses.
    public enum Algorithm: String, Sendable, CaseIterable {
        /// Limited-memory BFGS (NLopt's `LD_LBFGS`): bounds only, needs gradients.
        case lbfgs
        /// Sequential least-squares quadratic programming (`LD_SLSQP`): bounds, inequality and
        /// equality constraints, needs gradients. The algorithm SciPy and `arch` use.
        case slsqp
        /// Powell's BOBYQA (`LN_BOBYQA`): bounds only, derivative-free.
        case bobyqa
        /// Nelder-Mead simplex (`LN_NELDERMEAD`): bounds only, derivative-free.
        case nelderMead
    }

    public var algorithm: Algorithm
    /// Stop when an iteration changes the objective by less than this fraction of its value.
    public var relativeFunctionTolerance: Double = 1e-12
    /// Stop when an iteration changes every variable by less than this fraction of its value.
    public var relativeStepTolerance: Double = 1e-10
    /// Give up (with ``QuantError/Code/optimizerFailed``) after this many objective evaluations.
    public var maxEvaluations: Int = 10_000
    /// L-BFGS and SLSQP often end at a point where round-off, not the tolerances, stops further
    /// progress ("round-off limited"). When this is true, such an end is accepted if the point
    /// satisfies every constraint; otherwise it is reported as a failure.
    public var acceptsRoundoffLimited = true

    public init(_ algorithm: Algorithm) {
        self.algorithm = algorithm
    }
}

/// Where an optimiser stopped and why.
public struct NonlinearSolution: Sendable {
    /// Why NLopt stopped, in its own words (`NLOPT_FTOL_REACHED`, ...).
    public enum Status: String, Sendable {
        case success, stopValueReached, functionToleranceReached, stepToleranceReached, roundoffLimited
    }

    /// The minimiser found.
    public var x: [Double]
    /// The objective at ``x``.
    public var value: Double
    public var status: Status
    /// How many times the objective was evaluated.
    public var evaluations: Int
}
