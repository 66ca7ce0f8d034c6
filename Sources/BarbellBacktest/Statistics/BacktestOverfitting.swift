import Foundation

/// The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey,
/// Borwein, López de Prado & Zhu 2015): how often the configuration that looks best in sample
/// ranks in the bottom half out of sample.
///
/// The `T × N` matrix of per-period returns of N trials (configurations) is cut into `S` equal
/// blocks of consecutive periods (the oldest `T mod S` periods are dropped). For every choice of
/// S/2 blocks as the in-sample set, the trial with the best in-sample per-period Sharpe ratio is
/// picked, its out-of-sample Sharpe ratio is ranked among all trials' (average ranks for ties),
/// ω = rank / (N + 1), and λ = ln(ω / (1 − ω)). PBO is the share of splits with λ ≤ 0.
public struct BacktestOverfitting: Sendable, Equatable {
    /// The logit λ of each split, in the order of the in-sample block combinations
    /// (lexicographic).
    public let logits: [Double]
    /// The share of splits whose in-sample best trial is at or below the out-of-sample median.
    public let probability: Double
    /// Per split: the chosen trial's in-sample and out-of-sample Sharpe ratios (their regression
    /// slope is the paper's performance degradation).
    public let inSample: [Double]
    public let outOfSample: [Double]
    /// The share of splits whose chosen trial loses out of sample (Sharpe < 0).
    public let probabilityOfLoss: Double

    /// - Parameters:
    ///   - returns: one row per period, one column per trial, all finite.
    ///   - blocks: S, even, ≥ 2 (16 in the paper; C(16, 8) = 12,870 splits).
    /// - Throws: ``BacktestError`` for fewer than 2 trials, an odd or too large S, rows of unequal
    ///   length, or a non-finite value (naming its row and column).
    public init(returns: [[Double]], blocks: Int = 16) throws(BacktestError) {
        guard blocks >= 2, blocks % 2 == 0 else {
            throw BacktestError(.invalidArgument, "PBO: blocks = \(blocks); expected an even number ≥ 2")
        }
        guard let width = returns.first?.count, width >= 2 else {
            throw BacktestError(.insufficientData, "PBO: \(returns.first?.count ?? 0) trials; at least 2 are needed")
        }
        for (t, row) in returns.enumerated() {
            guard row.count == width else {
                throw BacktestError(.shapeMismatch, "PBO: row \(t) has \(row.count) trials; row 0 has \(width)")
            }
            if let j = row.firstIndex(where: { !$0.isFinite }) {
                throw BacktestError(.nonFinite, "PBO: row \(t), trial \(j) is \(row[j]); returns must be finite")
            }
        }
        let size = returns.count / blocks
        guard size >= 2 else {
            throw BacktestError(.insufficientData, "PBO: \(returns.count) periods in \(blocks) blocks leave fewer than 2 periods per block")
        }
        let rows = Array(returns.suffix(size * blocks))
        // Per block and trial: count, sum and sum of squares, so each split's Sharpe ratios come
        // from block totals instead of a pass over its rows.
        var sums = [[Double]](repeating: [Double](repeating: 0, count: width), count: blocks)
        var squares = sums
        for (t, row) in rows.enumerated() {
            let b = t / size
            for j in 0..<width { sums[b][j] += row[j]; squares[b][j] += row[j] * row[j] }
        }
        func sharpe(_ chosen: [Int]) -> [Double] {
            let n = Double(chosen.count * size)
            return (0..<width).map { j in
                var s = 0.0, q = 0.0
                for b in chosen { s += sums[b][j]; q += squares[b][j] }
                let mean = s / n
                let variance = (q - n * mean * mean) / (n - 1)
                return mean / variance.squareRoot()
            }
        }
        var logits: [Double] = [], inSample: [Double] = [], outOfSample: [Double] = []
        for combination in Self.combinations(blocks, blocks / 2) {
            let complement = (0..<blocks).filter { !combination.contains($0) }
            let isSharpe = sharpe(combination), oosSharpe = sharpe(complement)
            let best = isSharpe.indices.max { isSharpe[$0] < isSharpe[$1] || (isSharpe[$0] == isSharpe[$1] && $0 > $1) }!
            let value = oosSharpe[best]
            let below = oosSharpe.filter { $0 < value }.count, equal = oosSharpe.filter { $0 == value }.count
            let rank = Double(below) + Double(equal + 1) / 2
            let omega = rank / Double(width + 1)
            logits.append(Foundation.log(omega / (1 - omega)))
            inSample.append(isSharpe[best])
            outOfSample.append(value)
        }
        self.logits = logits
        self.inSample = inSample
        self.outOfSample = outOfSample
        probability = Double(logits.filter { $0 <= 0 }.count) / Double(logits.count)
        probabilityOfLoss = Double(outOfSample.filter { $0 < 0 }.count) / Double(outOfSample.count)
    }

    /// The k-element subsets of 0..<n in lexicographic order.
    static func combinations(_ n: Int, _ k: Int) -> [[Int]] {
        var result: [[Int]] = [], current: [Int] = []
        func extend(from start: Int) {
            if current.count == k { result.append(current); return }
            for i in start..<n where n - i >= k - current.count {
                current.append(i)
                extend(from: i + 1)
                current.removeLast()
            }
        }
        extend(from: 0)
        return result
    }
}
