import CXGBoost
import Foundation

extension GradientBoosting {
    /// Predictions, row-major `rows × outputs`: the target for regression, P(1) for binary,
    /// one probability per class for multi-class. Uses trees up to ``bestIteration`` when set.
    /// - Throws: ``LearningError`` on a bad shape or an XGBoost failure.
    public func predict(x: [Double], rows: Int) throws(LearningError) -> [Double] {
        try run(type: 0, x: x, rows: rows, expectedPerRow: outputs)
    }

    /// TreeSHAP contributions, row-major `rows × outputs × (columns + 1)`: per output, one value
    /// per feature then the bias; each output's values sum to its margin (log-odds for the
    /// classifiers, the prediction for regression).
    /// - Throws: ``LearningError`` on a bad shape or an XGBoost failure.
    public func contributions(x: [Double], rows: Int) throws(LearningError) -> [Double] {
        try run(type: 2, x: x, rows: rows, expectedPerRow: outputs * (columns + 1))
    }

    /// Margins (untransformed scores), row-major `rows × outputs`.
    /// - Throws: ``LearningError`` on a bad shape or an XGBoost failure.
    public func margins(x: [Double], rows: Int) throws(LearningError) -> [Double] {
        try run(type: 1, x: x, rows: rows, expectedPerRow: outputs)
    }

    /// One importance per feature (index = column), 0 for a feature no tree splits on.
    /// - Throws: ``LearningError`` on an XGBoost failure.
    public func featureImportance(kind: FeatureImportanceKind) throws(LearningError) -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        let config = #"{"importance_type": "\#(kind.rawValue)", "feature_map": ""}"#
        var count: bst_ulong = 0
        var names: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var dimensions: bst_ulong = 0
        var shape: UnsafePointer<bst_ulong>?
        var scores: UnsafePointer<Float>?
        try xgbCheck(XGBoosterFeatureScore(booster, config, &count, &names, &dimensions, &shape, &scores),
                     "XGBoosterFeatureScore")
        var result = [Double](repeating: 0, count: columns)
        // Without feature names XGBoost names column i "fi"; only features used in a split appear.
        for index in 0..<Int(count) {
            guard let name = names?[index].map({ String(cString: $0) }), name.hasPrefix("f"),
                  let column = Int(name.dropFirst()), column >= 0, column < columns, let scores else {
                throw LearningError(.invalidArgument, "unexpected XGBoost feature name at \(index)")
            }
            result[column] = Double(scores[index])
        }
        return result
    }

    private func run(type: Int, x: [Double], rows: Int, expectedPerRow: Int) throws(LearningError) -> [Double] {
        guard rows >= 1 else { throw LearningError(.insufficientData, "rows = \(rows): expected ≥ 1") }
        guard x.count == rows * columns else {
            throw LearningError(.shapeMismatch, "x has \(x.count) values: expected \(rows) × \(columns) = \(rows * columns)")
        }
        if let index = x.firstIndex(where: { $0.isInfinite }) {
            throw LearningError(.nonFinite, "x at row \(index / columns), column \(index % columns) is \(x[index]): expected finite or NaN (missing)")
        }
        let matrix = try XGBMatrix(rowMajor: x, rows: rows, columns: columns)
        let end = bestIteration.map { $0 + 1 } ?? 0
        let config = #"{"type": \#(type), "training": false, "iteration_begin": 0, "iteration_end": \#(end), "strict_shape": true}"#
        lock.lock()
        defer { lock.unlock() }
        var shape: UnsafePointer<bst_ulong>?
        var dimensions: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try withExtendedLifetime(matrix) { () throws(LearningError) in
            try xgbCheck(XGBoosterPredictFromDMatrix(booster, matrix.handle, config, &shape, &dimensions, &result),
                         "XGBoosterPredictFromDMatrix")
        }
        let count = (0..<Int(dimensions)).reduce(1) { $0 * Int(shape![$1]) }
        guard count == rows * expectedPerRow, let result else {
            throw LearningError(.shapeMismatch, "XGBoost returned \(count) values: expected \(rows) × \(expectedPerRow)")
        }
        // The buffer belongs to the booster and is overwritten by the next call: copy now.
        return UnsafeBufferPointer(start: result, count: count).map { Double($0) }
    }
}
