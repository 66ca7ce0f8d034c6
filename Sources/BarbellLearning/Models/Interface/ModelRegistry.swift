/// One family of models: the types it answers to, how to make a learner from a configuration and
/// how to restore a trained model from its weights.
public protocol ModelFamily: Sendable {
    /// The configuration `type`s this family builds.
    var types: [String] { get }
    /// A learner for the configuration; `registry` builds nested models (ensemble members).
    func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner
    /// The trained model saved as `weights`.
    func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel
}

/// The model types Barbell can train, by `type` name.
public struct ModelRegistry: Sendable {
    public let families: [any ModelFamily]

    public init(families: [any ModelFamily]) { self.families = families }

    /// Every `type` this registry knows, sorted.
    public var types: [String] { families.flatMap(\.types).sorted() }

    func family(_ type: String) throws(LearningError) -> any ModelFamily {
        guard let family = families.first(where: { $0.types.contains(type) }) else {
            throw LearningError(.invalidArgument, "unknown model type \(type); expected one of \(types.joined(separator: ", "))")
        }
        return family
    }

    /// A learner for `configuration`.
    public func learner(_ configuration: ModelConfiguration) throws -> any Learner {
        try family(configuration.type).learner(configuration, registry: self)
    }

    /// Restores a trained model from its configuration and weights.
    public func restore(_ configuration: ModelConfiguration, weights: ModelWeights) throws -> any TrainedModel {
        try family(configuration.type).restore(configuration, weights: weights, registry: self)
    }
}
