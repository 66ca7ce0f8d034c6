/// An asset's regression on Fama-French factors: `r − RF = α + Σ βⱼ Fⱼ + ε` over the months
/// both cover, with Newey-West standard errors by default.
public struct FactorRegression: Sendable {
    /// The factors regressed on, e.g. `["Mkt-RF", "SMB", "HML"]`.
    public var factorNames: [String]
    /// The first and last `YYYYMM` used.
    public var firstPeriod: Int
    public var lastPeriod: Int
    public var fit: LinearRegression

    public var alpha: Double { fit.coefficients[0] }
    public var betas: [Double] { Array(fit.coefficients.dropFirst()) }

    /// - Parameters:
    ///   - periods, returns: the asset's monthly simple returns keyed `YYYYMM` (see
    ///     ``monthlyReturns(timestamps:prices:)``).
    ///   - factors: the factor file; `RF` is subtracted from the asset's return when present.
    ///   - names: the factors to regress on (default: every column except `RF`).
    /// - Throws: `insufficientData` with fewer than 12 common months.
    public init(periods: [Int], returns: [Double], factors: FamaFrenchFactors, names: [String]? = nil,
                covariance: LinearRegression.CovarianceType = .neweyWest(lags: nil)) throws {
        let chosen = names ?? factors.names.filter { $0 != "RF" }
        let columns = try chosen.map { name -> Int in
            guard let j = factors.names.firstIndex(of: name) else {
                throw QuantError(.invalidArgument, "no factor '\(name)'; the file has \(factors.names.joined(separator: ", "))")
            }
            return j
        }
        let rf = factors.names.firstIndex(of: "RF")
        let row = Dictionary(uniqueKeysWithValues: factors.periods.enumerated().map { ($1, $0) })
        var y: [Double] = [], x: [Double] = [], used: [Int] = []
        for (period, r) in zip(periods, returns) {
            guard let t = row[period] else { continue }
            y.append(r - (rf.map { factors.values[t][$0] } ?? 0))
            x.append(contentsOf: columns.map { factors.values[t][$0] })
            used.append(period)
        }
        guard used.count >= 12 else {
            throw QuantError(.insufficientData, "\(used.count) months in common with the factor file; a factor regression needs at least 12")
        }
        factorNames = chosen
        firstPeriod = used.first!
        lastPeriod = used.last!
        fit = try LinearRegression(y, regressors: Matrix(uncheckedRows: used.count, columns: columns.count, values: x), covariance: covariance)
    }
}
