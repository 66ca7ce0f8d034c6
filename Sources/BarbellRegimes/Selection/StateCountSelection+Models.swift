extension GaussianHMM {
    /// Fits ``fit(_:states:covarianceType:restarts:seed:options:)`` for every number of states
    /// in `candidates` (each with the same seed) and keeps the one `criterion` prefers.
    public static func selectStates(_ observations: [[Double]], candidates: ClosedRange<Int>, covarianceType: HMMCovarianceType,
                                    criterion: InformationCriterion = .bic, restarts: Int = 5, seed: UInt64,
                                    options: HMMFitOptions = HMMFitOptions()) throws -> StateCountSelection<HMMFit> {
        try StateCountSelection.select(candidates, observations: observations.count, criterion: criterion) { k in
            let f = try fit(observations, states: k, covarianceType: covarianceType, restarts: restarts, seed: seed, options: options)
            return (f, f.logLikelihood, f.model.parameterCount)
        }
    }
}

extension StudentTHMM {
    /// ``GaussianHMM/selectStates(_:candidates:covarianceType:criterion:restarts:seed:options:)``
    /// for Student-t emissions (ν counted as one parameter per state).
    public static func selectStates(_ observations: [[Double]], candidates: ClosedRange<Int>, covarianceType: HMMCovarianceType,
                                    criterion: InformationCriterion = .bic, restarts: Int = 5, seed: UInt64,
                                    options: StudentTHMMFitOptions = StudentTHMMFitOptions()) throws -> StateCountSelection<StudentTHMMFit> {
        try StateCountSelection.select(candidates, observations: observations.count, criterion: criterion) { k in
            let f = try fit(observations, states: k, covarianceType: covarianceType, restarts: restarts, seed: seed, options: options)
            return (f, f.logLikelihood, f.model.parameterCount)
        }
    }
}

extension GaussianMixture {
    /// ``GaussianHMM/selectStates(_:candidates:covarianceType:criterion:restarts:seed:options:)``
    /// for the number of mixture components (scikit-learn's `bic`/`aic` over `n_components`).
    public static func selectComponents(_ observations: [[Double]], candidates: ClosedRange<Int>, covarianceType: HMMCovarianceType,
                                        criterion: InformationCriterion = .bic, restarts: Int = 5, seed: UInt64,
                                        options: GaussianMixtureFitOptions = GaussianMixtureFitOptions()) throws -> StateCountSelection<GaussianMixtureFit> {
        try StateCountSelection.select(candidates, observations: observations.count, criterion: criterion) { k in
            let f = try fit(observations, components: k, covarianceType: covarianceType, restarts: restarts, seed: seed, options: options)
            return (f, f.logLikelihood, f.model.parameterCount)
        }
    }
}
