import BarbellData
import BarbellTorch
import Foundation

/// Sequence windows cut from one instrument's feature matrix, with forward-return targets, split
/// in time: training samples first, then a purge gap as long as the longest horizon (so no
/// training label overlaps the validation period), then validation samples.
///
/// Features are standardised with the training rows' means and standard deviations only.
/// Regression and quantile targets are forward log returns divided by the training standard
/// deviation of the first horizon (so losses are in units of a typical move); classification
/// targets are equal-frequency bins of the first horizon's training returns (for three classes:
/// the terciles, down/flat/up).
struct NNWindows {
    let featureNames: [String]
    let lookback: Int
    let train: TrainingData
    let validation: TrainingData?
    /// The window ending at the last bar (`[1, lookback, features]`), standardised like the rest:
    /// what a forecast of the next move reads (it has no target yet).
    let latestInput: Tensor
    /// Validation inputs and their raw first-horizon forward returns, for the metrics.
    let validationInputs: Tensor?
    let validationReturns: [Double]
    /// The bars whose windows end the first and last training and validation samples.
    let trainSpan: (Timestamp, Timestamp)
    let validationSpan: (Timestamp, Timestamp)?
    let means: [Double]
    let deviations: [Double]
    /// Training standard deviation of each horizon's forward log return (the target unit).
    let targetScale: [Double]
    /// Upper bounds of the lower classes (classification), from training returns.
    let classBounds: [Double]

    /// - Throws: ``CommandFailure`` naming the feature and bar of a non-finite value after the
    ///   warm-up, a non-positive close, or too few samples.
    init(series: BarSeries, names: [String], columns: [[Double]], data: NNDataSection, task: PredictionTask, source: String) throws {
        let n = series.count, f = columns.count, lookback = data.lookback
        guard lookback >= 1, !data.horizons.isEmpty, data.horizons.allSatisfy({ $0 >= 1 }), (0..<1).contains(data.validation) else {
            throw CommandFailure(message: "data: expected lookback ≥ 1, horizons ≥ 1 and validation in [0, 1)", exitCode: ExitStatus.usage)
        }
        if case .regression(let h) = task, h != data.horizons.count {
            throw CommandFailure(message: "model.task regression has \(h) horizons but data.horizons lists \(data.horizons.count) (\(data.horizons))", exitCode: ExitStatus.usage)
        }
        let close = series.close
        if let bad = close.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw CommandFailure(message: "\(source): close at \(series.timestamps[bad].display) is \(close[bad]); forward returns need positive prices")
        }
        // Warm-up: the first bar where every feature is defined; after it, every value must be.
        let start = (0..<n).first { t in columns.allSatisfy { $0[t].isFinite } } ?? n
        for (j, column) in columns.enumerated() {
            if let t = column[start...].firstIndex(where: { !$0.isFinite }) {
                throw CommandFailure(message: "\(source): feature \(names[j]) is \(column[t]) at \(series.timestamps[t].display), after the warm-up ends at \(series.timestamps[min(start, n - 1)].display); sequence models need every value defined")
            }
        }
        let maxH = data.horizons.max()!
        let firstSample = start + lookback - 1, lastSample = n - 1 - maxH
        let samples = lastSample - firstSample + 1
        let validationCount = Int(Double(max(samples, 0)) * data.validation)
        let trainCount = samples - validationCount - (validationCount > 0 ? maxH : 0)
        guard trainCount >= 8 else {
            throw CommandFailure(message: "\(source): \(n) bars leave \(max(trainCount, 0)) training windows (warm-up \(start) bars, lookback \(lookback), horizon \(maxH), validation \(validationCount)); need at least 8")
        }
        let trainIndex = Array(firstSample..<(firstSample + trainCount))
        let validationIndex = validationCount > 0 ? Array((lastSample - validationCount + 1)...lastSample) : []

        // Standardisation from the rows the training windows read.
        let rows = (trainIndex.first! - lookback + 1)...trainIndex.last!
        var means = [Double](), deviations = [Double]()
        for column in columns {
            let values = rows.map { column[$0] }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            means.append(mean)
            deviations.append(variance > 0 ? variance.squareRoot() : 1)   // a constant feature becomes 0
        }
        func forward(_ t: Int, _ h: Int) -> Double { Foundation.log(close[t + h] / close[t]) }
        let targetScale = data.horizons.map { h -> Double in
            let r = trainIndex.map { forward($0, h) }
            let m = r.reduce(0, +) / Double(r.count)
            let s = (r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(r.count)).squareRoot()
            return s > 0 ? s : 1
        }
        var bounds: [Double] = []
        if case .classification(let k) = task {
            guard k >= 2 else { throw CommandFailure(message: "model.task classification needs ≥ 2 classes", exitCode: ExitStatus.usage) }
            let sorted = trainIndex.map { forward($0, data.horizons[0]) }.sorted()
            bounds = (1..<k).map { sorted[min(sorted.count - 1, $0 * sorted.count / k)] }
        }

        func inputs(_ index: [Int]) throws -> Tensor {
            var x = [Float](); x.reserveCapacity(index.count * lookback * f)
            for t in index {
                for s in (t - lookback + 1)...t { for j in 0..<f { x.append(Float((columns[j][s] - means[j]) / deviations[j])) } }
            }
            return try Tensor(float32: x, shape: [index.count, lookback, f])
        }
        func targets(_ index: [Int]) throws -> Tensor {
            switch task {
            case .regression:
                let y = index.flatMap { t in data.horizons.enumerated().map { Float(forward(t, $0.element) / targetScale[$0.offset]) } }
                return try Tensor(float32: y, shape: [index.count, data.horizons.count])
            case .quantile:
                return try Tensor(float32: index.map { Float(forward($0, data.horizons[0]) / targetScale[0]) }, shape: [index.count])
            case .classification:
                let labels = index.map { t in Double(bounds.firstIndex { forward(t, data.horizons[0]) <= $0 } ?? bounds.count) }
                return try Tensor(labels, shape: [index.count]).to(.int64)
            }
        }
        featureNames = names
        self.lookback = lookback
        train = try TrainingData(inputs: try inputs(trainIndex), targets: try targets(trainIndex))
        validation = validationIndex.isEmpty ? nil : try TrainingData(inputs: try inputs(validationIndex), targets: try targets(validationIndex))
        validationInputs = validation?.inputs
        latestInput = try inputs([n - 1])
        validationReturns = validationIndex.map { forward($0, data.horizons[0]) }
        trainSpan = (series.timestamps[trainIndex.first!], series.timestamps[trainIndex.last!])
        validationSpan = validationIndex.isEmpty ? nil : (series.timestamps[validationIndex.first!], series.timestamps[validationIndex.last!])
        self.means = means
        self.deviations = deviations
        self.targetScale = targetScale
        classBounds = bounds
    }
}
