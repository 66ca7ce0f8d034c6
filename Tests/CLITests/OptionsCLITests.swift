import Foundation
import Testing

@Suite("barbell options CLI")
struct OptionsCLITests {
    func array(_ r: CLIRun) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test("options --help and every verb's help exit 0")
    func help() throws {
        for args in [["options", "--help"], ["options", "iv", "--help"], ["options", "greeks", "--help"],
                     ["options", "smile", "--help"], ["options", "gex", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(args)")
        }
    }

    @Test("greeks then iv round-trip the volatility; a price outside the bounds exits 2")
    func greeksAndImpliedVolatility() throws {
        let common = ["--type", "put", "--spot", "100", "--strike", "90", "--expiry-years", "0.5", "--rate", "0.03"]
        let greeks = try CLI.run(["options", "greeks"] + common + ["--vol", "0.25", "--json"])
        #expect(greeks.status == 0, "\(greeks.stderr)")
        let price = try #require((try array(greeks).first?["greeks"] as? [String: Any])?["price"] as? Double)
        let iv = try CLI.run(["options", "iv"] + common + ["--price", String(price), "--json"])
        #expect(iv.status == 0, "\(iv.stderr)")
        let sigma = try #require(try array(iv).first?["impliedVolatility"] as? Double)
        #expect(abs(sigma - 0.25) < 1e-10)

        let outside = try CLI.run(["options", "iv"] + common + ["--price", "95"])
        #expect(outside.status == 2 && outside.stderr.contains("no-arbitrage bounds"), "\(outside.stderr)")
        let missing = try CLI.run(["options", "iv", "--type", "put", "--price", "1"])
        #expect(missing.status == 1, "\(missing.stderr)")
    }

    @Test("smile fits every expiry of the bundled SPX chain; gex totals it")
    func chain() throws {
        let chain = CLI.sample("optionsuite_spx_20110103.csv.gz")
        let smile = try CLI.run(["options", "smile", chain, "--json"])
        #expect(smile.status == 0, "\(smile.stderr)")
        let gex = try CLI.run(["options", "gex", chain, "--json"])
        #expect(gex.status == 0, "\(gex.stderr)")
        #expect(gex.stdout.contains("total"))
        let bad = CLI.write("symbol,date\nSPX,01/03/2011\n", name: "chain.csv")
        let malformed = try CLI.run(["options", "gex", bad])
        #expect(malformed.status == 2 && malformed.stderr.contains("column"), "\(malformed.stderr)")
    }
}
