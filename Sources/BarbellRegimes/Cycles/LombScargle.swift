import Foundation

/// The Lomb-Scargle periodogram of an unevenly sampled series, the same quantity as
/// `scipy.signal.lombscargle` (SciPy 1.17: unit weights, `floating_mean`, `normalize`).
///
/// For market data the sample times can be real time (days since the first bar) so weekends and
/// holidays are gaps, not shifts of phase.
public enum LombScargle {
    /// How the ordinates are scaled (scipy's `normalize`).
    public enum Normalization: String, Sendable {
        /// `normalize=False`: (n/4)·2(a·YC + b·YS), the classical Lomb-Scargle power.
        case power
        /// `normalize=True`: the power over the (weighted) variance term, in [0, 1].
        case normalize
    }

    /// Ordinates at the angular frequencies `angularFrequencies` (radians per time unit).
    /// - Parameters:
    ///   - precenter: subtract the mean of `y` first (scipy's deprecated `precenter=True`).
    ///   - floatingMean: fit an offset at each frequency along with the sinusoid (generalised
    ///     Lomb-Scargle, scipy's `floating_mean=True`).
    /// - Throws: `shapeMismatch` when times and values differ in length, `insufficientData` for
    ///   fewer than 2 points or no frequency, `nonFinite` for NaN, `invalidArgument` for times
    ///   that do not strictly increase.
    public static func power(times: [Double], values: [Double], angularFrequencies: [Double],
                             precenter: Bool = false, floatingMean: Bool = false,
                             normalization: Normalization = .power) throws -> [Double] {
        guard times.count == values.count else {
            throw RegimeError(.shapeMismatch, "times has \(times.count) values but values has \(values.count); expected equal lengths")
        }
        try CycleValidation.minimumCount(values, 2, "values", "Lomb-Scargle")
        guard !angularFrequencies.isEmpty else {
            throw RegimeError(.insufficientData, "angularFrequencies is empty; expected at least one frequency")
        }
        try CycleValidation.finite(times, "times")
        try CycleValidation.finite(values, "values")
        try CycleValidation.finite(angularFrequencies, "angularFrequencies")
        for i in 1..<times.count where !(times[i] > times[i - 1]) {
            throw RegimeError(.invalidArgument, "times[\(i)] = \(times[i]) does not exceed times[\(i - 1)] = \(times[i - 1]); expected strictly increasing times")
        }
        let n = values.count
        let w = 1 / Double(n)  // unit weights normalised to sum 1, as scipy
        var y = values
        if precenter {
            let mean = y.reduce(0, +) / Double(n)
            y = y.map { $0 - mean }
        }
        let yBar = y.reduce(0) { $0 + w * $1 }
        var yy = y.reduce(0) { $0 + w * $1 * $1 }
        if floatingMean { yy -= yBar * yBar }
        let epsneg = Double.ulpOfOne / 2  // numpy's finfo(float64).epsneg = 2⁻⁵³
        var cosT = [Double](repeating: 0, count: n), sinT = cosT
        return angularFrequencies.map { omega in
            var cc = 0.0, cs = 0.0, cSum = 0.0, sSum = 0.0
            for i in 0..<n {
                let wt = omega * times[i]
                let co = cos(wt), si = sin(wt)
                cc += w * co * co
                cs += w * co * si
                cSum += w * co
                sSum += w * si
            }
            var ss = 1 - cc
            if floatingMean {
                cc -= cSum * cSum
                ss -= sSum * sSum
                cs -= cSum * sSum
            }
            let tau = 0.5 * atan2(2 * cs, cc - ss)
            var yc = 0.0, ys = 0.0, cc2 = 0.0, c2 = 0.0, s2 = 0.0
            for i in 0..<n {
                let wt = omega * times[i] - tau
                cosT[i] = cos(wt)
                sinT[i] = sin(wt)
                yc += w * y[i] * cosT[i]
                ys += w * y[i] * sinT[i]
                cc2 += w * cosT[i] * cosT[i]
                c2 += w * cosT[i]
                s2 += w * sinT[i]
            }
            var ss2 = 1 - cc2
            if floatingMean {
                yc -= yBar * c2
                ys -= yBar * s2
                cc2 -= c2 * c2
                ss2 -= s2 * s2
            }
            cc2 = max(cc2, epsneg)
            ss2 = max(ss2, epsneg)
            let a = yc / cc2, b = ys / ss2
            let p = 2 * (a * yc + b * ys)
            switch normalization {
            case .power: return p * Double(n) / 4
            case .normalize: return p * 0.5 / yy
            }
        }
    }
}
