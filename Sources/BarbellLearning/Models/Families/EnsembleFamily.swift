import Foundation

/// Ensembles of any registered models, built through the ``ModelRegistry`` handed to the family
/// (so members may be linear, boosted, neural or ensembles themselves).
///
/// - `weighted`: the most recent `recentFraction` (default 0.2) of the training calendar is held
///   out, training labels reaching into it are purged, members fitted on the rest are scored by IC
///   (`metric`: `pearson` or `rank`) on it, and weights ∝ max(IC, 0) (equal weights, flagged in
///   the state, when no member has a positive IC). Members are then refitted on every training
///   row. Scores of different models live on different scales, so each member's prediction is
///   z-scored with its holdout mean and standard deviation before averaging: the weights then
///   mean the same thing for every member.
/// - `stacking`: a meta-learner (`meta`, default `{type: ridge, alpha: 1}`) is trained on the
///   members' out-of-fold predictions from a purged k-fold (`folds`, default 5, `embargo`) over
///   the training rows, never on in-fold ones; members are then refitted on every training row.
/// - `regime`: a seeded Gaussian HMM (`states`, default 2) is fitted to the cross-sectional mean
///   per bar of the feature `regimeFeature`; each row's regime is the argmax of the filtered
///   (forward-only) probabilities at its bar, and each regime uses the member with the best
///   out-of-fold IC on training rows in that regime (the best overall when a regime has too few).
///
/// ```yaml
/// model: {type: ensemble, method: stacking, members: [{type: ridge, alpha: 10}, {type: xgboost, rounds: 200}]}
/// ```
public struct EnsembleFamily: ModelFamily {
    public init() {}
    public var types: [String] { ["ensemble"] }

    public func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner {
        let settings = try EnsembleSettings.decode(configuration)
        let members = try settings.members.enumerated().map { i, member in
            do { return try registry.learner(member) } catch let error as LearningError {
                throw LearningError(error.code, "model ensemble: members[\(i)]: \(error.message)")
            }
        }
        if settings.method == .stacking { _ = try registry.learner(settings.metaConfiguration) }
        return EnsembleLearner(configuration: configuration, settings: settings, members: members, registry: registry)
    }

    public func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel {
        let settings = try EnsembleSettings.decode(configuration)
        let state = try weights.json(EnsembleState.self, "ensemble.json", model: "ensemble")
        guard state.memberScores.count == settings.members.count else {
            throw LearningError(.shapeMismatch, "model ensemble: ensemble.json has \(state.memberScores.count) member scores for \(settings.members.count) members")
        }
        let members = try settings.members.enumerated().map { i, member in
            try registry.restore(member, weights: weights.nested(under: "members/\(i)/"))
        }
        let meta = settings.method == .stacking
            ? try registry.restore(settings.metaConfiguration, weights: weights.nested(under: "meta/")) : nil
        return try TrainedEnsemble(configuration: configuration, settings: settings, state: state, members: members, meta: meta)
    }
}
