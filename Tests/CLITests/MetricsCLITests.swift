import Foundation
import Testing

/// `barbell metrics`: the statistics of a returns file equal empyrical's on the same returns
/// (the backtest fixture), bootstrap intervals use arch's automatic block length and replay with
/// their seed, regime tables equal pandas' groupby, and bad input exits with the reason.
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

    static func json(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    struct BlockFixture: Decodable {
        struct Series: Decodable { let values: [Double]; let stationary: Double }
        let blockLengths: [Series]
    }

    @Test("bootstrap intervals bracket the Sharpe ratio, use arch's block length, replay with the seed, and --bootstrap 0 drops them")
    func bootstrapIntervals() throws {
        let url = CLI.repoRoot.appendingPathComponent("Tests/Fixtures/backtest/bootstrap.json")
        let series = try JSONDecoder().decode(BlockFixture.self, from: Data(contentsOf: url)).blockLengths[0]
        let file = Self.csv(series.values, name: "AAPL")
        let first = try CLI.run(["metrics", file, "--bootstrap", "300", "--seed", "5", "--confidence", "0.9", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try Self.json(first.stdout)
        let b = try #require(report["bootstrap"] as? [String: Any])
        let length = try #require(b["expectedBlockLength"] as? Double)
        #expect(abs(length - series.stationary) <= 1e-9 * series.stationary && b["automaticBlockLength"] as? Bool == true)
        #expect(b["resamples"] as? Int == 300 && b["confidence"] as? Double == 0.9)
        let sharpe = try #require(b["sharpe"] as? [String: Any]), drawdown = try #require(b["maxDrawdown"] as? [String: Any])
        let point = try #require(report["sharpe"] as? Double)
        #expect(sharpe["estimate"] as? Double == point)
        #expect((sharpe["lower"] as! Double) < point && point < (sharpe["upper"] as! Double))
        #expect((drawdown["lower"] as! Double) < (drawdown["upper"] as! Double))
        let again = try CLI.run(["metrics", file, "--bootstrap", "300", "--seed", "5", "--confidence", "0.9", "--json"])
        #expect(again.stdout == first.stdout)
        let other = try CLI.run(["metrics", file, "--bootstrap", "300", "--seed", "6", "--confidence", "0.9", "--json"])
        #expect(other.stdout != first.stdout)
        let off = try Self.json(try CLI.run(["metrics", file, "--bootstrap", "0", "--json"]).stdout)
        #expect(off["bootstrap"] == nil)
        let fixed = try CLI.run(["metrics", file, "--bootstrap", "200", "--block-length", "3"])
        #expect(fixed.status == 0 && fixed.stdout.contains("Sharpe 95% interval") && fixed.stdout.contains("expected block length 3.00"),
                "\(fixed.stdout)")
    }

    struct RegimeFixture: Decodable {
        struct Row: Decodable { let label, periods: Int; let meanAnnualReturn, compoundedAnnualReturn, maxDrawdown, hitRate: Double; let sharpe: Double? }
        let dates: [String]
        let returns: [Double]
        let labels: [Int]
        let regimes: [Row]
    }

    static func regimeFiles() throws -> (fixture: RegimeFixture, returns: String, regimes: String) {
        let url = CLI.repoRoot.appendingPathComponent("Tests/Fixtures/backtest/regimes.json")
        let f = try JSONDecoder().decode(RegimeFixture.self, from: Data(contentsOf: url))
        let returns = "date,AAPL\n" + zip(f.dates, f.returns).map { "\($0),\($1)\n" }.joined()
        let regimes = "date,label,name\n" + zip(f.dates, f.labels).map { "\($0),\($1),\($1 == 0 ? "calm" : "")\n" }.joined()
        return (f, CLI.write(returns, name: "regime_returns.csv"), CLI.write(regimes, name: "regimes.csv"))
    }

    @Test("--regimes gives pandas' per-regime statistics, in JSON and as a table")
    func regimes() throws {
        let (f, returns, regimes) = try Self.regimeFiles()
        let r = try CLI.run(["metrics", returns, "--regimes", regimes, "--bootstrap", "0", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try Self.json(r.stdout)["regimes"] as? [[String: Any]])
        try #require(rows.count == f.regimes.count)
        for (row, expected) in zip(rows, f.regimes) {
            #expect(row["label"] as? Int == expected.label && row["periods"] as? Int == expected.periods)
            for (key, value) in [("meanAnnualReturn", expected.meanAnnualReturn), ("compoundedAnnualReturn", expected.compoundedAnnualReturn),
                                 ("maxDrawdown", expected.maxDrawdown), ("hitRate", expected.hitRate)] {
                let ours = try #require(row[key] as? Double)
                #expect(abs(ours - value) <= 1e-9 * max(1, abs(value)), "regime \(expected.label) \(key): \(ours) vs \(value)")
            }
        }
        #expect(rows[1]["name"] as? String == "calm" && rows[0]["name"] as? String == "unknown")
        let table = try CLI.run(["metrics", returns, "--regimes", regimes, "--bootstrap", "0"])
        #expect(table.status == 0 && table.stdout.contains("0 calm") && table.stdout.contains("hit rate"), "\(table.stdout)")
    }

    @Test("a regimes file missing a return date, with a bad label or date, exits 2 naming the problem; bad options exit 1")
    func badRegimes() throws {
        let (f, returns, _) = try Self.regimeFiles()
        let missing = "date,label\n" + zip(f.dates, f.labels).enumerated().filter { $0.offset != 10 && $0.offset != 20 }
            .map { "\($0.element.0),\($0.element.1)\n" }.joined()
        let r = try CLI.run(["metrics", returns, "--regimes", CLI.write(missing, name: "missing.csv"), "--bootstrap", "0"])
        #expect(r.status == 2 && r.stderr.contains("no regime label for \(f.dates[10])") && r.stderr.contains("first of 2"), "\(r.stderr)")
        let badLabel = "date,label\n\(f.dates[0]),0\n\(f.dates[1]),calm\n"
        let l = try CLI.run(["metrics", returns, "--regimes", CLI.write(badLabel, name: "badlabel.csv"), "--bootstrap", "0"])
        #expect(l.status == 2 && l.stderr.contains("line 3") && l.stderr.contains("'calm'"), "\(l.stderr)")
        let low = try CLI.run(["metrics", returns, "--regimes", CLI.write("date,label\n\(f.dates[0]),-4\n", name: "low.csv"), "--bootstrap", "0"])
        #expect(low.status == 2 && low.stderr.contains("label -4"), "\(low.stderr)")
        let badDate = try CLI.run(["metrics", returns, "--regimes", CLI.write("date,label\nyesterday,1\n", name: "baddate.csv"), "--bootstrap", "0"])
        #expect(badDate.status == 2 && badDate.stderr.contains("'yesterday'"), "\(badDate.stderr)")
        let twice = "date,label\n\(f.dates[0]),0\n\(f.dates[0]),1\n"
        let t = try CLI.run(["metrics", returns, "--regimes", CLI.write(twice, name: "twice.csv"), "--bootstrap", "0"])
        #expect(t.status == 2 && t.stderr.contains("twice"), "\(t.stderr)")
        let confidence = try CLI.run(["metrics", returns, "--confidence", "95"])
        #expect(confidence.status == 1 && confidence.stderr.contains("--confidence"), "\(confidence.stderr)")
        let block = try CLI.run(["metrics", returns, "--block-length", "0"])
        #expect(block.status == 1 && block.stderr.contains("--block-length"), "\(block.stderr)")
    }
}
