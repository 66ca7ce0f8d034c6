import Foundation
import Testing

@Suite("barbell features")
struct FeaturesCLITests {
    @Test("compute writes a timestamp column and canonical feature columns")
    func computeWritesCSV() throws {
        let out = CLI.temporaryPath("features.csv")
        let run = try CLI.run(["features", "compute", CLI.sample("arch_sp500.csv.gz"),
                               "--features", "SMA(timeperiod=5),MA(10,1)", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "timestamp,SMA(timeperiod=5),\"MA(timeperiod=10,matype=1)\"")
        #expect(lines.count == 5032)
        // The first four SMA(5) rows are warm-up (empty), the fifth is defined.
        #expect(lines[4].hasPrefix("1999-01-07T00:00:00Z,,"))
        #expect(!lines[5].split(separator: ",", omittingEmptySubsequences: false)[1].isEmpty)
    }

    @Test("list prints every feature; --json is machine-readable")
    func list() throws {
        let run = try CLI.run(["features", "list", "--json"])
        #expect(run.status == 0)
        let entries = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        let sma = try #require(entries?.first { $0["name"] as? String == "SMA" })
        #expect(sma["outputs"] as? [String] == ["real"])
        let parameters = try #require(sma["parameters"] as? [[String: Any]])
        #expect(parameters.first?["name"] as? String == "timeperiod")
        #expect(parameters.first?["default"] as? Double == 30)
    }

    @Test("bad feature specs are usage errors that say what is valid")
    func badSpecs() throws {
        let file = CLI.sample("arch_sp500.csv.gz")
        let unknown = try CLI.run(["features", "compute", file, "--features", "SMAA(5)"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown feature 'SMAA'"))
        let range = try CLI.run(["features", "compute", file, "--features", "SMA(timeperiod=0)"])
        #expect(range.status == 1)
        #expect(range.stderr.contains("2...100000"))
        let syntax = try CLI.run(["features", "compute", file, "--features", "SMA(5"])
        #expect(syntax.status == 1)
        let neither = try CLI.run(["features", "compute", file])
        #expect(neither.status == 1)
    }

    @Test("a feature-set file is read, and a malformed one is a data error naming the file")
    func featureSetFiles() throws {
        let good = CLI.write("version: 1\nname: mine\nfeatures:\n  - SMA(timeperiod=5)\n  - EMA\n", name: "set.yaml")
        let run = try CLI.run(["features", "compute", CLI.sample("arch_sp500.csv.gz"), "--set", good, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"featureSet\" : \"mine\""))
        let bad = CLI.write("version: 1\nname: x\nfeatures: ['SMA(3']\n", name: "bad.yaml")
        let failed = try CLI.run(["features", "compute", CLI.sample("arch_sp500.csv.gz"), "--set", bad])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("bad.yaml") && failed.stderr.contains("features[0]"))
    }

    @Test("built-in sets run on a plain OHLCV file; VWAP falls back to the typical price only with a note")
    func builtinSets() throws {
        let file = CLI.sample("arch_sp500.csv.gz")
        let alpha = try CLI.run(["features", "compute", file, "--set", "alpha158", "--json"])
        #expect(alpha.status == 0, "\(alpha.stderr)")
        #expect(alpha.stderr.contains("no VWAP column; using (high+low+close)/3"))
        let summary = try JSONSerialization.jsonObject(with: Data(alpha.stdout.utf8)) as? [String: Any]
        #expect((summary?["columns"] as? [Any])?.count == 158)
        let strict = try CLI.run(["features", "compute", file, "--set", "alpha158", "--no-vwap-fallback"])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("needs input 'vwap'"))
        let talib = try CLI.run(["features", "compute", file, "--set", "talib", "--json"])
        #expect(talib.status == 0, "\(talib.stderr)")
    }
}
