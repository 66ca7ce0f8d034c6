import Foundation

/// What a learner is asked to fit: dataset rows to train on and, optionally, later rows to
/// validate on (early stopping, ensemble weights), both already checked by the splitter and
/// ``LeakageGuard``.
public struct FitRequest: Sendable {
    public let dataset: SupervisedDataset
    /// Training rows of ``dataset``.
    public let train: [Int]
    /// Validation rows of ``dataset`` (after the training rows in time, purged); may be empty.
    public let validation: [Int]
    /// The seed of every random choice the fit makes.
    public let seed: UInt64
    /// Optional per-row sample weights, indexed by dataset row.
    public let sampleWeights: [Double]?

    public init(dataset: SupervisedDataset, train: [Int], validation: [Int] = [], seed: UInt64, sampleWeights: [Double]? = nil) {
        self.dataset = dataset
        self.train = train
        self.validation = validation
        self.seed = seed
        self.sampleWeights = sampleWeights
    }

    /// The training labels, in ``train`` order.
    public var trainLabels: [Double] { train.map { dataset.labels[$0] } }
    /// The validation labels, in ``validation`` order.
    public var validationLabels: [Double] { validation.map { dataset.labels[$0] } }
    /// The training sample weights, in ``train`` order, when given.
    public var trainWeights: [Double]? { sampleWeights.map { w in train.map { w[$0] } } }
}

/// An untrained model: a configuration that can be fitted. Every model family (linear, boosted
/// trees, the neural zoo, ensembles) is trained through this one interface.
public protocol Learner: Sendable {
    /// The configuration this learner was made from.
    var configuration: ModelConfiguration { get }
    /// Fits on the request's rows; deterministic for a given seed on CPU.
    func fit(_ request: FitRequest) throws -> any TrainedModel
}

/// A fitted model: predicts one score per row from feature rows, and hands over its weights so
/// an artifact can restore it exactly.
public protocol TrainedModel: Sendable {
    /// The configuration it was trained from.
    var configuration: ModelConfiguration { get }
    /// Rows of one symbol each prediction reads, its own included: 1 for tabular models, the
    /// lookback for sequence models.
    var window: Int { get }
    /// One score per requested row: the predicted value for regression, the probability of the
    /// positive class for binary labels, the expected label for multi-class labels. A row with
    /// too little history for ``window`` is an error.
    func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double]
    /// Everything needed to restore the model, as named files (XGBoost JSON, a torch state dict,
    /// coefficients and scaling as JSON).
    func weights() throws -> ModelWeights
}

extension TrainedModel {
    public var window: Int { 1 }
}

/// A trained model's weights as named files, byte for byte what ``ModelFamily/restore`` reads.
public struct ModelWeights: Sendable, Equatable, Codable {
    public var files: [String: Data]

    public init(files: [String: Data] = [:]) { self.files = files }

    /// The named file, or an error naming it.
    public func file(_ name: String, model: String) throws(LearningError) -> Data {
        guard let data = files[name] else {
            throw LearningError(.invalidArgument, "model \(model): weights lack \(name) (have \(files.keys.sorted().joined(separator: ", ")))")
        }
        return data
    }

    /// Decodes a JSON file of the weights.
    public func json<T: Decodable>(_ type: T.Type, _ name: String, model: String) throws(LearningError) -> T {
        let data = try file(name, model: model)
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw LearningError(.invalidArgument, "model \(model): \(name) is not valid (\(error))")
        }
    }

    /// Adds a JSON file.
    public mutating func setJSON<T: Encodable>(_ value: T, _ name: String) throws(LearningError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { files[name] = try encoder.encode(value) } catch {
            throw LearningError(.invalidArgument, "cannot encode \(name): \(error)")
        }
    }
}
