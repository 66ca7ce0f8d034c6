import Foundation

/// The score permutation importance measures the drop of.
public enum ExplanationMetric: String, Sendable, Codable, Equatable {
    /// Pearson IC of prediction against label.
    case ic
    /// Spearman (rank) IC.
    case rankIC
    /// Mean squared error (the drop is measured on −MSE, so a larger error is a positive drop).
    case mse
}

/// Explanations of any ``TrainedModel`` on rows of a ``FeatureMatrix``, as ``Explanation``s.
public enum ModelExplainer {
    /// Permutation importance: for each feature, the seeded mean drop of `metric` when its
    /// column is shuffled across `rows` (evaluation rows, never the training ones). Only the
    /// explained rows' own features are shuffled; a sequence model's earlier window rows keep theirs.
    public static func permutation(_ model: any TrainedModel, inputs: FeatureMatrix, rows: [Int], labels: [Double],
                                   metric: ExplanationMetric = .ic, repeats: Int = 5, seed: UInt64) throws -> Explanation {
        try checkRows(rows, inputs)
        guard labels.count == rows.count else {
            throw LearningError(.shapeMismatch, "permutation importance: \(labels.count) labels for \(rows.count) rows")
        }
        let predict = predictor(model, inputs: inputs, rows: rows)
        let result = try PermutationImportance(x: inputs.gather(rows), width: inputs.width, y: labels, repeats: repeats, seed: seed,
                                               predict: predict) { p, y in
            switch metric {
            case .ic: return try InformationCoefficient.pearson(prediction: p, realised: y)
            case .rankIC: return try InformationCoefficient.spearman(prediction: p, realised: y)
            case .mse: return -zip(p, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(p.count)
            }
        }
        return Explanation(method: .permutation, featureNames: inputs.featureNames, importance: result.mean,
                           importanceSpread: result.standardDeviation, rows: rows, seed: seed, metric: metric.rawValue)
    }

    /// Kernel SHAP values of each of `rows` against the `background` rows (a sample of training
    /// rows), with at most `samples` coalitions (exact by enumeration below that), seeded.
    public static func kernelSHAP(_ model: any TrainedModel, inputs: FeatureMatrix, rows: [Int], background: [Int],
                                  samples: Int = 2_048, seed: UInt64) throws -> Explanation {
        try checkRows(rows, inputs)
        try checkRows(background, inputs)
        let explainer = try KernelSHAP(background: inputs.gather(background), width: inputs.width, maxCoalitions: samples, seed: seed)
        let predict = predictor(model, inputs: inputs, rows: background)
        var attributions: [[Double]] = [], base = 0.0
        for r in rows {
            let result = try explainer.explain(Array(inputs.row(r)), predict: predict)
            attributions.append(result.values)
            base = result.base
        }
        return Explanation(method: .kernelSHAP, featureNames: inputs.featureNames, importance: meanAbsolute(attributions, inputs.width),
                           attributions: attributions, baseValue: base, rows: rows, seed: seed)
    }

    /// Exact TreeSHAP values of a boosted-tree model (XGBoost's `pred_contribs`), checked for
    /// efficiency: each row's values plus the bias equal its margin (the prediction for
    /// regression, the log-odds for binary classification). Multi-class models are refused.
    public static func treeSHAP(_ model: TrainedBoosting, inputs: FeatureMatrix, rows: [Int]) throws -> Explanation {
        try checkRows(rows, inputs)
        let booster = model.booster
        guard booster.outputs == 1 else {
            throw LearningError(.invalidArgument, "TreeSHAP: the model has \(booster.outputs) outputs (multi-class); explain a regression or binary model")
        }
        let x = inputs.gather(rows), w = inputs.width
        let contributions = try booster.contributions(x: x, rows: rows.count)
        let margins = try booster.margins(x: x, rows: rows.count)
        var attributions: [[Double]] = [], base = 0.0
        for r in rows.indices {
            let values = Array(contributions[(r * (w + 1))..<(r * (w + 1) + w)])
            base = contributions[r * (w + 1) + w]
            let total = values.reduce(base, +)
            // XGBoost sums in float32: allow its rounding, relative to the margin's size.
            guard abs(total - margins[r]) <= 1e-4 * max(1, abs(margins[r])) else {
                throw LearningError(.nonFinite, "TreeSHAP: row \(rows[r]): contributions sum to \(total) but the margin is \(margins[r])")
            }
            attributions.append(values)
        }
        return Explanation(method: .treeSHAP, featureNames: inputs.featureNames, importance: meanAbsolute(attributions, w),
                           attributions: attributions, baseValue: base, rows: rows)
    }

    /// The attention weights a model reports, per row and lag (oldest first, labelled `t-k` … `t`),
    /// with the mean weight per lag as the global importance.
    public static func attention(_ model: any AttentionReporting, inputs: FeatureMatrix, rows: [Int]) throws -> Explanation {
        try checkRows(rows, inputs)
        guard model.reportsAttention else {
            throw LearningError(.invalidArgument, "attention: this model has no attention weights (only the transformer-style and attention-pooling architectures do)")
        }
        let map = try model.attention(inputs, rows: rows)
        guard map.lookback >= 1, map.weights.count == rows.count, map.weights.allSatisfy({ $0.count == map.lookback }) else {
            throw LearningError(.shapeMismatch, "attention: the model gave \(map.weights.count) rows of weights for \(rows.count) rows, expected \(map.lookback) weights each")
        }
        guard map.weights.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw LearningError(.nonFinite, "attention: a weight is not finite") }
        let labels = (0..<map.lookback).map { k in k == map.lookback - 1 ? "t" : "t-\(map.lookback - 1 - k)" }
        let mean = (0..<map.lookback).map { k in map.weights.reduce(0) { $0 + $1[k] } / Double(max(rows.count, 1)) }
        return Explanation(method: .attention, featureNames: labels, importance: mean, attributions: map.weights, rows: rows)
    }

