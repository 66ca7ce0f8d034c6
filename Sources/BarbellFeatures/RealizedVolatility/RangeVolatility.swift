extension RollingStat {
    /// `√(annualization · factor · Σterm / n)`: the volatility estimators that average a
    /// per-bar variance term (Parkinson with factor `1/(4 ln 2)`, Garman–Klass and
    /// Rogers–Satchell with 1; downside and upside deviation with 1 and exactly 0 when the
    /// transform's count column says no term was non-zero). A negative mean (possible for
    /// Garman–Klass on odd bars) reads as 0.
    struct RootMeanTerm: MomentStatistic {
        let factor: Double
        let annualization: Double
        func value(_ s: UnsafeBufferPointer<Double>, rows: Int) -> Double {
            if s.count > 1, s[1] == 0 { return 0 }
            let variance = factor * s[0] / Double(rows)
            return (annualization * max(variance, 0)).squareRoot()
        }
    }

    /// Yang–Zhang volatility (Yang & Zhang 2000, eq. 12) over a window of `n` bars:
    /// `σ² = σ²_o + k σ²_c + (1 − k) σ²_rs` with the sample variances (`ddof = 1`) of the
    /// overnight and open-to-close returns, the mean Rogers–Satchell term, and
    /// `k = 0.34 / (1.34 + (n + 1)/(n − 1))`; reported as `√(annualization · σ²)`.
    struct YangZhang: MomentStatistic {
        let annualization: Double
        func value(_ s: UnsafeBufferPointer<Double>, rows: Int) -> Double {
            let n = Double(rows)
            let overnight = (s[1] - s[0] * s[0] / n) / (n - 1)
            let body = (s[3] - s[2] * s[2] / n) / (n - 1)
            let rs = s[4] / n
            let k = 0.34 / (1.34 + (n + 1) / (n - 1))
            let variance = overnight + k * body + (1 - k) * rs
            return (annualization * max(variance, 0)).squareRoot()
        }
    }

    /// Omega ratio at a zero threshold (Keating & Shadwick 2002): the window's summed gains over
    /// its summed losses, `Σ max(r, 0) / Σ max(−r, 0)`; NaN without a loss.
    struct OmegaRatio: MomentStatistic {
        func value(_ s: UnsafeBufferPointer<Double>, rows: Int) -> Double {
            guard s[2] > 0 else { return .nan }
            return s[0] / s[1]
        }
    }

    /// Annualised Sharpe ratio of the window's log returns at a zero risk-free rate
    /// (Sharpe 1994): `√annualization · mean / s` with the sample standard deviation.
    struct SharpeRatio: MomentStatistic {
        let annualization: Double
        func value(_ s: UnsafeBufferPointer<Double>, rows: Int) -> Double {
            let n = Double(rows)
            let variance = (s[1] - s[0] * s[0] / n) / (n - 1)
            guard variance > 0 else { return .nan }
            return annualization.squareRoot() * (s[0] / n) / variance.squareRoot()
        }
    }
}
