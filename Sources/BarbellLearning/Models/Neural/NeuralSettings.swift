import BarbellTorch

/// The flat configuration of a zoo model: the architecture's shape (``SequenceModelConfiguration``
/// fields, the architecture from `type` and the feature count from the data) and a small training
/// section mapped onto BarbellTorch's ``TrainerConfiguration``. Every field is optional.
struct NeuralSettings: Codable, Equatable {
    var task: LabelTask?
    // The model.
    var hidden: Int?
    var layers: Int?
    var dropout: Double?
    var heads: Int?
    var kernelSize: Int?
    var scales: [Int]?
    var head: SequenceModelConfiguration.Head?
    /// Market Transformer: the volume and volatility inputs, by feature name.
    var volumeFeature: String?
    var volatilityFeature: String?
    // The input.
    var lookback: Int?
    // Training.
    var epochs: Int?
    var batchSize: Int?
    var learningRate: Double?
    var weightDecay: Double?
    var patience: Int?
    var gradientClip: Double?

    static let keys: Set<String> = ["task", "hidden", "layers", "dropout", "heads", "kernelSize", "scales", "head",
                                    "volumeFeature", "volatilityFeature", "lookback", "epochs", "batchSize",
                                    "learningRate", "weightDecay", "patience", "gradientClip"]

    /// Input steps per prediction (default 20).
    var window: Int { lookback ?? 20 }

    /// The architecture for `features` inputs and `outputs` (classes, or 1 for regression), with
    /// the market columns resolved against `featureNames`.
    func model(_ type: String, featureNames: [String], classes: Int?) throws(LearningError) -> SequenceModelConfiguration {
        guard let architecture = SequenceModelConfiguration.Architecture(rawValue: type) else {
            throw LearningError(.invalidArgument, "model \(type): not a zoo architecture")
        }
        func column(_ name: String?, _ field: String) throws(LearningError) -> Int? {
            guard let name else { return nil }
            guard let j = featureNames.firstIndex(of: name) else {
                throw LearningError(.invalidArgument, "model \(type): \(field) \(name) is not one of the features \(featureNames)")
            }
            return j
        }
        let d = SequenceModelConfiguration(architecture: architecture, features: featureNames.count)
        var c = SequenceModelConfiguration(
            architecture: architecture, features: featureNames.count, hidden: hidden ?? d.hidden, layers: layers ?? d.layers,
            dropout: dropout ?? d.dropout, heads: heads ?? d.heads, kernelSize: kernelSize ?? d.kernelSize,
            scales: scales ?? d.scales, volumeFeature: try column(volumeFeature, "volumeFeature"),
            volatilityFeature: try column(volatilityFeature, "volatilityFeature"), head: head ?? d.head,
            task: classes.map { .classification(classes: $0) } ?? .regression(horizons: 1))
        // Multi-scale attention reads at most the lookback: default scales longer than it are cut.
        if scales == nil, architecture == .multiScaleAttention {
            let fitting = d.scales.filter { $0 <= window }
            c.scales = fitting.isEmpty ? [window] : fitting
        }
        do { try c.validate() } catch let error as TorchError {
            throw LearningError(.invalidArgument, "model \(type): \(error.message)")
        } catch {
            throw LearningError(.invalidArgument, "model \(type): \(error)")
        }
        if architecture == .multiScaleAttention, let longest = c.scales.max(), longest > window {
            throw LearningError(.invalidArgument, "model \(type): scale \(longest) is longer than lookback \(window)")
        }
        return c
    }

    /// The trainer's settings; early stopping only when there are validation rows to stop on.
    func trainer(_ type: String, seed: UInt64, validating: Bool) throws(LearningError) -> TrainerConfiguration {
        let c = TrainerConfiguration(
            epochs: epochs ?? 10, batchSize: batchSize ?? 256, learningRate: learningRate ?? 1e-3,
            optimizer: .adamW(weightDecay: weightDecay ?? 0), gradientClip: gradientClip ?? 1,
            earlyStoppingPatience: validating ? (patience ?? 3) : nil, seed: seed)
        do { try c.validate() } catch let error as TorchError {
            throw LearningError(.invalidArgument, "model \(type): \(error.message)")
        } catch {
            throw LearningError(.invalidArgument, "model \(type): \(error)")
        }
        return c
    }

    /// Checks what can be checked before the data is known, so a bad value fails when the
    /// experiment is read.
    func validate(_ type: String) throws(LearningError) {
        if let lookback, lookback < 1 { throw LearningError(.invalidArgument, "model \(type): lookback = \(lookback); expected ≥ 1") }
        if let patience, patience < 1 { throw LearningError(.invalidArgument, "model \(type): patience = \(patience); expected ≥ 1") }
        if let weightDecay, !(weightDecay >= 0) { throw LearningError(.invalidArgument, "model \(type): weightDecay = \(weightDecay); expected ≥ 0") }
        _ = try trainer(type, seed: 0, validating: false)
        // The shape on placeholder features; the market columns are checked against the data at fit.
        var probe = self
        var names = ["x"]
        if type == SequenceModelConfiguration.Architecture.marketTransformer.rawValue {
            guard volumeFeature != nil, volatilityFeature != nil else {
                throw LearningError(.invalidArgument, "model \(type): needs volumeFeature and volatilityFeature (feature names)")
            }
            (probe.volumeFeature, probe.volatilityFeature, names) = ("v", "s", ["v", "s"])
        }
        _ = try probe.model(type, featureNames: names, classes: task == .classification ? 2 : nil)
    }
}
