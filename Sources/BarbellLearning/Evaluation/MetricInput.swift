/// Input checks shared by the metrics, so every metric refuses bad input with the same codes
/// and messages naming the row: NaN never silently becomes a score.
enum MetricInput {
    static func sameLength(_ a: Int, _ b: Int, _ what: String) throws(LearningError) {
        guard a == b else {
            throw LearningError(.shapeMismatch, "\(what): \(a) vs \(b) rows, expected equal lengths")
        }
    }

    static func atLeast(_ n: Int, _ minimum: Int, _ what: String) throws(LearningError) {
        guard n >= minimum else {
            throw LearningError(.insufficientData, "\(what): \(n) rows, expected at least \(minimum)")
        }
    }

    static func finite(_ values: [Double], _ name: String) throws(LearningError) {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw LearningError(.nonFinite, "\(name) row \(i) is \(values[i]), expected a finite value")
        }
    }

    static func probability(_ p: Double, _ name: String, row: Int) throws(LearningError) {
        guard p.isFinite else {
            throw LearningError(.nonFinite, "\(name) row \(row) is \(p), expected a probability")
        }
        guard p >= 0, p <= 1 else {
            throw LearningError(.invalidArgument, "\(name) row \(row) is \(p), expected a probability in [0, 1]")
        }
    }

    /// Binary labels must be 0 or 1: any other value is a caller's encoding mistake.
    static func binaryLabels(_ labels: [Int]) throws(LearningError) {
        if let i = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw LearningError(.invalidArgument, "label row \(i) is \(labels[i]), expected 0 or 1")
        }
    }

    /// Rows of class probabilities: each row has `classes` entries in [0, 1] summing to 1 within
    /// √ε relative (the tolerance scikit-learn warns at; we refuse instead, since a row that
    /// does not sum to 1 is not a distribution and its loss means nothing). Labels index columns.
    static func distributions(labels: [Int], probabilities: [[Double]]) throws(LearningError) {
        try sameLength(labels.count, probabilities.count, "labels and probability rows")
        try atLeast(labels.count, 1, "probability rows")
        let classes = probabilities[0].count
        guard classes >= 2 else {
            throw LearningError(.invalidArgument, "probability rows have \(classes) columns, expected at least 2 classes")
        }
        let tolerance = Double.ulpOfOne.squareRoot()
        for (i, row) in probabilities.enumerated() {
            guard row.count == classes else {
                throw LearningError(.shapeMismatch, "probability row \(i) has \(row.count) columns, expected \(classes)")
            }
            var sum = 0.0
            for p in row {
                try probability(p, "probability", row: i)
                sum += p
            }
            guard abs(sum - 1) <= tolerance else {
                throw LearningError(.invalidArgument, "probability row \(i) sums to \(sum), expected 1")
            }
            guard labels[i] >= 0, labels[i] < classes else {
                throw LearningError(.invalidArgument, "label row \(i) is \(labels[i]), expected a class index in 0..<\(classes)")
            }
        }
    }
}
