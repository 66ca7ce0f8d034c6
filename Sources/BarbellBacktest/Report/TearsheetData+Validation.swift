extension TearsheetData {
    /// Checks that the series line up and the parameters are in range, so the charts and derived
    /// series can index freely.
    ///
    /// - Throws: ``BacktestError`` naming the field and, for series, the position: fewer than two
    ///   bars, series of different lengths, timestamps not strictly increasing, a regime label
    ///   outside −1..<names.count, or a parameter out of range.
    public func validate() throws(BacktestError) {
        let n = timestamps.count
        guard n >= 2 else {
            throw BacktestError(.insufficientData, "tearsheet timestamps: \(n) bars; a tearsheet needs at least 2")
        }
        try Self.sameLength("equity", equity.count, n)
        if let benchmarkEquity { try Self.sameLength("benchmarkEquity", benchmarkEquity.count, n) }
        if !exposure.isEmpty { try Self.sameLength("exposure", exposure.count, n) }
        if let netExposure { try Self.sameLength("netExposure", netExposure.count, n) }
        for i in 1..<n where timestamps[i] <= timestamps[i - 1] {
            throw BacktestError(.invalidArgument, "tearsheet timestamps: bar \(i) (\(timestamps[i])) is not after bar \(i - 1) (\(timestamps[i - 1])); expected strictly increasing times")
        }
        if let regimes {
            try Self.sameLength("regimes.prices", regimes.prices.count, n)
            try Self.sameLength("regimes.labels", regimes.labels.count, n)
            if let i = regimes.labels.firstIndex(where: { $0 < -1 || $0 >= regimes.names.count }) {
                throw BacktestError(.invalidArgument, "tearsheet regimes.labels: bar \(i) has label \(regimes.labels[i]); expected −1 (unknown) or 0..<\(regimes.names.count) (one per name)")
            }
        }
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw BacktestError(.invalidArgument, "tearsheet periodsPerYear \(periodsPerYear): expected a finite number > 0")
        }
        guard rollingWindow >= 2 else {
            throw BacktestError(.invalidArgument, "tearsheet rollingWindow \(rollingWindow): expected at least 2 bars")
        }
        guard varLevel > 0, varLevel < 1 else {
            throw BacktestError(.invalidArgument, "tearsheet varLevel \(varLevel): expected a confidence strictly between 0 and 1, e.g. 0.95")
        }
    }

    static func sameLength(_ field: String, _ count: Int, _ n: Int) throws(BacktestError) {
        guard count == n else {
            throw BacktestError(.shapeMismatch, "tearsheet \(field): \(count) values for \(n) timestamps; expected one per bar")
        }
    }
}
