import BarbellStore
import Foundation
import Testing

/// `barbell backtest` and `barbell backtest sweep` as a user runs them: the crossover on the
/// bundled S&P 500 equals backtrader's (the committed fixture), the tearsheet and its JSON twin
/// are written, sweeps report the deflated Sharpe ratio and PBO, and bad input exits with the reason.
@Suite("barbell backtest")
struct BacktestCLITests {
    struct Backtrader: Decodable { let orders: [Order]; let finalValue: Double; struct Order: Decodable { let bar: Int } }

    static func config(_ body: String, name: String = "bt.yaml") -> String {
        CLI.write("name: cli-backtest\nseed: 3\ndata: {files: [\(CLI.sample("arch_sp500.csv.gz"))]}\n" + body, name: name)
    }

    static func json(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    @Test("a crossover config equals backtrader's run and writes the tearsheet and its JSON twin")
    func crossoverMatchesBacktrader() throws {
        let reference = try JSONDecoder().decode(Backtrader.self, from: Data(contentsOf: CLI.repoRoot.appendingPathComponent("Tests/Fixtures/backtest/backtrader_crossover.json")))
        let file = Self.config("strategy: {type: crossover, fast: 10, slow: 30, shares: 100}\ncosts: {commissionBps: 10}\nhonesty: {bootstrap: 200, regimes: 2}\n")
        let html = CLI.temporaryPath("report/tearsheet.html")
        let r = try CLI.run(["backtest", file, "--tearsheet", html, "--trials", "12", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(r.stdout)
        #expect(report["fills"] as? Int == reference.orders.count)
        let strategy = try #require(report["strategy"] as? [String: Any])
        let equity = try #require(strategy["finalEquity"] as? Double)
        #expect(abs(equity - reference.finalValue) < 1e-6 * reference.finalValue, "\(equity) vs \(reference.finalValue)")
        let honesty = try #require(report["honesty"] as? [String: Any])
        #expect(honesty["trials"] as? Int == 12)
        #expect(honesty["deflatedSharpe"] is Double)
        #expect(honesty["sharpeInterval"] is [String: Any])
        #expect(FileManager.default.fileExists(atPath: html))
        let twin = try Data(contentsOf: URL(fileURLWithPath: html).deletingPathExtension().appendingPathExtension("json"))
        let document = try #require(try JSONSerialization.jsonObject(with: twin) as? [String: Any])
        #expect(document["schema"] as? String == "barbell.tearsheet/1")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("Deflated Sharpe ratio"))
    }

    @Test("the human summary names the honesty statistics and where the tearsheet is")
    func humanSummary() throws {
        let file = Self.config("strategy: {type: buy-and-hold}\ncosts: {commissionBps: 5, slippage: {model: fixed, bps: 2}}\nbenchmark: none\nhonesty: {bootstrap: 100, regimes: 0}\n")
        let html = CLI.temporaryPath("bh.html")
        let r = try CLI.run(["backtest", "run", file, "--tearsheet", html])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Probabilistic Sharpe ratio") && r.stdout.contains("tearsheet: \(html)"))
        #expect(r.stdout.contains("past performance promises nothing"))
    }

    @Test("a sweep runs every combination and reports the best variant's deflated Sharpe ratio and PBO")
    func sweep() throws {
        let file = Self.config("strategy: {type: crossover, fast: 10, slow: 30, fraction: 0.99}\ncosts: {commissionBps: 10}\n")
        let r = try CLI.run(["backtest", "sweep", file, "--grid", "strategy.fast=5,10,20", "--grid", "strategy.slow=50,100", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let outcome = try Self.json(r.stdout)
        let variants = try #require(outcome["variants"] as? [[String: Any]])
        #expect(variants.count == 6)
        #expect(outcome["trials"] as? Int == 6)
        #expect(outcome["deflatedSharpe"] is Double)
        #expect(outcome["probabilityOfOverfitting"] is Double)
        let parameters = variants.compactMap { $0["parameters"] as? [String: String] }
        #expect(parameters.map { $0["strategy.fast"] ?? "" } == ["5", "5", "10", "10", "20", "20"])
        let human = try CLI.run(["backtest", "sweep", file, "--grid", "strategy.fast=5,10", "--grid", "strategy.slow=50"])
        #expect(human.status == 0 && human.stdout.contains("deflated Sharpe ratio of the best"), "\(human.stderr)")
    }

    @Test("bad configurations and inputs exit with the reason")
    func badInput() throws {
        let unknown = Self.config("strategy: {type: crossover, fast: 10, slow: 30, shares: 100}\ncosts: {comission: 10}\n")
        let r1 = try CLI.run(["backtest", unknown])
        #expect(r1.status == 1 && r1.stderr.contains("costs.comission"), "\(r1.status) \(r1.stderr)")
        let noSlow = Self.config("strategy: {type: crossover, fast: 10}\n")
        let r2 = try CLI.run(["backtest", noSlow, "--no-tearsheet"])
        #expect(r2.status == 1 && r2.stderr.contains("slow"), "\(r2.status) \(r2.stderr)")
        let missing = CLI.write("name: x\ndata: {files: [/nonexistent/bars.csv]}\nstrategy: {type: buy-and-hold}\n", name: "missing.yaml")
        let r3 = try CLI.run(["backtest", missing, "--no-tearsheet"])
        #expect(r3.status == 2 && r3.stderr.contains("/nonexistent/bars.csv"), "\(r3.status) \(r3.stderr)")
        let scores = CLI.write("symbol,timestamp,score\nMSFT,2010-01-04,0.5\n", name: "scores.csv")
        let r4 = try CLI.run(["backtest", Self.config("strategy: {type: signals, file: \(scores)}\n"), "--no-tearsheet"])
        #expect(r4.status == 2 && r4.stderr.contains("unknown symbol MSFT"), "\(r4.status) \(r4.stderr)")
        let r5 = try CLI.run(["backtest", "sweep", Self.config("strategy: {type: crossover, fast: 10, slow: 30}\n"), "--grid", "costs.commissionBps=1,2"])
        #expect(r5.status == 1 && r5.stderr.contains("costs.commissionBps cannot vary"), "\(r5.status) \(r5.stderr)")
        let r6 = try CLI.run(["backtest", "sweep", Self.config("strategy: {type: crossover, fast: 10, slow: 30}\n"), "--grid", "strategy.fast"])
        #expect(r6.status == 1 && r6.stderr.contains("PATH=V1"), "\(r6.status) \(r6.stderr)")
    }
}


/// `--study NAME` deflates by the trial count a tuning study recorded in the store, every state counted.
@Suite("barbell backtest --study")
struct BacktestStudyCLITests {
    @Test("the deflated Sharpe ratio uses the study's trial count from the store")
    func trialsFromStudy() async throws {
        let store = CLI.temporaryPath("studies.sqlite")
        let studies = try await openStudyStore(store)
        _ = try await studies.openStudy(name: "crossover-search", direction: .maximize, config: "{}")
        for k in 0..<7 {
            let trial = try await studies.reserveTrial(study: "crossover-search", worker: "test") { _ in "{\"k\": \(k)}" }
            try await studies.finishTrial(study: "crossover-search", trial: trial.number, state: k == 3 ? .failed : .complete, value: k == 3 ? nil : Double(k))
        }
        try await studies.close()
        let file = BacktestCLITests.config("strategy: {type: crossover, fast: 10, slow: 30, shares: 100}\nhonesty: {bootstrap: 0, regimes: 0}\n")
        let r = try CLI.run(["backtest", file, "--study", "crossover-search", "--store", store, "--no-tearsheet", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let honesty = try #require(try BacktestCLITests.json(r.stdout)["honesty"] as? [String: Any])
        #expect(honesty["trials"] as? Int == 7)
        #expect(honesty["deflatedSharpe"] is Double)
        let missing = try CLI.run(["backtest", file, "--study", "nope", "--store", store, "--no-tearsheet"])
        #expect(missing.status != 0 && missing.stderr.contains("nope"), "\(missing.stderr)")
    }
}
