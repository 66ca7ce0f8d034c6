/// Cross-sectional statistics of one timestamp's values across symbols, NaN-aware: NaN members
/// are left out of the statistic and get NaN themselves.
///
/// Definitions (pandas on a wide frame, one column per symbol):
/// - percent rank: the average rank of the value among the valid values (1 for the smallest,
///   ties sharing the mean of their ranks) divided by the number of valid values, as
///   `df.rank(axis=1, pct=True)`; in (0, 1];
/// - z-score: (x − mean) / std with the sample standard deviation (ddof 1), as
///   `df.sub(df.mean(axis=1), axis=0).div(df.std(axis=1), axis=0)`; NaN with fewer than two
///   valid values or when they are all equal;
/// - dispersion: that same sample standard deviation of the valid values (cross-sectional
///   dispersion, e.g. of returns: Solnik & Roulet 2000, "Dispersion as cross-sectional
///   correlation"); NaN with fewer than two valid values.
///
/// ``CrossSectionWorkspace`` holds the scratch space so repeated rows (a panel, or a stream)
/// allocate nothing per row, and batch and stream share one code path and so agree exactly.
public enum CrossSection {
    /// Percent ranks of one row.
    public static func percentRanks(_ row: [Double]) -> [Double] {
        var w = CrossSectionWorkspace(width: row.count)
        var out = [Double](repeating: .nan, count: row.count)
        row.withUnsafeBufferPointer { r in out.withUnsafeMutableBufferPointer { w.percentRanks(r, into: $0) } }
        return out
    }

    /// Z-scores of one row.
    public static func zScores(_ row: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: row.count)
        row.withUnsafeBufferPointer { r in out.withUnsafeMutableBufferPointer { CrossSectionWorkspace.zScores(r, into: $0) } }
        return out
    }

    /// Sample standard deviation of one row's valid values.
    public static func dispersion(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { CrossSectionWorkspace.meanAndStd($0).std }
    }
}

/// Reusable scratch space for cross-sectional statistics over rows of `width` values.
struct CrossSectionWorkspace {
    /// Indices of the valid values of the current row, sorted by value for ranking.
    var order: [Int]

    init(width: Int) {
        order = []
        order.reserveCapacity(width)
    }

    mutating func percentRanks(_ row: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        order.removeAll(keepingCapacity: true)
        for j in row.indices {
            out[j] = .nan
            if !row[j].isNaN { order.append(j) }
        }
        // Index as tie-breaker keeps the sort deterministic; ties are averaged below anyway.
        order.sort { row[$0] < row[$1] || (row[$0] == row[$1] && $0 < $1) }
        let valid = Double(order.count)
        var i = 0
        while i < order.count {
            var k = i + 1
            while k < order.count, row[order[k]] == row[order[i]] { k += 1 }
            // Ranks i+1 ... k share their mean, (i + 1 + k) / 2.
            let rank = Double(i + 1 + k) / 2
            for m in i..<k { out[order[m]] = rank / valid }
            i = k
        }
    }

    /// Mean and sample standard deviation (two-pass) of the non-NaN values.
    static func meanAndStd(_ row: UnsafeBufferPointer<Double>) -> (mean: Double, std: Double) {
        var total = 0.0, n = 0
        for x in row where !x.isNaN {
            total += x
            n += 1
        }
        guard n > 0 else { return (.nan, .nan) }
        let mean = total / Double(n)
        guard n > 1 else { return (mean, .nan) }
        var squares = 0.0
        for x in row where !x.isNaN {
            let d = x - mean
            squares += d * d
        }
        return (mean, (squares / Double(n - 1)).squareRoot())
    }

    static func zScores(_ row: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let (mean, std) = meanAndStd(row)
        let usable = std > 0
        for j in row.indices {
            out[j] = usable ? (row[j] - mean) / std : .nan
        }
    }
}

extension CrossSectionPanel {
    /// Percent rank of each symbol at each timestamp; `result[j]` is symbol `j`'s column.
    public func percentRanks() -> [[Double]] { rowwise { w, r, o in w.percentRanks(r, into: o) } }

    /// Cross-sectional z-score of each symbol at each timestamp; `result[j]` is symbol `j`'s column.
    public func zScores() -> [[Double]] { rowwise { _, r, o in CrossSectionWorkspace.zScores(r, into: o) } }

    /// Cross-sectional sample standard deviation at each timestamp.
    public func dispersion() -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        forEachRow { t, r in out[t] = CrossSectionWorkspace.meanAndStd(r).std }
        return out
    }

    private func rowwise(
        _ op: (inout CrossSectionWorkspace, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [[Double]] {
        var result = [[Double]](repeating: [Double](repeating: .nan, count: count), count: columns.count)
        var workspace = CrossSectionWorkspace(width: columns.count)
        var rowOut = [Double](repeating: .nan, count: columns.count)
        forEachRow { t, r in
            rowOut.withUnsafeMutableBufferPointer { op(&workspace, r, $0) }
            for j in rowOut.indices { result[j][t] = rowOut[j] }
        }
        return result
    }
}
