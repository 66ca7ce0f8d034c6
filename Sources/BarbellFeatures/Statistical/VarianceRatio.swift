extension RollingStat {
    /// Lo–MacKinlay variance ratio `VR(q)` of the window's `T` returns with overlapping
    /// `q`-period sums and both bias corrections (Lo & MacKinlay 1988, eqs. 12–14):
    ///
    /// `σ²_a = Σ (r_t − μ)² / (T − 1)`,
    /// `σ²_c = Σ_{t=q}^{T} (r_t + … + r_{t−q+1} − qμ)² / m` with `m = q (T − q + 1)(1 − q/T)`,
    /// `VR = σ²_c / σ²_a`.
    ///
    /// 1 for a random walk; above 1 for trending, below for mean-reverting returns. NaN when
    /// `q > T/2` or the window has no spread. O(window) per bar.
    struct VarianceRatio: WindowStatistic {
        let lag: Int
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let q = lag, t = Double(rows), qd = Double(lag)
            guard 2 * q <= rows else { return .nan }
            var sum = 0.0
            for x in w { sum += x }
            let mu = sum / t
            var a = 0.0
            for x in w { a += (x - mu) * (x - mu) }
            let varianceA = a / (t - 1)
            guard varianceA > 0 else { return .nan }
            var c = 0.0
            var window = 0.0
            for i in 0..<(q - 1) { window += w[i] }
            for i in (q - 1)..<rows {
                window += w[i]
                let d = window - qd * mu
                c += d * d
                window -= w[i - q + 1]
            }
            let m = qd * (t - qd + 1) * (1 - qd / t)
            return (c / m) / varianceA
        }
    }
}
