import BarbellQuant

/// Observations flattened row-major (`count × dimension`), validated once so the recursions can
/// run over one contiguous buffer.
struct HMMObservations: Sendable {
    let values: [Double]
    let count: Int
    let dimension: Int

    /// - Throws: `.insufficientData` when empty, `.shapeMismatch` for ragged rows or a dimension
    ///   other than `expectedDimension`, `.nonFinite` naming the first NaN or infinity.
    init(_ rows: [[Double]], expectedDimension: Int? = nil) throws {
        guard let d = rows.first?.count, d >= 1 else {
            throw RegimeError(.insufficientData, "observations: expected at least one non-empty row")
        }
        if let e = expectedDimension, e != d {
            throw RegimeError(.shapeMismatch, "observations: rows have \(d) features, the model expects \(e)")
        }
        var flat = [Double]()
        flat.reserveCapacity(rows.count * d)
        for (t, row) in rows.enumerated() {
            guard row.count == d else {
                throw RegimeError(.shapeMismatch, "observations row \(t): \(row.count) features, expected \(d)")
            }
            for (j, x) in row.enumerated() where !x.isFinite {
                throw RegimeError(.nonFinite, "observations[\(t)][\(j)] = \(x): expected a finite value")
            }
            flat.append(contentsOf: row)
        }
        values = flat
        count = rows.count
        dimension = d
    }

    /// Checks that a fit of `states` states can be identified: at least `states × dimension`
    /// observations and no constant feature (its variance would collapse to the floor).
    func checkFittable(states: Int) throws {
        guard count >= states * dimension, count >= 2 else {
            throw RegimeError(.insufficientData, "observations: \(count) rows, a \(states)-state fit on \(dimension) feature(s) needs at least \(max(states * dimension, 2))")
        }
        for j in 0..<dimension {
            let first = values[j]
            if !(0..<count).contains(where: { values[$0 * dimension + j] != first }) {
                throw RegimeError(.invalidArgument, "observations column \(j) is constant (\(first)): an HMM needs variation in every feature")
            }
        }
    }
}
