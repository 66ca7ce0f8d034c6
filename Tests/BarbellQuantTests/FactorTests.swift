import BarbellData
import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `factors.py` (statsmodels OLS/RollingOLS, scikit-learn PCA).
    static let factors = load("factors.json")
}

@Suite("Factor models against statsmodels and scikit-learn")
struct FactorTests {
    let fixture = QuantFixture.factors
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func regression(_ ticker: String, _ covariance: LinearRegression.CovarianceType) throws -> FactorRegression {
        let factors = try FamaFrenchFactors.load(Self.samples.appendingPathComponent("arch_frenchdata.csv.gz").path)
        return try FactorRegression(periods: fixture.vector(ticker, "periods").map { Int($0) },
                                    returns: fixture.vector(ticker, "returns"), factors: factors,
                                    names: ["Mkt-RF", "SMB", "HML"], covariance: covariance)
    }

    @Test("Fama-French 3-factor OLS: coefficients, R², classical, White and Newey-West errors", arguments: ["AAPL", "XOM"])
    func famaFrench(ticker: String) throws {
        // The same least-squares problem solved by SVD on both sides: 1e-10 relative. P-values
        // go through the t or normal tail functions, 1e-8 relative.
        for (covariance, key) in [(LinearRegression.CovarianceType.classical, "classical"), (.white, "white"), (.neweyWest(lags: nil), "hac")] {
            let model = try regression(ticker, covariance)
            #expect(model.firstPeriod == fixture.integer(ticker, "first") && model.lastPeriod == fixture.integer(ticker, "last"))
            #expect(model.fit.observations == fixture.integer(ticker, "observations"))
            #expect(relativeError(model.fit.coefficients, fixture.vector(ticker, "params")) < 1e-10)
            #expect(abs(model.fit.rSquared - fixture.number(ticker, "rsquared")) < 1e-10)
            #expect(abs(model.fit.adjustedRSquared - fixture.number(ticker, "rsquared_adj")) < 1e-10)
            for (k, se) in model.fit.standardErrors.enumerated() {
                #expect(abs(se / fixture.vector(ticker, "bse_\(key)")[k] - 1) < 1e-9, "\(key) se[\(k)]")
                #expect(abs(model.fit.pValues[k] / fixture.vector(ticker, "p_\(key)")[k] - 1) < 1e-8, "\(key) p[\(k)]")
            }
            if key == "hac" { #expect(model.fit.lags == fixture.integer(ticker, "lags")) }
        }
    }

    @Test("rolling 36-month betas match statsmodels' RollingOLS")
    func rolling() throws {
        let model = try regression("AAPL", .classical)
        let factors = try FamaFrenchFactors.load(Self.samples.appendingPathComponent("arch_frenchdata.csv.gz").path)
        let rows = Dictionary(uniqueKeysWithValues: factors.periods.enumerated().map { ($1, $0) })
        var y: [Double] = [], x: [Double] = []
        for (period, r) in zip(fixture.vector("AAPL", "periods").map { Int($0) }, fixture.vector("AAPL", "returns")) {
            guard let t = rows[period] else { continue }
            y.append(r - factors.values[t][3])
            x.append(contentsOf: factors.values[t][0..<3])
        }
        #expect(y.count == model.fit.observations)
        let rolling = try RollingBetas(y, factors: Matrix(rows: y.count, columns: 3, values: x), window: 36)
        guard case .matrix(let reference)? = fixture.cases["AAPL"]?["rolling_params"] else { Issue.record("fixture"); return }
        #expect(rolling.betas.count == reference.count)
        for (w, row) in reference.enumerated() {
            #expect(abs(rolling.alphas[w] - row[0]) < 1e-10 && relativeError(rolling.betas[w], Array(row.dropFirst())) < 1e-9, "window \(w)")
        }
    }

    @Test("PCA statistical factors match scikit-learn")
    func principalComponents() throws {
        let pca = try PrincipalComponents(try fixture.matrix("pca", "returns"), count: 5)
        let components = try fixture.matrix("pca", "components")
        for i in 0..<5 {
            #expect(relativeError(pca.components[i], components.row(i)) < 1e-8, "component \(i)")
        }
        #expect(relativeError(pca.explainedVariance, fixture.vector("pca", "explained_variance")) < 1e-10)
        #expect(relativeError(pca.explainedVarianceRatio, fixture.vector("pca", "explained_variance_ratio")) < 1e-10)
        let scores = try fixture.matrix("pca", "scores_head")
        for t in 0..<10 { #expect(relativeError(pca.scores[t], scores.row(t)) < 1e-8, "scores row \(t)") }
    }

    @Test("factor file parser: malformed input names the line and field")
    func malformedFactorFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-ff-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, DataError.Code, Int?)] = [
            ("Mkt-RF,SMB\n192607,1,2\n", .badHeader, 1),
            ("Date,Mkt-RF,SMB\n192607,1\n", .fieldCount, 2),
            ("Date,Mkt-RF,SMB\n192613,1,2\n", .badTimestamp, 2),
            ("Date,Mkt-RF,SMB\n192607,1,2\n192606,1,2\n", .badTimestamp, 3),
            ("Date,Mkt-RF,SMB\n192607,1,x\n", .badNumber, 2),
            ("Date,Mkt-RF,SMB\n", .noDataRows, nil),
        ]
        for (k, (text, code, line)) in cases.enumerated() {
            let path = dir.appendingPathComponent("ff\(k).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: DataError.self) { try FamaFrenchFactors.load(path) }
            #expect(error?.code == code && error?.line == line, "case \(k): \(String(describing: error))")
        }
    }

    @Test("regression bad input: collinear factors, too few observations, NaN")
    func badRegressions() throws {
        let x = try Matrix(rows: 5, columns: 2, values: [1, 2, 2, 4, 3, 6, 4, 8, 5, 10])
        #expect((#expect(throws: QuantError.self) { try LinearRegression([1, 2, 3, 4, 5], regressors: x) })?.code == .singularMatrix)
        let short = try Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 5, 7])
        #expect((#expect(throws: QuantError.self) { try LinearRegression([1, 2, 3], regressors: short) })?.code == .insufficientData)
        let ok = try Matrix(rows: 5, columns: 1, values: [1, 3, 2, 5, 4])
        #expect((#expect(throws: QuantError.self) { try LinearRegression([1, .nan, 3, 4, 5], regressors: ok) })?.code == .nonFinite)
        #expect((#expect(throws: QuantError.self) { try RollingBetas([1, 2, 3, 4, 5], factors: ok, window: 2) })?.code == .insufficientData)
        #expect((#expect(throws: QuantError.self) { try PrincipalComponents(ok, count: 2) })?.code == .invalidArgument)
    }
}