    static func checkRows(_ rows: [Int], _ inputs: FeatureMatrix) throws(LearningError) {
        guard !rows.isEmpty else { throw LearningError(.insufficientData, "explanation: no rows to explain") }
        if let bad = rows.first(where: { $0 < 0 || $0 >= inputs.count }) {
            throw LearningError(.shapeMismatch, "explanation: row \(bad) but the feature matrix has \(inputs.count) rows")
        }
    }

    /// A prediction function over row-major feature values standing in for `rows` of `inputs`
    /// (repeated cyclically when there are more values than rows). A tabular model reads only
    /// those values; a sequence model gets the full matrix with the rows' features replaced, so
    /// its window history is the real one: rows are substituted in batches holding at most one
    /// row per symbol, so that no substituted row lies in another's window.
    static func predictor(_ model: any TrainedModel, inputs: FeatureMatrix, rows: [Int]) -> ([Double]) throws -> [Double] {
        let w = inputs.width
        return { x in
            let n = x.count / w
            let slots = (0..<n).map { rows[$0 % rows.count] }
            if model.window <= 1 {
                let matrix = FeatureMatrix(featureNames: inputs.featureNames, symbols: inputs.symbols, calendar: inputs.calendar,
                                           symbolIndex: slots.map { inputs.symbolIndex[$0] }, time: slots.map { inputs.time[$0] }, values: x)
                return try model.predict(matrix, rows: Array(0..<n))
            }
            var batches: [[Int]] = [], symbolsIn: [Set<Int>] = []
            for k in 0..<n {
                let symbol = inputs.symbolIndex[slots[k]]
                if let b = symbolsIn.firstIndex(where: { !$0.contains(symbol) }) {
                    batches[b].append(k)
                    symbolsIn[b].insert(symbol)
                } else {
                    batches.append([k])
                    symbolsIn.append([symbol])
                }
            }
            var out = [Double](repeating: 0, count: n)
            for batch in batches {
                var values = inputs.values
                for k in batch { for j in 0..<w { values[slots[k] * w + j] = x[k * w + j] } }
                let matrix = FeatureMatrix(featureNames: inputs.featureNames, symbols: inputs.symbols, calendar: inputs.calendar,
                                           symbolIndex: inputs.symbolIndex, time: inputs.time, values: values)
                let p = try model.predict(matrix, rows: batch.map { slots[$0] })
                for (k, value) in zip(batch, p) { out[k] = value }
            }
            return out
        }
    }

    static func meanAbsolute(_ attributions: [[Double]], _ width: Int) -> [Double] {
        (0..<width).map { j in attributions.reduce(0) { $0 + abs($1[j]) } / Double(max(attributions.count, 1)) }
    }
}
