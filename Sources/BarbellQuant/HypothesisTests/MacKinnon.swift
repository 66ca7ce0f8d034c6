import Foundation

/// MacKinnon's response-surface approximations for the Dickey-Fuller τ statistic with one
/// I(1) series (N = 1), the coefficients statsmodels' `adfvalues` uses.
enum MacKinnon {
    /// Approximate p-value of τ (MacKinnon 1994, "Approximate asymptotic distribution functions
    /// for unit-root and cointegration tests", JBES 12(2)): Φ of a quadratic (small p) or cubic
    /// (large p) in τ; 0 below the table's minimum and 1 above its maximum. As `mackinnonp`.
    static func pValue(_ tau: Double, regression: ADFRegression) -> Double {
        let (maximum, minimum, star): (Double, Double, Double)
        let small: [Double], large: [Double]
        switch regression {
        case .none:
            (maximum, minimum, star) = (.infinity, -19.04, -1.04)
            small = [0.6344, 1.2378, 3.2496 * 1e-2]
            large = [0.4797, 9.3557 * 1e-1, -0.6999 * 1e-1, 3.3066 * 1e-2]
        case .constant:
            (maximum, minimum, star) = (2.74, -18.83, -1.61)
            small = [2.1659, 1.4412, 3.8269 * 1e-2]
            large = [1.7339, 9.3202 * 1e-1, -1.2745 * 1e-1, -1.0368 * 1e-2]
        case .constantAndTrend:
            (maximum, minimum, star) = (0.7, -16.18, -2.89)
            small = [3.2512, 1.6047, 4.9588 * 1e-2]
            large = [2.5261, 6.1654 * 1e-1, -3.7956 * 1e-1, -6.0285 * 1e-2]
        }
        if tau > maximum { return 1 }
        if tau < minimum { return 0 }
        let coefficients = tau <= star ? small : large
        // Horner from the highest power, as NumPy's polyval.
        var value = 0.0
        for c in coefficients.reversed() { value = value * tau + c }
        return StandardNormal.cdf(value)
    }

    /// Finite-sample critical values at 1 %, 5 % and 10 % (MacKinnon 2010, "Critical values for
    /// cointegration tests", Queen's Economics WP 1227; the no-constant row from MacKinnon 1996):
    /// β∞ + β₁/T + β₂/T² + β₃/T³. As `mackinnoncrit(N=1, regression, nobs=T)`.
    static func criticalValues(regression: ADFRegression, observations: Int) -> [Double] {
        let table: [[Double]]
        switch regression {
        case .none:
            table = [[-2.56574, -2.2358, -3.627, 0.0], [-1.941, -0.2686, -3.365, 31.223], [-1.61682, 0.2656, -2.714, 25.364]]
        case .constant:
            table = [[-3.43035, -6.5393, -16.786, -79.433], [-2.86154, -2.8903, -4.234, -40.04], [-2.56677, -1.5384, -2.809, 0.0]]
        case .constantAndTrend:
            table = [[-3.95877, -9.0531, -28.428, -134.155], [-3.41049, -4.3904, -9.036, -45.374], [-3.12705, -2.5856, -3.925, -22.38]]
        }
        let inverse = 1 / Double(observations)
        return table.map { row in row.reversed().reduce(0) { $0 * inverse + $1 } }
    }
}
