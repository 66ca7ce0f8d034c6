import BarbellQuant
import Testing

@Suite("Covariance estimators against PyPortfolioOpt and scikit-learn")
struct CovarianceTests {
    let fixture = QuantFixture.covariance

    @Test("sample, exponentially weighted, correlation and distance", arguments: ["long", "short"])
    func plain(name: String) throws {
        let returns = try fixture.matrix(name, "returns")
        let sample = try Covariance.sample(returns)
        #expect(relativeError(sample.values, try fixture.matrix(name, "sample").values) < 1e-12)
        let exponential = try Covariance.exponentiallyWeighted(returns, span: 60)
        #expect(relativeError(exponential.values, try fixture.matrix(name, "exp_span60").values) < 1e-12)
        let correlation = try Covariance.correlation(sample)
        #expect(relativeError(correlation.values, try fixture.matrix(name, "correlation").values) < 1e-12)
        // PyPortfolioOpt's correlation diagonal is 1 only to round-off, so its self-distances are
        // √(ε-ish) ≈ 1e-8; ours are exactly 0. Off the diagonal the two agree to round-off.
        let distance = try Covariance.correlationDistance(correlation)
        let reference = try fixture.matrix(name, "distance")
        for i in 0..<distance.rows {
            #expect(distance[i, i] == 0 && reference[i, i] < 1e-7)
            for j in 0..<distance.columns where j != i {
                #expect(abs(distance[i, j] - reference[i, j]) < 1e-12 * reference[i, j], "distance[\(i), \(j)]")
            }
        }
    }

    @Test("Ledoit-Wolf (identity and constant-correlation targets) and OAS", arguments: ["long", "short"])
    func shrinkage(name: String) throws {
        let returns = try fixture.matrix(name, "returns")
        for (estimate, key) in [(try Covariance.ledoitWolf(returns), "ledoit_wolf"),
                                (try Covariance.ledoitWolfConstantCorrelation(returns), "constant_correlation"),
                                (try Covariance.oracleApproximatingShrinkage(returns), "oas")] {
            let expected = fixture.number(name, "\(key)_shrinkage")
            #expect(abs(estimate.shrinkage - expected) <= 1e-10 * max(abs(expected), 1e-3), "\(key) shrinkage \(estimate.shrinkage) vs \(expected)")
            #expect(relativeError(estimate.matrix.values, try fixture.matrix(name, key).values) < 1e-11, "\(key)")
        }
    }

    @Test("too few observations, missing returns and flat assets are refused with what was wrong")
    func badInput() throws {
        let one = try Matrix([[0.01, 0.02]])
        let short = try #require(throws: QuantError.self) { try Covariance.sample(one) }
        #expect(short.message.contains("at least 2 observations"))
        let gap = try Matrix([[0.01, 0.02], [.nan, 0.01], [0.0, 0.03]])
        let missing = try #require(throws: QuantError.self) { try Covariance.ledoitWolf(gap) }
        #expect(missing.code == .nonFinite && missing.message.contains("row 1, asset 0"))
        let flat = try Matrix([[0.01, 0.0], [0.02, 0.0], [-0.01, 0.0]])
        let constant = try #require(throws: QuantError.self) { try Covariance.ledoitWolfConstantCorrelation(flat) }
        #expect(constant.message.contains("asset 1"))
        #expect(throws: QuantError.self) { try Covariance.correlation(try Covariance.sample(flat)) }
        #expect(throws: QuantError.self) { try Covariance.exponentiallyWeighted(gap, span: 0.5) }
    }
}
