import Foundation
import Testing

/// `barbell metrics`: the statistics of a returns file equal empyrical's on the same returns
/// (the backtest fixture), and bad input exits with the reason.
@Suite("barbell metrics")
struct MetricsCLITests {
    struct Case: Decodable { let returns, benchmark: [Double]; let sharpe, maxDrawdown, alpha, beta, sortino: Double }
    struct Fixture: Decodable { let cases: [Case] }

    static func csv(_ values: [Double], name: String) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        var text = "date,\(name)\n"
        for (i, v) in values.enumerated() {
            text += "\(f.string(from: Date(timeIntervalSince1970: 946_684_800 + Double(i) * 86_400))),\(v)\n"
        }
        return CLI.write(text, name: "\(name).csv")
    }

    @Test("a returns file with a benchmark gives empyrical's statistics")
    func matchesEmpyrical() throws {
        let url = CLI.repoRoot.appendingPathComponent("Tests/Fixtures/backtest/empyrical_stats.json")
        let c = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases[1]
        let r = try CLI.run(["metrics", Self.csv(c.returns, name: "JPM"), "--benchmark", Self.csv(c.benchmark, name: "SPX"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        for (key, expected) in [("sharpe", c.sharpe), ("maxDrawdown", c.maxDrawdown), ("alpha", c.alpha), ("beta", c.beta), ("sortino", c.sortino)] {
            let value = try #require(report[key] as? Double)
            #expect(abs(value - expected) <= 1e-9 * max(1, abs(expected)), "\(key): \(value) vs \(expected)")
        }
        #expect(report["periods"] as? Int == c.returns.count)
    }

    @Test("a NaN return exits 2 naming the file; half of the deflation options exits 1")
    func badInput() throws {
        let bad = CLI.write("date,x\n2020-01-01,0.01\n2020-01-02,abc\n2020-01-03,0.02\n", name: "bad.csv")
        let r = try CLI.run(["metrics", bad])
        #expect(r.status == 2 && r.stderr.contains("bad.csv"), "\(r.status) \(r.stderr)")
        let good = Self.csv([0.01, -0.02, 0.015, 0.003], name: "X")
        let half = try CLI.run(["metrics", good, "--trials", "10"])
        #expect(half.status == 1 && half.stderr.contains("--sharpe-variance"), "\(half.stderr)")
    }
}
