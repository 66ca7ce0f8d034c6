import Foundation

/// XGBoost gradient-boosted trees behind the common interface. The objective follows the label:
/// `task: regression` (the default) fits squared error; `task: classification` fits binary or
/// multi-class by the number of distinct training labels. With validation rows and
/// `earlyStopping`, training stops once the validation metric has not improved for that many
/// rounds. Trees need no feature scaling; NaN is XGBoost's missing value.
///
/// ```yaml
/// model: {type: xgboost, rounds: 300, eta: 0.05, maxDepth: 6, subsample: 0.8, earlyStopping: 30}
/// ```
public struct BoostingFamily: ModelFamily {
    public init() {}
    public var types: [String] { ["xgboost"] }

    struct Settings: Codable, Equatable {
        var task: LabelTask?
        var rounds: Int?
        var eta: Double?
        var maxDepth: Int?
        var subsample: Double?
        var colsampleByTree: Double?
        var lambda: Double?
        var alpha: Double?
        var minChildWeight: Double?
        var treeMethod: String?
        var threads: Int?
        var earlyStopping: Int?

        static let keys: Set<String> = ["task", "rounds", "eta", "maxDepth", "subsample", "colsampleByTree", "lambda",
                                        "alpha", "minChildWeight", "treeMethod", "threads", "earlyStopping"]

        func configuration(_ objective: GradientBoostingConfiguration.Objective, seed: UInt64) -> GradientBoostingConfiguration {
            var c = GradientBoostingConfiguration(objective: objective)
            if let rounds { c.rounds = rounds }
            if let eta { c.eta = eta }
            if let maxDepth { c.maxDepth = maxDepth }
            if let subsample { c.subsample = subsample }
            if let colsampleByTree { c.colsampleByTree = colsampleByTree }
            if let lambda { c.lambda = lambda }
            if let alpha { c.alpha = alpha }
            if let minChildWeight { c.minChildWeight = minChildWeight }
            if let treeMethod { c.treeMethod = treeMethod }
            if let threads { c.threads = threads }
            c.seed = seed
            return c
        }
    }

    public func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner {
        let settings = try configuration.decode(Settings.self, allowed: Settings.keys)
        try settings.configuration(.regression, seed: 0).validate()
        if let stop = settings.earlyStopping, stop < 1 {
            throw LearningError(.invalidArgument, "model xgboost: earlyStopping = \(stop); expected ≥ 1")
        }
        return BoostingLearner(configuration: configuration, settings: settings)
    }

    public func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel {
        let classes = weights.files["classes.json"] == nil ? nil : try weights.json(LabelClasses.self, "classes.json", model: "xgboost")
        let data = try weights.file("model.json", model: "xgboost")
        let booster = try TemporaryFile.withFile(named: "model.json", contents: data) { path in try GradientBoosting.load(from: path) }
        return TrainedBoosting(configuration: configuration, booster: booster, classes: classes)
    }
}

struct BoostingLearner: Learner {
    let configuration: ModelConfiguration
    let settings: BoostingFamily.Settings

    func fit(_ request: FitRequest) throws -> any TrainedModel {
        let data = request.dataset
        var y = request.trainLabels
        var validationRows = request.validation
        var classes: LabelClasses?
        var objective = GradientBoostingConfiguration.Objective.regression
        if settings.task == .classification {
            let fitted = try LabelClasses.fit(y, model: "xgboost")
            y = try fitted.indices(y, model: "xgboost")
            // A validation label unseen in training (a rare class absent from the training
            // window) cannot be scored; those rows are left out of early stopping.
            validationRows = validationRows.filter { fitted.values.contains(data.labels[$0]) }
            classes = fitted
            objective = fitted.values.count == 2 ? .binary : .multiClass(classes: fitted.values.count)
        }
        var validationY = validationRows.map { data.labels[$0] }
        if let classes { validationY = try classes.indices(validationY, model: "xgboost") }
        let validation = validationRows.isEmpty ? nil : (x: data.inputs.gather(validationRows), y: validationY)
        let booster = try GradientBoosting.train(
            settings.configuration(objective, seed: request.seed),
            x: data.inputs.gather(request.train), rows: request.train.count, columns: data.width, y: y,
            weights: request.trainWeights, validation: validation,
            earlyStoppingRounds: validation == nil ? nil : settings.earlyStopping)
        return TrainedBoosting(configuration: configuration, booster: booster, classes: classes)
    }
}

/// A trained booster; also exposes TreeSHAP contributions for explanations.
public struct TrainedBoosting: ClassProbabilityModel {
    public let configuration: ModelConfiguration
    /// The XGBoost model.
    public let booster: GradientBoosting
    let classes: LabelClasses?

    public func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        let p = try booster.predict(x: inputs.gather(rows), rows: rows.count)
        guard let classes else { return p }
        // binary:logistic gives P(class 1) per row; multi:softprob one probability per class.
        return classes.values.count == 2 ? p : classes.scores(probabilities: p)
    }

    public var classValues: [Double]? { classes?.values }

    public func probabilities(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        guard let classes else {
            throw LearningError(.invalidArgument, "model xgboost was fitted as a regression and gives no class probabilities")
        }
        let p = try booster.predict(x: inputs.gather(rows), rows: rows.count)
        return classes.values.count == 2 ? p.flatMap { [1 - $0, $0] } : p
    }

    public func weights() throws -> ModelWeights {
        var weights = ModelWeights()
        weights.files["model.json"] = try TemporaryFile.withPath(named: "model.json") { path in
            try booster.save(to: path)
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        if let classes { try weights.setJSON(classes, "classes.json") }
        return weights
    }
}
