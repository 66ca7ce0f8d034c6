import Foundation
import Testing

@Suite("barbell regime CLI")
struct RegimeCLITests {
    @Test("regime fit: states with labels, BIC, posteriors file, --init round trip; detect: current regime and history")
    func fitAndDetect() throws {
        for args in [["regime", "--help"], ["regime", "fit", "--help"], ["regime", "detect", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(args)")
        }
        let posteriors = CLI.temporaryPath("posteriors.csv")
        let fit = try CLI.run(["regime", "fit", CLI.sample("arch_sp500.csv.gz"), "--states", "3", "--restarts", "2", "--posteriors", posteriors, "--json"])
        #expect(fit.status == 0, "\(fit.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any] ?? [:]
        let states = out["states"] as? [[String: Any]] ?? []
        #expect(states.count == 3)
        let labels = Set(["bull", "bear", "sideways", "volatile", "crisis", "recovery"])
        #expect(states.allSatisfy { labels.contains($0["label"] as? String ?? "") })
        #expect((out["transitionMatrix"] as? [[Double]])?.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-9 } == true)
        let csv = try String(contentsOfFile: posteriors, encoding: .utf8)
        #expect(csv.hasPrefix("timestamp,state,p0_") && csv.split(separator: "\n").count == (out["observations"] as? Int ?? 0) + 1)

        // The fitted model, fed back with --init, is a fixed point of EM: the same log-likelihood.
        let modelJSON = try JSONSerialization.data(withJSONObject: try #require(out["model"]))
        let initPath = CLI.temporaryPath("model.json")
        try modelJSON.write(to: URL(fileURLWithPath: initPath))
        let again = try CLI.run(["regime", "fit", CLI.sample("arch_sp500.csv.gz"), "--init", initPath, "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let ll = (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["logLikelihood"] as? Double ?? 0
        #expect(abs(ll - (out["logLikelihood"] as? Double ?? 0)) < 1e-3 * abs(ll), "\(ll)")

        let detect = try CLI.run(["regime", "detect", CLI.sample("arch_sp500.csv.gz"), "--history", "--json"])
        #expect(detect.status == 0, "\(detect.stderr)")
        let reading = try JSONSerialization.jsonObject(with: Data(detect.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(labels.contains(reading["regime"] as? String ?? ""))
        let probabilities = reading["probabilities"] as? [String: Double] ?? [:]
        #expect(probabilities.count == 6 && abs(probabilities.values.reduce(0, +) - 1) < 1e-9)
        #expect((reading["history"] as? [[String: Any]])?.isEmpty == false)

        let bad = try CLI.run(["regime", "fit", CLI.sample("arch_sp500.csv.gz"), "--covariance", "banana"])
        #expect(bad.status == 1)
        let short = CLI.write("date,close\n2020-01-02,100\n2020-01-03,101\n2020-01-06,99\n", name: "short.csv")
        let few = try CLI.run(["regime", "fit", short])
        #expect(few.status == 2 && few.stderr.contains("insufficient-data"), "\(few.stderr)")
    }

    @Test("regime fit --model student-t and gmm; --states range picks the lowest BIC; bad model options exit 1")
    func modelsAndSelection() throws {
        let data = CLI.sample("arch_sp500.csv.gz")
        let t = try CLI.run(["regime", "fit", data, "--model", "student-t", "--states", "2", "--restarts", "1", "--features", "returns", "--json"])
        #expect(t.status == 0, "\(t.stderr)")
        let tOut = try JSONSerialization.jsonObject(with: Data(t.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(tOut["kind"] as? String == "student-t")
        let nu = (tOut["states"] as? [[String: Any]] ?? []).compactMap { $0["degreesOfFreedom"] as? Double }
        #expect(nu.count == 2 && nu.allSatisfy { $0 > 2 })
        // The Student-t model, fed back with --init, is a fixed point of EM too.
        let initPath = CLI.temporaryPath("t-model.json")
        try JSONSerialization.data(withJSONObject: try #require(tOut["model"])).write(to: URL(fileURLWithPath: initPath))
        let again = try CLI.run(["regime", "fit", data, "--model", "student-t", "--features", "returns", "--init", initPath, "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let ll = (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["logLikelihood"] as? Double ?? 0
        #expect(abs(ll - (tOut["logLikelihood"] as? Double ?? 0)) < 1e-3 * abs(ll), "\(ll)")

        let g = try CLI.run(["regime", "fit", data, "--model", "gmm", "--states", "1-3", "--restarts", "1", "--json"])
        #expect(g.status == 0, "\(g.stderr)")
        let gOut = try JSONSerialization.jsonObject(with: Data(g.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(gOut["transitionMatrix"] == nil)
        let candidates = gOut["selection"] as? [[String: Any]] ?? []
        #expect(candidates.map { $0["states"] as? Int ?? 0 } == [1, 2, 3])
        let best = candidates.min { ($0["bic"] as? Double ?? .infinity) < ($1["bic"] as? Double ?? .infinity) }
        #expect((gOut["states"] as? [[String: Any]])?.count == best?["states"] as? Int)
        #expect(abs((gOut["startProbabilities"] as? [Double] ?? []).reduce(0, +) - 1) < 1e-9)
        let table = try CLI.run(["regime", "fit", data, "--model", "gmm", "--states", "2-3", "--restarts", "1", "--criterion", "aic"])
        #expect(table.status == 0 && table.stdout.contains("BIC") && table.stdout.contains(" *"), "\(table.stdout)")

        // Prices flat for 150 days: a state collapses onto the zero returns, is floored and reported.
        var csv = "date,close\n"
        var price = 100.0
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        for day in 0..<500 {
            if day >= 150 { price *= 1 + 0.01 * sin(Double(day) * 1.7) }
            csv += format.string(from: Date(timeIntervalSince1970: 1_577_836_800 + Double(day) * 86_400)) + String(format: ",%.6f\n", price)
        }
        let flat = CLI.write(csv, name: "flat.csv")
        let collapsed = try CLI.run(["regime", "fit", flat, "--states", "3", "--features", "returns", "--restarts", "1", "--json"])
        #expect(collapsed.status == 0, "\(collapsed.stderr)")
        let cOut = try JSONSerialization.jsonObject(with: Data(collapsed.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((cOut["flooredStates"] as? [[String: Any]])?.isEmpty == false)
        #expect((cOut["logLikelihood"] as? Double)?.isFinite == true)
        #expect((gOut["flooredStates"] as? [Any])?.isEmpty == true)

        for bad in [["--model", "lstm"], ["--states", "5-2"], ["--states", "two"], ["--criterion", "hqic"],
                    ["--model", "gmm", "--init", initPath]] {
            let r = try CLI.run(["regime", "fit", data] + bad)
            #expect(r.status == 1, "\(bad): \(r.stderr)")
        }
    }

    @Test("regime network: communities, centralities, GraphML file")
    func network() throws {
        let graph = CLI.temporaryPath("tree.graphml")
        let r = try CLI.run(["regime", "network", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--linkage", "ward", "--graphml", graph, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((out["nodes"] as? [[String: Any]])?.count == 20)
        #expect((out["edges"] as? [[String: Any]])?.count == 19, "a spanning tree of 20 assets has 19 edges")
        let text = try String(contentsOfFile: graph, encoding: .utf8)
        #expect(text.contains("<graphml") && text.components(separatedBy: "<edge ").count == 20)
        let bad = try CLI.run(["regime", "network", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--linkage", "nope"])
        #expect(bad.status == 1)
    }
}
