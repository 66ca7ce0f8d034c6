import Foundation

/// The deterministic terms of a Dickey-Fuller regression (statsmodels' `regression`).
public enum ADFRegression: String, Sendable, Equatable, CaseIterable {
    /// No constant ("n").
    case none = "n"
    /// A constant ("c").
    case constant = "c"
    /// A constant and a linear trend ("ct").
    case constantAndTrend = "ct"

    /// Number of deterministic regressors.
    var trendCount: Int {
        switch self {
        case .none: return 0
        case .constant: return 1
        case .constantAndTrend: return 2
        }
    }
}

/// How many lagged differences an ADF regression includes.
public enum ADFLagSelection: Sendable, Equatable {
    /// Exactly this many.
    case fixed(Int)
    /// The count in 0…maxLags minimising Akaike's criterion, all candidates fitted on the
    /// same sample (statsmodels' `autolag="AIC"`); nil maxLags is ⌈12·(n/100)^¼⌉ (Schwert).
    case akaike(maxLags: Int? = nil)
    /// As ``akaike(maxLags:)`` with the Bayesian (Schwarz) criterion (`autolag="BIC"`).
    case bayesian(maxLags: Int? = nil)
}

/// The augmented Dickey-Fuller unit-root test's outcome, as statsmodels' `adfuller` tuple.
public struct ADFResult: Sendable, Equatable {
    /// The t statistic of the lagged level.
    public let statistic: Double
    /// MacKinnon's (1994) approximate p-value.
    public let pValue: Double
    /// Lagged differences in the final regression.
    public let usedLags: Int
    /// Observations in the final regression.
    public let observations: Int
    /// MacKinnon's (2010) critical values for `observations` at 1 %, 5 % and 10 %.
    public let criticalValues: (onePercent: Double, fivePercent: Double, tenPercent: Double)
    /// The best information criterion when the lags were chosen by one, otherwise nil.
    public let bestInformationCriterion: Double?

    public static func == (a: ADFResult, b: ADFResult) -> Bool {
        a.statistic == b.statistic && a.pValue == b.pValue && a.usedLags == b.usedLags && a.observations == b.observations
            && a.criticalValues == b.criticalValues && a.bestInformationCriterion == b.bestInformationCriterion
    }
}

extension HypothesisTests {
    /// The augmented Dickey-Fuller test of a unit root in `x`: statsmodels' `adfuller(x,
    /// maxlag=…, regression=…, autolag=…)`, with the same lag search, sample alignment, OLS
    /// t statistic, MacKinnon (1994) p-value and MacKinnon (2010) critical values.
    ///
    /// The largest allowed lag count is n/2 − trend terms − 1 (integer division); x needs at least
    /// 2·(trend terms) + 4 observations (4, 6 or 8), more with lags, and must not be constant.
    public static func augmentedDickeyFuller(_ x: [Double], regression: ADFRegression = .constant,
                                             lags: ADFLagSelection = .akaike()) throws -> ADFResult {
        let trend = regression.trendCount
        let minimum = 2 * trend + 4
        try requireSample(x, "x", minimum: minimum, for: "an ADF test with regression \"\(regression.rawValue)\"")
        guard let first = x.first, x.contains(where: { $0 != first }) else {
            throw QuantError(.invalidArgument, "x is constant: the ADF regression is singular")
        }
        let n = x.count
        let limit = n / 2 - trend - 1
        let requested: Int?
        switch lags {
        case .fixed(let l): requested = l
        case .akaike(let m), .bayesian(let m): requested = m
        }
        let maxLag: Int
        if let requested {
            guard requested >= 0 else { throw QuantError(.invalidArgument, "the lag count is \(requested); expected ≥ 0") }
            guard requested <= limit else {
                throw QuantError(.insufficientData, "too few observations: \(n) allow at most \(limit) lags with regression \"\(regression.rawValue)\", \(requested) requested (maxlag must be ≤ n/2 − trend terms − 1)")
            }
            maxLag = requested
        } else {
            maxLag = min(limit, Int((12 * pow(Double(n) / 100, 0.25)).rounded(.up)))
        }
        let difference = (1..<n).map { x[$0] - x[$0 - 1] }

        var usedLags = maxLag
        var bestCriterion: Double?
        switch lags {
        case .fixed:
            break
        case .akaike, .bayesian:
            // Every candidate on the sample that the longest lag leaves, columns
            // [trend terms, level, Δ lags…] as statsmodels' add_trend(prepend=True).
            var best = (Double.infinity, Int.max)
            for l in 0...maxLag {
                let fit = try adfRegression(x, difference, sampleLags: maxLag, lags: l, regression: regression)
                let criterion: Double
                if case .akaike = lags { criterion = fit.akaike } else { criterion = fit.bayesian }
                let columns = trend + 1 + l
                if criterion < best.0 || (criterion == best.0 && columns < best.1) { best = (criterion, columns); usedLags = l }
            }
            bestCriterion = best.0
        }
        let fit = try adfRegression(x, difference, sampleLags: usedLags, lags: usedLags, regression: regression)
        let tau = fit.tStatistic(trend)
        let critical = MacKinnon.criticalValues(regression: regression, observations: fit.observations)
        return ADFResult(statistic: tau, pValue: MacKinnon.pValue(tau, regression: regression), usedLags: usedLags,
                         observations: fit.observations, criticalValues: (critical[0], critical[1], critical[2]),
                         bestInformationCriterion: bestCriterion)
    }

    /// Δxₜ on [constant, trend 1…T][: trend terms], xₜ₋₁ and Δxₜ₋₁ … Δxₜ₋ₗ over the sample
    /// t = sampleLags … n − 2 (in Δ indexing) that `sampleLags` lags leave.
    static func adfRegression(_ x: [Double], _ difference: [Double], sampleLags: Int, lags: Int,
                              regression: ADFRegression) throws -> OrdinaryLeastSquares {
        let trend = regression.trendCount
        let rows = difference.count - sampleLags
        let columns = trend + 1 + lags
        guard rows > columns else {
            throw QuantError(.insufficientData, "too few observations: \(x.count) leave \(rows) rows for an ADF regression with \(columns) regressors; at least one residual degree of freedom is needed")
        }
        var design = [Double](repeating: 0, count: rows * columns)
        var response = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            let t = sampleLags + r
            var c = r * columns
            if trend >= 1 { design[c] = 1; c += 1 }
            if trend >= 2 { design[c] = Double(r + 1); c += 1 }
            design[c] = x[t]
            c += 1
            for j in 0..<lags { design[c + j] = difference[t - 1 - j] }
            response[r] = difference[t]
        }
        return try OrdinaryLeastSquares(design: Matrix(rows: rows, columns: columns, values: design), response: response)
    }
}
