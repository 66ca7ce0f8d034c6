import BarbellLearning
import BarbellTorch
import Foundation

/// Out-of-sample scores of a trained model on the validation windows, in the units that matter
/// for its task (losses alone do not say whether a model is useful).
struct NNValidationMetrics: Codable, Sendable {
    /// Regression: Pearson correlation of the first output with the realised forward return.
    var informationCoefficient: Double?
    /// Regression: share of non-zero returns whose sign the first output called.
    var hitRate: Double?
    /// Classification: share of correct classes, and the share of the most frequent class (what
    /// always calling that class would score: the baseline to beat).
    var accuracy: Double?
    var majorityShare: Double?
    /// Quantile: per quantile level, the share of returns at or below the predicted quantile.
    var coverage: [String: Double]?

    /// Scores `model` (switched to eval mode) on `windows`' validation samples.
    init(model: any BarbellTorch.Predictor, windows: NNWindows, task: PredictionTask) throws {
        guard let inputs = windows.validationInputs, let validation = windows.validation else { return }
        model.eval()
        let output = try Torch.withNoGrad { try model.forward(inputs) }
        let width = output.shape.last ?? 1
        let p = output.toArray()
        let rows = validation.count
        switch task {
        case .regression:
            let first = (0..<rows).map { p[$0 * width] }
            // Undefined (nil) for a constant prediction or fewer than 2 windows, not an error.
            informationCoefficient = try? InformationCoefficient.pearson(prediction: first, realised: windows.validationReturns)
            hitRate = (try? HitRate(prediction: first, realised: windows.validationReturns))?.rate
        case .classification:
            let labels = validation.targets.toArray()
            var correct = 0
            for i in 0..<rows {
                let scores = p[(i * width)..<((i + 1) * width)]
                if Double(scores.indices.max { scores[$0] < scores[$1] }! - i * width) == labels[i] { correct += 1 }
            }
            accuracy = Double(correct) / Double(rows)
            majorityShare = Double(Dictionary(grouping: labels, by: { $0 }).values.map(\.count).max() ?? 0) / Double(rows)
        case .quantile(let levels):
            let y = validation.targets.toArray()
            var result: [String: Double] = [:]
            for (j, q) in levels.enumerated() {
                result[String(q)] = Double((0..<rows).filter { y[$0] <= p[$0 * width + j] }.count) / Double(rows)
            }
            coverage = result
        }
    }

    /// One line for people.
    var summary: String {
        var parts: [String] = []
        if let informationCoefficient { parts.append(String(format: "IC %+.3f", informationCoefficient)) }
        if let hitRate { parts.append(String(format: "hit rate %.1f%%", hitRate * 100)) }
        if let accuracy, let majorityShare {
            parts.append(String(format: "accuracy %.1f%% (always the most frequent class: %.1f%%)", accuracy * 100, majorityShare * 100))
        }
        if let coverage {
            parts.append("coverage " + coverage.sorted { Double($0.key)! < Double($1.key)! }
                .map { String(format: "q%@ %.1f%%", $0.key, $0.value * 100) }.joined(separator: ", "))
        }
        return parts.isEmpty ? "no validation samples" : parts.joined(separator: ", ")
    }
}
