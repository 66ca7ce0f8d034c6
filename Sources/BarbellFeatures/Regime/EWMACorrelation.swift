extension RollingStat {
    /// One exponentially weighted covariance with pandas' recurrence (`ewm(alpha, adjust=True,
    /// ignore_na=False).cov(bias=True)`): weighted means and covariance updated per observation
    /// with the old weight decayed by `1 − alpha` and the new weight 1.
    struct EWMCovariance {
        let decay: Double
        var meanX = Double.nan, meanY = Double.nan
        var covariance = 0.0
        var oldWeight = 1.0

        init(decay: Double) { self.decay = decay }

        /// Adds the pair; `observed` is false when either value is NaN (the weights still decay).
        mutating func add(_ x: Double, _ y: Double, observed: Bool) {
            guard !meanX.isNaN else {
                if observed {
                    meanX = x
                    meanY = y
                }
                return
            }
            oldWeight *= decay
            guard observed else { return }
            let oldX = meanX, oldY = meanY
            if meanX != x { meanX = (oldWeight * oldX + x) / (oldWeight + 1) }
            if meanY != y { meanY = (oldWeight * oldY + y) / (oldWeight + 1) }
            covariance = (oldWeight * (covariance + (oldX - meanX) * (oldY - meanY)) + (x - meanX) * (y - meanY)) / (oldWeight + 1)
            oldWeight += 1
        }
    }

    /// Exponentially weighted correlation of the log returns of the close and of the benchmark,
    /// `cov_xy / √(var_x · var_y)`, each moment an EWMA with weight `λ^age` (RiskMetrics 1996,
    /// λ = 0.94 for daily data), computed as pandas'
    /// `x.ewm(alpha=1−λ).corr(y)`: NaN until `minperiods` joint observations. Unlike the windowed
    /// features, a later NaN (in either series) does not blank the output: that bar is skipped
    /// while the older weights still decay (pandas' `ignore_na=False`). O(1) per bar.
    struct EWMACorrelation: Engine {
        var returns = ReturnPair()
        var xy: EWMCovariance, xx: EWMCovariance, yy: EWMCovariance
        let minimum: Int
        var observations = 0
        var pair = [0.0, 0.0]

        init(decay: Double, minimum: Int) {
            xy = EWMCovariance(decay: decay)
            xx = xy
            yy = xy
            self.minimum = minimum
        }

        mutating func push(_ row: UnsafeBufferPointer<Double>) -> Double {
            let defined = pair.withUnsafeMutableBufferPointer { returns.next(row, $0) }
            guard defined else { return .nan }
            let x = pair[0], y = pair[1]
            let observed = !x.isNaN && !y.isNaN
            if observed { observations += 1 }
            xy.add(x, y, observed: observed)
            xx.add(x, x, observed: observed)
            yy.add(y, y, observed: observed)
            guard observations >= minimum else { return .nan }
            return xy.covariance / (max(xx.covariance * yy.covariance, 0)).squareRoot()
        }
    }
}
