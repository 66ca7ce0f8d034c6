import Foundation
import Testing

/// `barbell nn`: training runs end to end on a small seeded random walk, reproducibly; the
/// artefacts, resumption, and the errors for bad recipes and data.
@Suite("barbell nn")
struct NNCLITests {
    /// A seeded geometric random walk, daily OHLCV, `bars` rows; `badClose` sets one close to 0.
    static func walk(bars: Int = 420, badClose: Int? = nil) -> String {
        var state: UInt64 = 42
        func uniform() -> Double {   // SplitMix64, written out so the file needs no library
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        var text = "date,open,high,low,close,volume\n"
        var close = 100.0
        let start = Date(timeIntervalSince1970: 1_577_836_800)
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        for i in 0..<bars {
            let open = close
            close *= exp(0.01 * (uniform() - 0.5) * 3.4)
            let high = max(open, close) * (1 + 0.004 * uniform()), low = min(open, close) * (1 - 0.004 * uniform())
            let c = i == badClose ? 0 : close
            text += "\(f.string(from: start.addingTimeInterval(Double(i) * 86_400))),\(open),\(high),\(low),\(c),\(1_000_000 + Int(uniform() * 500_000))\n"
        }
        return text
    }

    /// The per-epoch records of a `--json` run, compared value by value (numbers exactly).
    static func epochs(_ run: CLIRun) throws -> NSArray {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        return (object["history"] as! [String: Any])["epochs"] as! NSArray
    }

    static let quick = ["--epochs", "2", "--hidden", "6", "--lookback", "10", "--batch-size", "32"]

    @Test("trains, writes the artefacts, and the same seed gives the same history bit for bit")
    func trains() throws {
        let bars = CLI.write(Self.walk())
        let out = CLI.temporaryPath("model")
        let r = try CLI.run(["nn", "train", bars, "--json", "--out", out, "--seed", "3"] + Self.quick)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let history = report["history"] as! [String: Any]
        #expect((history["epochs"] as! [Any]).count == 2)
        #expect(report["validationSamples"] as! Int > 0 && report["trainSamples"] as! Int > 0)
        for file in ["model.pt", "recipe.json", "preprocessing.json", "history.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let again = try CLI.run(["nn", "train", bars, "--json", "--seed", "3"] + Self.quick)
        let other = try CLI.run(["nn", "train", bars, "--json", "--seed", "4"] + Self.quick)
        #expect(try Self.epochs(again) == Self.epochs(r))
        #expect(try Self.epochs(other) != Self.epochs(r))
        // The human table and the out-of-sample line.
        let human = try CLI.run(["nn", "train", bars, "--task", "classification"] + Self.quick)
        #expect(human.status == 0 && human.stdout.contains("validation (out of sample): accuracy"), "\(human.stdout)\(human.stderr)")
        // The market-aware Transformer finds its volume and volatility columns by feature name.
        let market = try CLI.run(["nn", "train", bars, "--architecture", "market-transformer", "--heads", "2", "--features", "ROCP(timeperiod=1),VOL_YZ,VMA5"] + Self.quick)
        #expect(market.status == 0, "\(market.stderr)")
        let noVolume = try CLI.run(["nn", "train", bars, "--architecture", "market-transformer", "--heads", "2", "--features", "ROCP(timeperiod=1),VOL_YZ"] + Self.quick)
        #expect(noVolume.status == 1 && noVolume.stderr.contains("volumeFeature"), "\(noVolume.stderr)")
        let sharpe = try CLI.run(["nn", "train", bars, "--loss", "negative-sharpe"] + Self.quick)
        #expect(sharpe.status == 0, "\(sharpe.stderr)")
        #expect(try CLI.run(["nn", "train", bars, "--loss", "negative-sharpe", "--horizons", "1,5"] + Self.quick).status == 1)
    }

    @Test("a YAML recipe picks the architecture, head and horizons; a run resumed from its checkpoint equals the straight run")
    func recipeAndResume() throws {
        let bars = CLI.write(Self.walk())
        let recipe = CLI.write("""
            model: {architecture: gru, hidden: 6, head: multi-horizon, dropout: 0.2}
            training: {epochs: 3, batchSize: 32, seed: 5}
            data: {lookback: 8, horizons: [1, 3]}
            """, name: "recipe.yaml")
        let straight = try CLI.run(["nn", "train", bars, "--config", recipe, "--json"])
        #expect(straight.status == 0, "\(straight.stderr)")
        #expect(straight.stdout.contains("\"architecture\" : \"gru\"") && straight.stdout.contains("\"horizons\" : 2"))
        // A run stopped after 2 of the 3 epochs (a constant learning rate, so stopping early
        // changes nothing else), then resumed from its checkpoint with dropout on.
        let short = CLI.temporaryPath("short")
        _ = try CLI.run(["nn", "train", bars, "--config", recipe, "--checkpoint", short, "--epochs", "2"])
        let resumed = try CLI.run(["nn", "train", bars, "--config", recipe, "--json", "--checkpoint", short, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.epochs(resumed) == Self.epochs(straight))
    }

    @Test("bad recipes, options and data are errors naming the problem, with exit 1 or 2")
    func badInput() throws {
        let bars = CLI.write(Self.walk())
        let badField = CLI.write("training: {epochs: many}", name: "bad.yaml")
        var r = try CLI.run(["nn", "train", bars, "--config", badField])
        #expect(r.status == 1 && r.stderr.contains("training.epochs"), "\(r.stderr)")
        let badArchitecture = CLI.write("model: {architecture: rnn}", name: "bad.yaml")
        r = try CLI.run(["nn", "train", bars, "--config", badArchitecture])
        #expect(r.status == 1 && r.stderr.contains("model.architecture") && r.stderr.contains("tcn"), "\(r.stderr)")
        r = try CLI.run(["nn", "train", bars, "--architecture", "rnn"])
        #expect(r.status == 1)
        r = try CLI.run(["nn", "train", bars, "--resume"])
        #expect(r.status == 1 && r.stderr.contains("--checkpoint"))
        r = try CLI.run(["nn", "train", bars, "--features", "NOPE(timeperiod=3)"] + Self.quick)
        #expect(r.status == 1 && r.stderr.contains("NOPE"), "\(r.stderr)")
        r = try CLI.run(["nn", "train", CLI.write(Self.walk(badClose: 300))] + Self.quick)
        #expect(r.status == 2 && r.stderr.contains("2020-10-27"), "\(r.stderr)")
        r = try CLI.run(["nn", "train", CLI.write(Self.walk(bars: 40))] + Self.quick)
        #expect(r.status == 2 && r.stderr.contains("training windows"), "\(r.stderr)")
        r = try CLI.run(["nn", "train", bars, "--horizons", "0,x"] + Self.quick)
        #expect(r.status == 1)
    }

    @Test("architectures lists the whole zoo with parameter counts")
    func architectures() throws {
        let r = try CLI.run(["nn", "architectures", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 12 && rows.allSatisfy { ($0["parameters"] as! Int) > 0 })
        #expect(try CLI.run(["nn", "train", "--help"]).stdout.contains("recipe"))
    }
}
