import CXGBoost
import Foundation

/// A gradient-boosted tree ensemble trained by XGBoost (its C API). Immutable once trained;
/// every call into the booster is serialised by a lock because XGBoost hands back results in a
/// buffer the booster owns and overwrites on the next call, which makes sharing across tasks safe.
public final class GradientBoosting: @unchecked Sendable {
    let booster: BoosterHandle
    let lock = NSLock()
    /// Feature count the model was trained on.
    public let columns: Int
    /// Outputs per row (classes for multi-class, else 1).
    public let outputs: Int
    /// The best iteration (0-based) found by early stopping, or `nil` without it. Predictions,
    /// contributions and saved models use trees 0...bestIteration.
    public let bestIteration: Int?
    /// Rounds actually trained (early stopping may stop before the configured count).
    public let trainedRounds: Int

    init(booster: BoosterHandle, columns: Int, outputs: Int, bestIteration: Int?, trainedRounds: Int) {
        self.booster = booster
        self.columns = columns
        self.outputs = outputs
        self.bestIteration = bestIteration
        self.trainedRounds = trainedRounds
    }

    deinit { XGBoosterFree(booster) }

    /// Trains a model.
    /// - Parameters:
    ///   - x: features, row-major `rows × columns`; NaN marks a missing value.
    ///   - y: one finite target per row (0/1 for binary, 0..<classes for multi-class).
    ///   - weights: optional finite, non-negative per-row sample weights.
    ///   - validation: a held-out fold `(x, y)` with the same columns, evaluated every round on
    ///     the objective's default metric (rmse, logloss, mlogloss).
    ///   - earlyStoppingRounds: with `validation`, stop once the metric has not improved for this
    ///     many rounds and keep the best iteration (as XGBoost's Python `early_stopping_rounds`).
    /// - Throws: ``LearningError`` on a bad shape, a non-finite target or weight, an invalid
    ///   parameter, or any XGBoost failure (with its message).
    public static func train(
        _ configuration: GradientBoostingConfiguration,
        x: [Double], rows: Int, columns: Int, y: [Double], weights: [Double]? = nil,
        validation: (x: [Double], y: [Double])? = nil, earlyStoppingRounds: Int? = nil
    ) throws(LearningError) -> GradientBoosting {
        try configuration.validate()
        try checkData(x: x, rows: rows, columns: columns, y: y, what: "training", configuration)
        if let weights {
            guard weights.count == rows else {
                throw LearningError(.shapeMismatch, "weights has \(weights.count) values: expected \(rows) (one per row)")
            }
            if let row = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw LearningError(.nonFinite, "weight at row \(row) is \(weights[row]): expected finite ≥ 0")
            }
        }
        if let stop = earlyStoppingRounds {
            guard validation != nil else {
                throw LearningError(.invalidArgument, "earlyStoppingRounds needs a validation fold")
            }
            guard stop >= 1 else { throw LearningError(.invalidArgument, "earlyStoppingRounds = \(stop): expected ≥ 1") }
        }
        let train = try XGBMatrix(rowMajor: x, rows: rows, columns: columns, threads: configuration.threads)
        try train.setInfo("label", y)
        if let weights { try train.setInfo("weight", weights) }
        var valid: XGBMatrix?
        if let validation {
            guard validation.x.count.isMultiple(of: columns) else {
                throw LearningError(.shapeMismatch,
                    "validation x has \(validation.x.count) values: expected a multiple of \(columns) columns")
            }
            let validRows = validation.x.count / columns
            try checkData(x: validation.x, rows: validRows, columns: columns, y: validation.y, what: "validation", configuration)
            valid = try XGBMatrix(rowMajor: validation.x, rows: validRows, columns: columns, threads: configuration.threads)
            try valid!.setInfo("label", validation.y)
        }

