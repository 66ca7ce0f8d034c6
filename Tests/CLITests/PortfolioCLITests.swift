import Foundation
import Testing

@Suite("barbell portfolio CLI")
struct PortfolioCLITests {
    func object(_ r: CLIRun) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test("portfolio --help and optimize --help exit 0")
    func help() throws {
        for args in [["portfolio", "--help"], ["portfolio", "optimize", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(args)")
        }
    }

    @Test("every objective gives long-only weights summing to 1 on the bundled prices",
          arguments: ["min_volatility", "max_sharpe", "efficient_return", "efficient_risk", "risk_parity", "hrp", "min_cvar"])
    func objectives(objective: String) throws {
        var args = ["portfolio", "optimize", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--objective", objective, "--json"]
        if objective == "efficient_return" { args += ["--target-return", "0.15"] }
        if objective == "efficient_risk" { args += ["--target-volatility", "0.2"] }
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(objective): \(r.stderr)")
        let out = try object(r)
        let weights = (out["weights"] as? [[String: Any]] ?? []).compactMap { $0["weight"] as? Double }
        #expect(weights.count == 20, "\(objective)")
        #expect(abs(weights.reduce(0, +) - 1) < 1e-8 && weights.allSatisfy { $0 >= -1e-9 }, "\(objective)")
        #expect(out["volatility"] as? Double ?? 0 > 0)
    }

    @Test("Black-Litterman with absolute and relative views and Idzorek confidences")
    func blackLitterman() throws {
        let views = CLI.write(#"{"absolute": {"AAPL": 0.10, "XOM": 0.05}, "relative": [{"long": "MSFT", "short": "KO", "return": 0.02}], "confidences": [0.6, 0.5, 0.4]}"#, name: "views.json")
        let r = try CLI.run(["portfolio", "optimize", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--objective", "black_litterman", "--views", views, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let weights = (try object(r)["weights"] as? [[String: Any]] ?? []).compactMap { $0["weight"] as? Double }
        #expect(weights.count == 20 && abs(weights.reduce(0, +) - 1) < 1e-8)
        let broken = CLI.write("{not json", name: "views.json")
        let bad = try CLI.run(["portfolio", "optimize", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--objective", "black_litterman", "--views", broken])
        #expect(bad.status == 1 && bad.stderr.contains("views"), "\(bad.stderr)")
    }

    @Test("later listings are reported; infeasible bounds and unknown options fail cleanly")
    func badInput() throws {
        let late = try CLI.run(["portfolio", "optimize", CLI.sample("pypfopt_stock_prices.csv.gz"), "--objective", "min_volatility", "--json"])
        #expect(late.status == 0, "\(late.stderr)")
        #expect((try object(late)["diagnostics"] as? [String])?.contains { $0.hasPrefix("BABA starts") } == true)
        let infeasible = try CLI.run(["portfolio", "optimize", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--objective", "min_volatility", "--bounds", "0.2,0.3"])
        #expect(infeasible.status == 2 && infeasible.stderr.contains("infeasible"), "\(infeasible.stderr)")
        let usage = try CLI.run(["portfolio", "optimize", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--objective", "nope"])
        #expect(usage.status == 1)
    }
}
