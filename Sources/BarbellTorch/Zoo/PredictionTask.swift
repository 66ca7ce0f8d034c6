/// What a sequence model predicts, which fixes its output width and its default loss.
public enum PredictionTask: Sendable, Equatable, Codable {
    /// Returns at `horizons` horizons (one output each); MSE.
    case regression(horizons: Int)
    /// Down/flat/up (or `classes`) probabilities as logits; cross-entropy.
    case classification(classes: Int)
    /// One output per quantile of the next return; pinball loss.
    case quantile([Double])

    /// Width of the model's output.
    public var outputs: Int {
        switch self {
        case .regression(let h): h
        case .classification(let c): c
        case .quantile(let q): q.count
        }
    }

    /// The task's natural loss.
    public var defaultLoss: Loss {
        switch self {
        case .regression: .mse
        case .classification: .crossEntropy
        case .quantile(let q): .pinball(quantiles: q)
        }
    }
}
