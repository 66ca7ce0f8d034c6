import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `barbell experiment run|list|show` and `barbell tune` end to end on the bundled Quandl panel:
/// runs are recorded and read back, the saved artifact is the one recorded, two tune processes
/// share one study without duplicating a trial, and bad configurations exit 1 naming the field.
@Suite("barbell experiment and tune")
struct ExperimentCLITests {
    static func config(model: String = "{type: ridge, alpha: 1}", tune: String = "") -> String {
        CLI.write("""
            name: cli-test
            seed: 3
            data: {files: [\(CLI.sample("zipline_quandl_sample_table.csv"))]}
            features: [ROCP(timeperiod=1), RSI(timeperiod=14), NATR(timeperiod=14)]
            label: {kind: forward-return, horizon: 1}
            validation: {testBars: 40, firstTest: 0.5, validation: 0.2}
            model: \(model)
            \(tune)
            """, name: "experiment.yaml")
    }

    @Test("run records the run; list and show read it back; the artifact's hash is the recorded one", arguments: stores)
    func runListShow(kind: String) throws {
        let store = Self.freshStore(kind), model = CLI.temporaryPath("model.bbm")
        let config = Self.config()
        let r = try CLI.run(["experiment", "run", config, "--store", store, "--out", model, "--control", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let id = try #require(report["runID"] as? String)
        #expect((report["folds"] as! [Any]).count >= 2)
        #expect(report["control"] != nil)
        #expect(FileManager.default.fileExists(atPath: model))

        let list = try CLI.run(["experiment", "list", "--store", store, "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let runs = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        #expect(runs.count == 2)   // the run and its shuffled-label control
        #expect(runs.contains { ($0["id"] as? String) == id })

        let show = try CLI.run(["experiment", "show", String(id.prefix(8)), "--store", store, "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        let run = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any]
        #expect(run["id"] as? String == id && run["name"] as? String == "cli-test")
        #expect((run["codeVersion"] as? String)?.isEmpty == false)
        #expect((run["dataHash"] as? String)?.count == 64 && (run["featureSetHash"] as? String)?.count == 64)
        #expect(run["configYAML"] as? String == (try String(contentsOfFile: config, encoding: .utf8)))
        #expect(run["artifactSHA256"] as? String == sha256(file: model))

        let human = try CLI.run(["experiment", "run", config, "--store", store])
        #expect(human.status == 0 && human.stdout.contains("rank IC") && human.stdout.contains("recorded as run"), "\(human.stdout)\(human.stderr)")
        let missing = try CLI.run(["experiment", "show", "ffffffff", "--store", store])
        #expect(missing.status == 1 && missing.stderr.contains("ffffffff"))
    }

    @Test("bad configurations exit 1 and name the field", arguments: [
        ("{type: ridge, alfa: 1}", "alfa", Int32(1)),
        ("{type: forest}", "forest", Int32(1)),
    ])
    func errors(model: String, mentions: String, status: Int32) throws {
        let r = try CLI.run(["experiment", "run", Self.config(model: model), "--no-record"])
        #expect(r.status == status && r.stderr.contains(mentions), "\(r.status) \(r.stderr)")
    }

    @Test("model predict and explain read the artifact: latest scores per symbol, TreeSHAP as JSON and SVG, wrong method exits 1")
    func modelPredictExplain() throws {
        let model = CLI.temporaryPath("xgb.bbm"), svg = CLI.temporaryPath("shap.svg"), heat = CLI.temporaryPath("heat.svg")
        let bars = CLI.sample("zipline_quandl_sample_table.csv")
        let r = try CLI.run(["experiment", "run", Self.config(model: "{type: xgboost, rounds: 20, maxDepth: 3, threads: 1}"), "--out", model, "--no-record"])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try CLI.run(["model", "predict", model, bars, "--json"])
        #expect(p.status == 0, "\(p.stderr)")
        let scores = try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as! [[String: Any]]
        #expect(scores.count == 4 && Set(scores.map { $0["symbol"] as! String }).count == 4)
        let e = try CLI.run(["model", "explain", model, bars, "--method", "tree-shap", "--rows", "50", "--svg", svg, "--heatmap", heat, "--json"])
        #expect(e.status == 0, "\(e.stderr)")
        let explanation = try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any]
        #expect((explanation["featureNames"] as! [String]).count == 3 && (explanation["rows"] as! [Int]).count == 50)
        let chart = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(chart.contains("<svg"))
        let heatData = try Data(contentsOf: URL(fileURLWithPath: heat))
        #expect(XMLParser(data: Data(chart.utf8)).parse() && XMLParser(data: heatData).parse())
        let wrong = try CLI.run(["model", "explain", model, bars, "--method", "attention"])
        #expect(wrong.status == 1 && wrong.stderr.contains("attention"), "\(wrong.stderr)")
        let tampered = CLI.temporaryPath("bad.bbm")
        var data = try Data(contentsOf: URL(fileURLWithPath: model))
        data[data.count - 10] ^= 1
        try data.write(to: URL(fileURLWithPath: tampered))
        let bad = try CLI.run(["model", "predict", tampered, bars])
        #expect(bad.status == 2 && bad.stderr.contains("checksum"), "\(bad.stderr)")
    }

    @Test("too little data for one fold exits 2, naming the calendar; a tune run without a tune section exits 1")
    func dataErrors() throws {
        let text = try String(contentsOfFile: Self.config(), encoding: .utf8).replacingOccurrences(of: "testBars: 40", with: "testBars: 4000")
        let r = try CLI.run(["experiment", "run", CLI.write(text, name: "long.yaml"), "--no-record"])
        #expect(r.status == 2 && r.stderr.contains("4000"), "\(r.status) \(r.stderr)")
        let t = try CLI.run(["tune", Self.config(), "--trials", "1", "--store", CLI.temporaryPath("s.sqlite")])
        #expect(t.status == 1 && t.stderr.contains("tune"), "\(t.status) \(t.stderr)")
    }

    /// SQLite always; also PostgreSQL when the test run has a server (`make test` starts one).
    static var stores: [String] {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["BARBELL_TEST_POSTGRES_URL"], !url.isEmpty else { return ["sqlite"] }
        return ["sqlite", "postgres"]
    }

    /// A fresh store location of the given kind (a new schema on the test server for PostgreSQL).
    static func freshStore(_ kind: String) -> String {
        guard kind == "postgres", let url = ProcessInfo.processInfo.environment["BARBELL_TEST_POSTGRES_URL"] else {
            return CLI.temporaryPath("store.sqlite")
        }
        let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    @Test("two tune processes share one study: distinct trial numbers and grid points, every trial counted", arguments: stores)
    func concurrentTune(kind: String) throws {
        let store = Self.freshStore(kind)
        let config = Self.config(tune: """
            tune:
              direction: maximize
              sampler: {type: grid}
              space:
                model.alpha: {categorical: [0.01, 0.1, 1, 10, 100, 1000]}
            """)
        let workers = try (0..<2).map { k in try CLI.start(["tune", config, "--trials", "4", "--store", store, "--worker", "w\(k)", "--json"]) }
        let results = try workers.map { try $0.wait() }
        for r in results { #expect(r.status == 0, "\(r.stderr)") }
        let last = try JSONSerialization.jsonObject(with: Data(results[1].stdout.utf8)) as! [String: Any]
        let final = try CLI.run(["tune", config, "--trials", "0", "--store", store, "--json"])
        let all = (try JSONSerialization.jsonObject(with: Data(final.stdout.utf8)) as! [String: Any])["trials"] as! [[String: Any]]
        #expect(all.count == 6, "the grid has 6 points: \(all.count) trials")
        #expect(Set(all.map { $0["number"] as! Int }) == Set(0..<6))
        #expect(Set(all.map { "\(($0["parameters"] as! [String: Any])["model.alpha"]!)" }).count == 6)
        // Neither process alone may run more than 4, so both contributed.
        #expect(Set(all.map { $0["worker"] as! String }) == ["w0", "w1"])
        #expect((last["trialCount"] as? Int ?? 0) >= 4)
    }
}

private func sha256(file: String) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    p.arguments = [file]
    let out = Pipe()
    p.standardOutput = out
    try? p.run()
    p.waitUntilExit()
    return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
}

