extension SupervisedDataset {
    /// Each sample's average uniqueness (AFML 4.4): the mean over the bars its label reads of
    /// 1 / (labels of its symbol reading that bar). Labels of different symbols do not compete,
    /// so concurrency is counted per symbol, on the shared calendar.
    public func uniquenessWeights() throws(LearningError) -> [Double] {
        var weights = [Double](repeating: 0, count: count)
        var rowsBySymbol = [[Int]](repeating: [], count: symbols.count)
        for i in 0..<count { rowsBySymbol[symbolIndex[i]].append(i) }
        for rows in rowsBySymbol where !rows.isEmpty {
            let uniqueness = try SampleWeights.averageUniqueness(spans: rows.map { spans[$0] }, barCount: calendar.count)
            for (row, u) in zip(rows, uniqueness) { weights[row] = u }
        }
        return weights
    }
}
