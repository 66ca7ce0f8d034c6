import Foundation
import Testing

@Suite("barbell risk CLI")
struct RiskCLITests {
    func json(_ r: CLIRun) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test("risk --help and every verb's help exit 0")
    func help() throws {
        for args in [["risk", "--help"], ["risk", "garch", "--help"], ["risk", "evt", "--help"], ["risk", "var", "--help"], ["risk", "stress", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(args)")
        }
    }

    @Test("risk garch --json prints arch's parameter names and fit statistics; too few returns exit 2")
    func garch() throws {
        let r = try CLI.run(["risk", "garch", CLI.sample("arch_sp500.csv.gz"), "--model", "gjr", "--dist", "t", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try json(r)
        let parameters = out["parameters"] as? [String: Double] ?? [:]
        #expect(Set(parameters.keys) == ["mu", "omega", "alpha[1]", "gamma[1]", "beta[1]", "nu"])
        // arch 8.0 on the same 5,030 returns ×100: −6744.4314 (Tests/Fixtures/quant/garch.json).
        #expect(abs((out["log_likelihood"] as? Double ?? 0) + 6744.4314) < 1e-3)
        #expect(out["aic"] != nil && out["bic"] != nil)
        let short = CLI.write("date,close\n" + (1...50).map { "2020-01-\(String(format: "%02d", $0 % 28 + 1))T\($0 % 24):00:00Z,\(100 + $0)" }.joined(separator: "\n") + "\n", name: "short.csv")
        let few = try CLI.run(["risk", "garch", short])
        #expect(few.status == 2, "\(few.stderr)")
    }

    @Test("risk evt --json reports the GPD tail, VaR/ES levels, Hill and GEV")
    func evt() throws {
        let r = try CLI.run(["risk", "evt", CLI.sample("arch_sp500.csv.gz"), "--threshold-quantile", "0.95", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try json(r)
        #expect(out["exceedances"] as? Int == 252)
        #expect((out["levels"] as? [[String: Any]])?.count == 3)
        #expect(out["hill"] != nil && out["gev"] != nil)
        let shape = try #require(out["shape"] as? Double)
        #expect(shape > 0 && shape < 0.5, "S&P 500 losses have a moderately heavy tail, got ξ = \(shape)")
    }

    @Test("risk var: every method, a portfolio, a backtest; bad input exits 1 or 2")
    func valueAtRisk() throws {
        let all = try CLI.run(["risk", "var", CLI.sample("arch_sp500.csv.gz"), "--confidence", "0.99", "--json"])
        #expect(all.status == 0, "\(all.stderr)")
        let results = try json(all)["results"] as? [[String: Any]] ?? []
        let methods = results.compactMap { ($0["estimate"] as? [String: Any])?["method"] as? String }
        #expect(methods == ["historical", "normal", "student_t", "cornish_fisher", "monte_carlo", "evt", "filtered_historical"])

        let portfolio = try CLI.run(["risk", "var", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--weights", "AAPL=0.5,XOM=0.5",
                                     "--method", "monte-carlo", "--horizon", "10", "--json"])
        #expect(portfolio.status == 0, "\(portfolio.stderr)")
        let estimate = (try json(portfolio)["results"] as? [[String: Any]])?.first?["estimate"] as? [String: Any]
        #expect(estimate?["horizonScaling"] as? String == "simulated h-period paths")

        let backtest = try CLI.run(["risk", "var", CLI.sample("arch_sp500.csv.gz"), "--method", "historical", "--backtest", "250"])
        #expect(backtest.status == 0 && backtest.stdout.contains("Kupiec"), "\(backtest.stderr)")

        let unknown = try CLI.run(["risk", "var", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--weights", "NOPE=1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("NOPE"))
        let badWeights = try CLI.run(["risk", "var", CLI.sample("arch_sp500.csv.gz"), "--weights", "SPX"])
        #expect(badWeights.status == 1 && badWeights.stderr.contains("TICKER=WEIGHT"))
        let tooShort = CLI.write("date,close\n2020-01-02,100\n2020-01-03,101\n2020-01-06,99\n", name: "short.csv")
        let few = try CLI.run(["risk", "var", tooShort, "--method", "historical"])
        #expect(few.status == 2 && few.stderr.contains("insufficient-data"), "\(few.stderr)")
    }

    @Test("risk stress replays the crises and proxies missing history")
    func stress() throws {
        let r = try CLI.run(["risk", "stress", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--weights", "AAPL=0.4,JPM=0.3,XOM=0.3",
                             "--scenarios", "20000", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let outcomes = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        let names = outcomes.compactMap { $0["name"] as? String }
        #expect(names.prefix(4) == ["black_monday_1987", "dotcom_2000_2002", "gfc_2008", "covid_2020"])
        let crash = outcomes.first { $0["name"] as? String == "black_monday_1987" }
        #expect((crash?["sources"] as? [String: String])?["AAPL"] == "beta×market factor")
        #expect(outcomes.allSatisfy { ($0["portfolioReturn"] as? Double ?? 0) < 0 })
    }
}
