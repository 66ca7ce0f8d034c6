import Foundation
import Testing

@Suite("barbell patterns CLI")
struct PatternsCLITests {
    @Test("patterns similar: help, the latest window's matches as JSON, bad input")
    func similar() throws {
        for args in [["patterns", "--help"], ["patterns", "similar", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(args)")
        }
        let r = try CLI.run(["patterns", "similar", CLI.sample("arch_sp500.csv.gz"), "--window", "60", "--top", "10", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        let matches = out["matches"] as? [[String: Any]] ?? []
        #expect(matches.count == 10)
        let distances = matches.compactMap { $0["distance"] as? Double }
        #expect(distances == distances.sorted() && distances.count == 10)

        let several = try CLI.run(["patterns", "similar", CLI.sample("skfolio_sp500_dataset.csv.gz")])
        #expect(several.status == 1 && several.stderr.contains("--ticker"), "\(several.stderr)")
        let picked = try CLI.run(["patterns", "similar", CLI.sample("skfolio_sp500_dataset.csv.gz"), "--ticker", "AAPL", "--top", "3"])
        #expect(picked.status == 0 && picked.stdout.contains("AAPL"), "\(picked.stderr)")
        let short = CLI.write("date,close\n2020-01-02,100\n2020-01-03,101\n2020-01-06,99\n", name: "short.csv")
        let few = try CLI.run(["patterns", "similar", short, "--window", "20"])
        #expect(few.status == 2 && few.stderr.contains("insufficient-data"), "\(few.stderr)")
    }
}
