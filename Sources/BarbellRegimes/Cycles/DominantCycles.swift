/// The strongest cycles of an evenly spaced series: the largest local peaks of its periodogram at
/// the Fourier frequencies, with Fisher's g test of the largest one.
public struct DominantCycles: Sendable, Equatable {
    /// One periodogram peak.
    public struct Cycle: Sendable, Equatable {
        /// Fourier index k (frequency k/n cycles per bar).
        public let index: Int
        /// Frequency in cycles per bar.
        public let frequency: Double
        /// Period in bars, n/k.
        public let period: Double
        /// Periodogram ordinate (density scaling, fs = 1).
        public let power: Double
        /// This ordinate over the sum of all ordinates after the zero frequency: for the default
        /// mean removal, the share of the series' variance at this frequency.
        public let varianceShare: Double
    }

    /// The peaks, strongest first (at most the number asked for).
    public let cycles: [Cycle]
    /// Fisher's g: the largest ordinate over the sum of the m ordinates k = 1 … m.
    public let fisherG: Double
    /// m = ⌊(n − 1)/2⌋, the ordinates the test uses.
    public let fisherM: Int
    /// Exact p-value of g under Gaussian white noise.
    public let fisherPValue: Double

    /// Finds the `count` largest periodogram peaks of `x` (the ordinates at k = 1 … ⌊(n−1)/2⌋
    /// that exceed their left neighbour and are not below their right one; the ends compare
    /// with their one neighbour) and tests the largest ordinate with Fisher's g.
    /// - Throws: `insufficientData` for fewer than 5 values (Fisher's test needs m ≥ 2),
    ///   `invalidArgument` for `count < 1`, `nonFinite` for NaN, and `invalidArgument` for a
    ///   series with no variation (all ordinates zero).
    public init(_ x: [Double], count: Int = 3, detrend: Periodogram.Detrend = .constant) throws {
        guard count >= 1 else { throw RegimeError(.invalidArgument, "count is \(count); expected ≥ 1") }
        try CycleValidation.minimumCount(x, 5, "x", "Fisher's g test (m = ⌊(n−1)/2⌋ ≥ 2)")
        let pg = try Periodogram(x, detrend: detrend, scaling: .density)
        let n = x.count, m = (n - 1) / 2
        let ordinates = Array(pg.power[1...m])
        let total = pg.power.dropFirst().reduce(0, +)
        guard total > 0 else {
            throw RegimeError(.invalidArgument, "x has no variation after detrending; no cycle to find")
        }
        var peaks: [Int] = []
        for k in 1...m {
            let p = pg.power[k]
            let leftOK = k == 1 || p > pg.power[k - 1]
            let rightOK = k == m || p >= pg.power[k + 1]
            if leftOK && rightOK { peaks.append(k) }
        }
        peaks.sort { pg.power[$0] > pg.power[$1] || (pg.power[$0] == pg.power[$1] && $0 < $1) }
        cycles = peaks.prefix(count).map {
            Cycle(index: $0, frequency: pg.frequencies[$0], period: Double(n) / Double($0),
                  power: pg.power[$0], varianceShare: pg.power[$0] / total)
        }
        fisherG = FisherG.statistic(ordinates)
        fisherM = m
        fisherPValue = try FisherG.pValue(g: fisherG, m: m)
    }
}
