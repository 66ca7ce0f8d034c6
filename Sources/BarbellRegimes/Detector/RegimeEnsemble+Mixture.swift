import BarbellQuant

extension RegimeEnsemble {
    /// Labels the components of a mixture from its per-bar `responsibilities` (the rules of the
    /// GMM component in ``RegimeEnsemble``): statistics of the bars each component wins,
    /// empirical transition frequencies of that hard path for the Recovery entry share, and
    /// Sideways for a component that wins fewer than 2 bars (its bars counted, for the
    /// statistics, with their next most responsible component that wins at least 2).
    public static func mixtureComponentLabels(returns: [Double], responsibilities: [[Double]]) throws -> [RegimeLabel] {
        guard let k = responsibilities.first?.count, k >= 1 else { return [] }
        func argmax(_ row: [Double], among allowed: [Bool]) -> Int? {
            var best: Int?
            for s in 0..<k where allowed[s] && (best == nil || row[s] > row[best!]) { best = s }
            return best
        }
        let all = [Bool](repeating: true, count: k)
        let winners = responsibilities.map { argmax($0, among: all)! }
        var wins = [Int](repeating: 0, count: k)
        for s in winners { wins[s] += 1 }
        let populated = wins.map { $0 >= 2 }
        guard populated.contains(true) else { return [RegimeLabel](repeating: .sideways, count: k) }
        // Compact indices of the populated components, and each bar's populated winner.
        var compact = [Int](repeating: -1, count: k)
        var m = 0
        for s in 0..<k where populated[s] { compact[s] = m; m += 1 }
        let path = zip(winners, responsibilities).map { s, row in compact[populated[s] ? s : argmax(row, among: populated)!] }
        let stats = try RegimeStateStatistics.compute(returns: returns, path: path, states: m)
        var transitions = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for t in 1..<max(path.count, 1) { transitions[path[t - 1]][path[t]] += 1 }
        transitions = transitions.map { row in
            let total = row.reduce(0, +)
            return total > 0 ? row.map { $0 / total } : row
        }
        let labelled = try RegimeLabeller.label(stats, transitionMatrix: transitions).labels
        return (0..<k).map { populated[$0] ? labelled[compact[$0]] : .sideways }
    }
}
