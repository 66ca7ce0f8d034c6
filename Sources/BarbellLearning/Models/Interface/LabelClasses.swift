/// How a model reads its labels: as a continuous target, or as classes (the distinct training
/// label values, ascending). A classifier's score is the probability of the higher class for two
/// classes and the expected label `Σ p_k·v_k` for more, so every model yields one score per row
/// that IC and hit rate can rank.
public enum LabelTask: String, Sendable, Codable, Equatable {
    case regression
    case classification
}

/// The class values of a classification fit, ascending.
public struct LabelClasses: Sendable, Codable, Equatable {
    public let values: [Double]

    public init(values: [Double]) { self.values = values }

    /// The distinct training labels; fewer than two, or more than `limit`, is an error (a
    /// continuous label given to a classifier).
    public static func fit(_ labels: [Double], model: String, limit: Int = 20) throws(LearningError) -> LabelClasses {
        let values = Array(Set(labels)).sorted()
        guard values.count >= 2 else {
            throw LearningError(.insufficientData, "model \(model): classification needs at least two label values in training; found \(values.count)")
        }
        guard values.count <= limit else {
            throw LearningError(.invalidArgument, "model \(model): \(values.count) distinct label values — a classifier needs a discrete label (direction or triple-barrier), not a return")
        }
        return LabelClasses(values: values)
    }

    /// The class index of each label (a label outside the training classes is an error).
    public func indices(_ labels: [Double], model: String) throws(LearningError) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(labels.count)
        for (i, y) in labels.enumerated() {
            guard let k = values.firstIndex(of: y) else {
                throw LearningError(.invalidArgument, "model \(model): label \(y) at row \(i) is not one of the training classes \(values)")
            }
            out.append(Double(k))
        }
        return out
    }

    /// The score of each row from per-class probabilities (row-major, `values.count` per row).
    public func scores(probabilities p: [Double]) -> [Double] {
        let k = values.count
        if k == 2 { return stride(from: 1, to: p.count, by: 2).map { p[$0] } }
        return (0..<(p.count / k)).map { r in (0..<k).reduce(0) { $0 + p[r * k + $1] * values[$1] } }
    }
}