        // The booster caches every matrix it is created with (as Python's xgb.train does with dtrain + evals).
        let cache: [DMatrixHandle?] = [train.handle] + (valid.map { [$0.handle] } ?? [])
        var out: BoosterHandle?
        try xgbCheck(XGBoosterCreate(cache, bst_ulong(cache.count), &out), "XGBoosterCreate")
        guard let booster = out else { throw LearningError(.invalidArgument, "XGBoost returned no booster") }
        do throws(LearningError) {
            for (name, value) in configuration.parameters {
                try xgbCheck(XGBoosterSetParam(booster, name, value), "XGBoosterSetParam(\(name) = \(value))")
            }
            var best: (iteration: Int, score: Double)?
            var trained = 0
            for iteration in 0..<configuration.rounds {
                try withExtendedLifetime((train, valid)) { () throws(LearningError) in
                    try xgbCheck(XGBoosterUpdateOneIter(booster, Int32(iteration), train.handle), "XGBoosterUpdateOneIter")
                }
                trained = iteration + 1
                guard let valid, let stop = earlyStoppingRounds else { continue }
                let score = try evaluate(booster, valid, iteration: iteration)
                // Strict improvement only, as in XGBoost's EarlyStopping callback (every default metric is minimised).
                if best == nil || score < best!.score { best = (iteration, score) }
                if iteration - best!.iteration >= stop { break }
            }
            if let best {
                // Saved with the model, under the attribute name XGBoost's Python package uses.
                try xgbCheck(XGBoosterSetAttr(booster, "best_iteration", "\(best.iteration)"), "XGBoosterSetAttr")
                try xgbCheck(XGBoosterSetAttr(booster, "best_score", "\(best.score)"), "XGBoosterSetAttr")
            }
            return GradientBoosting(booster: booster, columns: columns, outputs: configuration.outputs,
                                    bestIteration: best?.iteration, trainedRounds: trained)
        } catch {
            XGBoosterFree(booster)
            throw error
        }
    }

    /// The validation metric after `iteration`, parsed from XGBoost's "[i]\tvalid-metric:value".
    private static func evaluate(_ booster: BoosterHandle, _ valid: XGBMatrix, iteration: Int) throws(LearningError) -> Double {
        var result: UnsafePointer<CChar>?
        var matrices: [DMatrixHandle?] = [valid.handle]
        // withCString rethrows untyped errors, so the status is returned and checked outside it.
        let status = withExtendedLifetime(valid) {
            "valid".withCString { name in
                var names: [UnsafePointer<CChar>?] = [name]
                return XGBoosterEvalOneIter(booster, Int32(iteration), &matrices, &names, 1, &result)
            }
        }
        try xgbCheck(status, "XGBoosterEvalOneIter")
        let text = result.map { String(cString: $0) } ?? ""
        guard let field = text.split(separator: "\t").last, let colon = field.lastIndex(of: ":"),
              let score = Double(field[field.index(after: colon)...]) else {
            throw LearningError(.invalidArgument, "could not parse XGBoost evaluation '\(text)'")
        }
        guard score.isFinite else {
            throw LearningError(.nonFinite, "validation metric at iteration \(iteration) is \(score)")
        }
        return score
    }

    private static func checkData(x: [Double], rows: Int, columns: Int, y: [Double], what: String,
                                  _ configuration: GradientBoostingConfiguration) throws(LearningError) {
        guard rows >= 1, columns >= 1 else {
            throw LearningError(.insufficientData, "\(what) data is \(rows) × \(columns): expected ≥ 1 row and ≥ 1 column")
        }
        guard x.count == rows * columns else {
            throw LearningError(.shapeMismatch, "\(what) x has \(x.count) values: expected \(rows) × \(columns) = \(rows * columns)")
        }
        guard y.count == rows else {
            throw LearningError(.shapeMismatch, "\(what) y has \(y.count) values: expected \(rows) (one per row)")
        }
        if let index = x.firstIndex(where: { $0.isInfinite }) {
            throw LearningError(.nonFinite, "\(what) x at row \(index / columns), column \(index % columns) is \(x[index]): expected finite or NaN (missing)")
        }
        for (row, target) in y.enumerated() {
            guard target.isFinite else {
                throw LearningError(.nonFinite, "\(what) y at row \(row) is \(target): expected finite")
            }
            switch configuration.objective {
            case .regression: break
            case .binary:
                guard target == 0 || target == 1 else {
                    throw LearningError(.invalidArgument, "\(what) y at row \(row) is \(target): expected 0 or 1")
                }
            case .multiClass(let classes):
                guard target >= 0, target < Double(classes), target.rounded() == target else {
                    throw LearningError(.invalidArgument, "\(what) y at row \(row) is \(target): expected an integer class in 0..<\(classes)")
                }
            }
        }
    }
}
