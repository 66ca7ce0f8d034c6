import BarbellTorch

/// Turns feature rows into a zoo model's input: per row, the window of its symbol's last
/// `lookback` rows (``FeatureMatrix/windows(_:length:)``, so a window never crosses symbols),
/// standardised, as a float32 tensor `[rows, lookback, features]`.
enum NeuralInputs {
    /// The windows of `rows`, or an error naming the first row without enough history.
    static func windows(_ inputs: FeatureMatrix, rows: [Int], lookback: Int, model: String) throws(LearningError) -> [[Int]] {
        if let bad = rows.first(where: { !(0..<inputs.count).contains($0) }) {
            throw LearningError(.invalidArgument, "model \(model): row \(bad) is outside the \(inputs.count) input rows")
        }
        var out = [[Int]]()
        out.reserveCapacity(rows.count)
        for (r, window) in zip(rows, inputs.windows(rows, length: lookback)) {
            guard let window else {
                let symbol = inputs.symbols[inputs.symbolIndex[r]]
                throw LearningError(.insufficientData,
                    "model \(model): row \(r) (\(symbol)) has fewer than \(lookback) rows of history for its lookback window")
            }
            out.append(window)
        }
        return out
    }

    /// The rows of `train` that have a full window, with their windows.
    static func complete(_ inputs: FeatureMatrix, rows: [Int], lookback: Int) -> (rows: [Int], windows: [[Int]]) {
        var kept = [Int](), windows = [[Int]]()
        for (r, window) in zip(rows, inputs.windows(rows, length: lookback)) {
            if let window { kept.append(r); windows.append(window) }
        }
        return (kept, windows)
    }

    /// The standardised windows as `[windows.count, lookback, features]` float32.
    static func tensor(_ inputs: FeatureMatrix, windows: ArraySlice<[Int]>, scaling: FeatureScaling) throws -> Tensor {
        let w = inputs.width
        guard w == scaling.means.count else {
            throw LearningError(.shapeMismatch, "neural model was trained on \(scaling.means.count) features; the input has \(w)")
        }
        let lookback = windows.first?.count ?? 0
        var x = [Float]()
        x.reserveCapacity(windows.count * lookback * w)
        for window in windows {
            for i in window {
                let base = i * w
                for j in 0..<w { x.append(Float((inputs.values[base + j] - scaling.means[j]) / scaling.scales[j])) }
            }
        }
        return try Tensor(float32: x, shape: [windows.count, lookback, w])
    }
}
