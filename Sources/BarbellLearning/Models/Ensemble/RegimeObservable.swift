import BarbellRegimes

/// The market observable a regime ensemble reads: per calendar bar, the mean across symbols of
/// one feature column, from rows at that bar only (so it is known at the bar, never later).
enum RegimeObservable {
    /// The column of `feature`, or an error naming the columns there are.
    static func column(_ inputs: FeatureMatrix, feature: String) throws(LearningError) -> Int {
        guard let j = inputs.featureNames.firstIndex(of: feature) else {
            throw LearningError(.invalidArgument, "model ensemble: regimeFeature \(feature) is not a feature column (have \(inputs.featureNames.joined(separator: ", ")))")
        }
        return j
    }

    /// The bars of `rows`, ascending, and the cross-sectional mean of `column` at each.
    static func series(_ inputs: FeatureMatrix, column: Int, rows: [Int]) -> (times: [Int], values: [Double]) {
        var sum: [Int: Double] = [:], count: [Int: Int] = [:]
        for i in rows {
            sum[inputs.time[i], default: 0] += inputs.values[i * inputs.width + column]
            count[inputs.time[i], default: 0] += 1
        }
        let times = sum.keys.sorted()
        return (times, times.map { sum[$0]! / Double(count[$0]!) })
    }

    /// Per bar of `series`, the state with the highest filtered (forward-only) probability; ties
    /// go to the lower state.
    static func regimes(_ hmm: GaussianHMM, _ values: [Double]) throws -> [Int] {
        let p: [[Double]]
        do { p = try hmm.filteredProbabilities(values.map { [$0] }) } catch {
            throw LearningError(.nonFinite, "model ensemble: regime filter: \(error)")
        }
        return p.map { row in row.indices.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) } ?? 0 }
    }
}
