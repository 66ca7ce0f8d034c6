extension FeatureInput {
    /// A copy whose `vwap` column is the typical price `(high + low + close) / 3`.
    ///
    /// Bar files often lack a VWAP while Qlib's Alpha158/Alpha360 read one (`$vwap`); the typical
    /// price is the usual stand-in (and what Barbell's Alpha fixtures use for the S&P 500 sample).
    /// Callers opt in explicitly, so a model never trains on a substitute without saying so.
    public func withTypicalPriceVWAP() -> FeatureInput {
        guard let high = self[.high], let low = self[.low], let close = self[.close] else { return self }
        var copy = self
        // The three columns have `count` values each, so this cannot fail.
        try! copy.set(.vwap, (0..<count).map { (high[$0] + low[$0] + close[$0]) / 3 })
        return copy
    }
}
