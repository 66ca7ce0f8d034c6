import Foundation
import Testing

/// Runs the built `barbell` executable as a user would and checks exit codes and output.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A `barbell` process started in the background.
struct StartedCLI {
    let process: Process
    let out: Pipe
    let err: Pipe

    func wait() throws -> CLIRun {
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

enum CLI {
    static let repoRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/barbell` (or release), whichever `swift build` produced.
    static var executable: URL {
        let candidates = ["debug", "release"].map { repoRoot.appendingPathComponent(".build/\($0)/barbell") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static func sample(_ name: String) -> String { repoRoot.appendingPathComponent("Samples/\(name)").path }

    static func run(_ arguments: [String]) throws -> CLIRun {
        try start(arguments).wait()
    }

    /// Starts `barbell` in the background (several at once share a store in the tune tests).
    static func start(_ arguments: [String]) throws -> StartedCLI {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repoRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return StartedCLI(process: process, out: out, err: err)
    }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    static func write(_ text: String, name: String = "bars.csv") -> String {
        let path = temporaryPath(name)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

@Suite("barbell CLI")
struct CLITests {
    @Test("help everywhere, exit 0; usage errors exit 1")
    func helpAndUsage() throws {
        for args in [["--help"], ["data", "--help"], ["data", "import", "--help"], ["data", "validate", "--help"], ["demo", "--help"],
                     ["features", "--help"], ["features", "list", "--help"], ["features", "compute", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args)")
            #expect(r.stdout.contains("USAGE"), "\(args)")
        }
        #expect(try CLI.run(["data", "frobnicate"]).status == 1)
        #expect(try CLI.run(["data", "import"]).status == 1)
        #expect(try CLI.run(["data", "validate", CLI.sample("arch_sp500.csv.gz"), "--time-format", "bogus"]).status == 1)
    }

    @Test("validate: exit 0 on clean data, 2 with located problems")
    func validate() throws {
        let clean = try CLI.run(["data", "validate", CLI.sample("arch_sp500.csv.gz")])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("5031 rows"))
        let broken = CLI.write("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10,9,9.5,10.5,100\n")
        let r = try CLI.run(["data", "validate", broken, "--json"])
        #expect(r.status == 2)
        let reports = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let issues = reports[0]["issues"] as! [[String: Any]]
        #expect(issues.first?["line"] as? Int == 3)
        #expect(issues.first?["kind"] as? String == "ohlc-inconsistent")
    }

    @Test("import is idempotent, refuses bad data, and leaves the store unchanged")
    func importFlow() throws {
        let store = CLI.temporaryPath("store.sqlite")
        let first = try CLI.run(["data", "import", CLI.sample("zipline_csvdir_AAPL.csv.gz"), "--symbol", "AAPL", "--prices", "splits",
                                 "--adjust", "dividends", "--store", store, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
        #expect(summary["inserted"] as? Int == 754)
        let again = try CLI.run(["data", "import", CLI.sample("zipline_csvdir_AAPL.csv.gz"), "--symbol", "AAPL", "--prices", "splits",
                                 "--adjust", "dividends", "--store", store, "--json"])
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as! [String: Any]
        #expect(second["inserted"] as? Int == 0)
        #expect(second["present"] as? Int == 754)

        let before = try CLI.run(["data", "list", "--store", store, "--json"]).stdout
        let bad = CLI.write("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-02,10,11,9,10.5,100\n", name: "AAPL.csv")
        let refused = try CLI.run(["data", "import", bad, "--symbol", "MSFT", "--timeframe", "1d", "--store", store])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 3"))
        let truncated = CLI.temporaryPath("cut.csv.gz")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.sample("arch_sp500.csv.gz")))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        let cut = try CLI.run(["data", "import", truncated, "--store", store])
        #expect(cut.status == 2)
        #expect(cut.stderr.contains(truncated))
        #expect(try CLI.run(["data", "list", "--store", store, "--json"]).stdout == before)

        let show = try CLI.run(["data", "show", "AAPL", "--store", store, "--from", "2014-12-29", "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        let bars = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [[String: Any]]
        #expect(bars.count == 3)   // 29, 30, 31 December 2014
        #expect(try CLI.run(["data", "show", "NOPE", "--store", store]).status == 2)
    }

    @Test("aggregate a Binance capture into bars and resample them")
    func aggregateAndResample() throws {
        let out = CLI.temporaryPath("bars.csv")
        let r = try CLI.run(["data", "aggregate", CLI.sample("hftbacktest_binance-spot_btcusdt_20240808.txt.gz"), "--bars", "1s", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "timestamp,open,high,low,close,volume,vwap,trades")
        let resampled = try CLI.run(["data", "resample", out, "--to", "1m"])
        #expect(resampled.status == 0, "\(resampled.stderr)")
        let minutes = resampled.stdout.split(separator: "\n").dropFirst()
        let direct = try CLI.run(["data", "aggregate", CLI.sample("hftbacktest_binance-spot_btcusdt_20240808.txt.gz"), "--bars", "1m"])
        // 1s bars resampled to 1m equal trades aggregated straight to 1m (OHLC, volume, counts).
        let resampledRows: [[Substring]] = minutes.map { Array($0.split(separator: ",").prefix(5)) }
        let directLines: [Substring] = Array(direct.stdout.split(separator: "\n").dropFirst())
        let directRows: [[Substring]] = directLines.map { Array($0.split(separator: ",").prefix(5)) }
        #expect(resampledRows == directRows)
        #expect(try CLI.run(["data", "aggregate", CLI.sample("arch_sp500.csv.gz")]).status == 2)
    }

    @Test("demo runs on the bundled samples")
    func demo() throws {
        let r = try CLI.run(["demo", "--store", CLI.temporaryPath("demo.sqlite")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("importing again added 0"))
        // The risk summary: GARCH, VaR/ES by six methods, the EVT tail, portfolios and stress.
        for part in ["7. Risk", "GARCH(1,1)-t", "filtered_historical", "EVT: GPD tail", "max Sharpe", "HRP:", "gfc_2008",
                     "8. Regimes, cycles and patterns", "current regime on", "Fisher's g", "most similar past windows",
                     "9. Neural network: LSTM", "validation (out of sample): IC", "Monte Carlo dropout (200 passes)",
                     "10. Walk-forward experiment", "ensemble", "bit for bit",
                     "11. Backtest", "TopK-dropout on ensemble", "equal-weight buy and hold", "Deflated Sharpe ratio",
                     "Probability of backtest overfitting", "Verdict:"] {
            #expect(r.stdout.contains(part), "demo output lacks '\(part)'")
        }
        // It ends with where the tearsheet is, and the file is there.
        let last = try #require(r.stdout.split(separator: "\n").last.map(String.init))
        #expect(last.hasPrefix("tearsheet: "))
        let path = last.dropFirst("tearsheet: ".count)
        #expect(FileManager.default.fileExists(atPath: String(path)))
    }
}
