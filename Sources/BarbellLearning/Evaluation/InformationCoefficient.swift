/// Which correlation an information coefficient uses.
public enum ICMethod: String, Sendable, Equatable, Codable {
    /// Pearson's linear correlation (`scipy.stats.pearsonr`).
    case pearson
    /// Spearman's rank correlation: Pearson on ranks, ties given their average rank
    /// (`scipy.stats.spearmanr`).
    case spearman
}

/// Information coefficients: the correlation between predictions and realised values, the
/// usual measure of a forecast's ranking skill.
public enum InformationCoefficient {
    /// The information coefficient of `prediction` against `realised` by `method`.
    ///
    /// - Throws: ``LearningError`` — `shapeMismatch` for different lengths, `nonFinite` for NaN or
    ///   infinities, `insufficientData` for fewer than 2 rows or a series with fewer than 2
    ///   distinct values (its correlation is undefined).
    public static func compute(_ method: ICMethod, prediction: [Double], realised: [Double]) throws(LearningError) -> Double {
        try check(prediction: prediction, realised: realised)
        switch method {
        case .pearson: return correlation(prediction, realised)
        case .spearman: return correlation(averageRanks(prediction), averageRanks(realised))
        }
    }

    /// Pearson's correlation (the IC). Throws as ``compute(_:prediction:realised:)``.
    public static func pearson(prediction: [Double], realised: [Double]) throws(LearningError) -> Double {
        try compute(.pearson, prediction: prediction, realised: realised)
    }

    /// Spearman's rank correlation (the rank IC), ties at their average rank. Throws as
    /// ``compute(_:prediction:realised:)``.
    public static func spearman(prediction: [Double], realised: [Double]) throws(LearningError) -> Double {
        try compute(.spearman, prediction: prediction, realised: realised)
    }

    /// Ranks 1...n, tied values sharing the average of the ranks they span (`scipy.stats.rankdata`
    /// with `method="average"`). Values must be finite.
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2  // mean of 1-based ranks i+1 ... j+1
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }

    static func check(prediction: [Double], realised: [Double]) throws(LearningError) {
        try MetricInput.sameLength(prediction.count, realised.count, "prediction and realised")
        try MetricInput.atLeast(prediction.count, 2, "information coefficient")
        try MetricInput.finite(prediction, "prediction")
        try MetricInput.finite(realised, "realised")
        guard distinct(prediction), distinct(realised) else {
            throw LearningError(.insufficientData, "a constant prediction or realised series has no correlation: expected at least 2 distinct values in each")
        }
    }

    static func distinct(_ values: [Double]) -> Bool { values.contains { $0 != values[0] } }

    /// Pearson's r from centred sums (two passes, so large means do not cancel digits), clipped
    /// to [-1, 1] against rounding as scipy does.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        return min(1, max(-1, sxy / (sxx.squareRoot() * syy.squareRoot())))
    }
}
