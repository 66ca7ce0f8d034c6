import Foundation
import BarbellQuant

/// Ridge, lasso and logistic regression behind the common interface, on features standardised
/// with training-row statistics (stored with the weights). `logistic` fits the binary model on
/// two classes and the multinomial one on more.
///
/// ```yaml
/// model: {type: ridge, alpha: 10}
/// model: {type: lasso, alpha: 0.0001}
/// model: {type: logistic, c: 0.1}
/// ```
public struct LinearFamily: ModelFamily {
    public init() {}
    public var types: [String] { ["ridge", "lasso", "logistic"] }

    struct Settings: Codable, Equatable {
        var alpha: Double?
        var c: Double?
        var fitIntercept: Bool?
        var maxIter: Int?
        var tol: Double?
    }

    static func settings(_ configuration: ModelConfiguration) throws(LearningError) -> Settings {
        let allowed: Set<String> = switch configuration.type {
        case "ridge": ["alpha", "fitIntercept"]
        case "lasso": ["alpha", "fitIntercept", "maxIter", "tol"]
        default: ["c", "fitIntercept"]
        }
        return try configuration.decode(Settings.self, allowed: allowed)
    }

    public func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner {
        let settings = try Self.settings(configuration)
        // Build once so a bad hyperparameter fails when the experiment is read, not mid-run.
        _ = try LinearLearner.model(configuration.type, settings, classes: 2)
        return LinearLearner(configuration: configuration, settings: settings)
    }

    public func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel {
        let state = try weights.json(LinearState.self, "linear.json", model: configuration.type)
        guard state.coefficients.allSatisfy({ $0.count == state.scaling.means.count }),
              state.intercepts.count == state.coefficients.count else {
            throw LearningError(.shapeMismatch, "model \(configuration.type): linear.json coefficients and scaling disagree in shape")
        }
        return TrainedLinear(configuration: configuration, state: state)
    }
}

/// The fitted state of a linear model: one coefficient row per output (one for regression and
/// binary, one per class for multinomial), intercepts, the scaling and the classes.
struct LinearState: Codable, Equatable {
    var coefficients: [[Double]]
    var intercepts: [Double]
    var scaling: FeatureScaling
    var classes: LabelClasses?
}

struct LinearLearner: Learner {
    let configuration: ModelConfiguration
    let settings: LinearFamily.Settings

    enum Fitted { case single(any LinearModel), multinomial(MultinomialLogisticRegression) }

    static func model(_ type: String, _ s: LinearFamily.Settings, classes: Int) throws -> Fitted {
        switch type {
        case "ridge": return .single(try Ridge(alpha: s.alpha ?? 1, fitIntercept: s.fitIntercept ?? true))
        case "lasso": return .single(try Lasso(alpha: s.alpha ?? 1, fitIntercept: s.fitIntercept ?? true, maxIter: s.maxIter ?? 1000, tol: s.tol ?? 1e-4))
        default:
            return classes == 2 ? .single(try LogisticRegression(c: s.c ?? 1, fitIntercept: s.fitIntercept ?? true))
                                : .multinomial(try MultinomialLogisticRegression(c: s.c ?? 1, fitIntercept: s.fitIntercept ?? true))
        }
    }

    func fit(_ request: FitRequest) throws -> any TrainedModel {
        let data = request.dataset
        let scaling = try FeatureScaling.fit(data.features, width: data.width, rows: request.train)
        let x = try Matrix(rows: request.train.count, columns: data.width, values: try scaling.apply(data.inputs, rows: request.train))
        var y = request.trainLabels
        var classes: LabelClasses?
        if configuration.type == "logistic" {
            let fitted = try LabelClasses.fit(y, model: configuration.type)
            y = try fitted.indices(y, model: configuration.type)
            classes = fitted
        }
        let state: LinearState
        switch try Self.model(configuration.type, settings, classes: classes?.values.count ?? 2) {
        case .single(var model):
            try model.fit(x: x, y: y, sampleWeight: request.trainWeights)
            state = LinearState(coefficients: [model.coefficients], intercepts: [model.intercept], scaling: scaling, classes: classes)
        case .multinomial(var model):
            try model.fit(x: x, y: y, sampleWeight: request.trainWeights)
            state = LinearState(coefficients: model.coefficients, intercepts: model.intercepts, scaling: scaling, classes: classes)
        }
        return TrainedLinear(configuration: configuration, state: state)
    }
}

struct TrainedLinear: ClassProbabilityModel {
    let configuration: ModelConfiguration
    let state: LinearState

    var classValues: [Double]? { state.classes?.values }

    func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        guard let classes = state.classes else { return try linearPredictors(inputs, rows: rows)[0] }
        return classes.scores(probabilities: try probabilities(inputs, rows: rows))
    }

    func probabilities(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        guard state.classes != nil else {
            throw LearningError(.invalidArgument, "model \(configuration.type) was fitted as a regression and gives no class probabilities")
        }
        let eta = try linearPredictors(inputs, rows: rows)
        var probabilities = [Double]()
        if eta.count == 1 {
            for value in eta[0] {
                let p = 1 / (1 + Foundation.exp(-value))
                probabilities += [1 - p, p]
            }
            return probabilities
        }
        probabilities.reserveCapacity(rows.count * eta.count)
        for r in 0..<rows.count {
            let top = eta.map { $0[r] }.max()!
            let e = eta.map { Foundation.exp($0[r] - top) }
            let total = e.reduce(0, +)
            probabilities.append(contentsOf: e.map { $0 / total })
        }
        return probabilities
    }

    /// `x·w_k + b_k` for each output k and row.
    func linearPredictors(_ inputs: FeatureMatrix, rows: [Int]) throws -> [[Double]] {
        let x = try state.scaling.apply(inputs, rows: rows)
        let w = inputs.width
        return state.coefficients.indices.map { k in
            (0..<rows.count).map { r in
                var s = state.intercepts[k]
                for j in 0..<w { s += x[r * w + j] * state.coefficients[k][j] }
                return s
            }
        }
    }

    func weights() throws -> ModelWeights {
        var weights = ModelWeights()
        try weights.setJSON(state, "linear.json")
        return weights
    }
}
