/// What a sequence model predicts, which fixes its output width and its default loss.
///
/// Encoded as `{"kind": "regression", "horizons": 1}`, `{"kind": "classification", "classes": 3}` or
/// `{"kind": "quantile", "quantiles": [0.1, 0.5, 0.9]}`; a bare `"regression"`, `"classification"` or
/// `"quantile"` decodes with those defaults, so a YAML file can say `task: classification`.
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

extension PredictionTask {
    private enum CodingKeys: String, CodingKey { case kind, horizons, classes, quantiles }

    /// The default quantiles of a bare `quantile` task.
    public static let defaultQuantiles = [0.1, 0.5, 0.9]

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let kind = try? single.decode(String.self) {
            self = try Self.named(kind, horizons: nil, classes: nil, quantiles: nil, codingPath: decoder.codingPath)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self = try Self.named(try c.decode(String.self, forKey: .kind), horizons: try c.decodeIfPresent(Int.self, forKey: .horizons),
                              classes: try c.decodeIfPresent(Int.self, forKey: .classes),
                              quantiles: try c.decodeIfPresent([Double].self, forKey: .quantiles), codingPath: decoder.codingPath)
    }

    private static func named(_ kind: String, horizons: Int?, classes: Int?, quantiles: [Double]?, codingPath: [any CodingKey]) throws -> PredictionTask {
        switch kind {
        case "regression": return .regression(horizons: horizons ?? 1)
        case "classification": return .classification(classes: classes ?? 3)
        case "quantile": return .quantile(quantiles ?? defaultQuantiles)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "task kind '\(kind)': expected regression, classification or quantile"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .regression(let h): try c.encode("regression", forKey: .kind); try c.encode(h, forKey: .horizons)
        case .classification(let k): try c.encode("classification", forKey: .kind); try c.encode(k, forKey: .classes)
        case .quantile(let q): try c.encode("quantile", forKey: .kind); try c.encode(q, forKey: .quantiles)
        }
    }
}
