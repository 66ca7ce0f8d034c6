import BarbellFeatures
import Foundation
import Testing

@Suite("Feature sets")
struct FeatureSetTests {
    @Test("JSON and YAML round-trip, and the hash ignores spelling but not content")
    func roundTripAndHash() throws {
        let set = try FeatureSet(name: "mine", list: "SMA,EMA(timeperiod=5),MA(10,1)")
        let json = String(decoding: try set.jsonData(), as: UTF8.self)
        let fromJSON = try FeatureSet.load(json)
        let fromYAML = try FeatureSet.load(try set.yamlString())
        #expect(fromJSON == set)
        #expect(fromYAML == set)

        let spelledOut = try FeatureSet(name: "other name", list: "SMA(timeperiod=30),EMA(5),MA(timeperiod=10,matype=1)")
        #expect(try spelledOut.contentHash() == set.contentHash())
        #expect(try set.contentHash().count == 64)

        let changed = try FeatureSet(name: "mine", list: "SMA,EMA(timeperiod=6),MA(10,1)")
        #expect(try changed.contentHash() != set.contentHash())
        let reordered = try FeatureSet(name: "mine", list: "EMA(timeperiod=5),SMA,MA(10,1)")
        #expect(try reordered.contentHash() != set.contentHash())
    }

    @Test("the hash is pinned, so a catalogue change that alters canonical names is noticed")
    func pinnedHash() throws {
        let set = try FeatureSet(name: "pin", list: "SMA(timeperiod=5),EMA")
        #expect(try set.canonicalText() == "SMA(timeperiod=5)\nEMA(timeperiod=30)")
        // sha256("SMA(timeperiod=5)\nEMA(timeperiod=30)"), computed with `printf ... | sha256sum`.
        #expect(try set.contentHash() == "2d01d03d84fa35f49a6c194e2b57ff6f7060c7b8701af30ebb35430620e8fde3")
    }

    @Test("malformed feature-set files name the problem", arguments: [
        ("version: 1\nname: x\n", "expected a mapping"),
        ("version: 2\nname: x\nfeatures: [SMA]\n", "format version 2"),
        ("version: 1\nname: x\nfeatures: ['SMA(3']\n", "features[0]"),
        ("[1, 2", "expected a mapping"),
    ])
    func malformed(text: String, expected: String) {
        #expect {
            _ = try FeatureSet.load(text, source: "set.yaml")
        } throws: { error in
            guard let e = error as? FeatureError else { return false }
            return e.message.contains("set.yaml") && e.message.contains(expected)
        }
    }

    @Test("streaming the whole set bar by bar reproduces batch computation")
    func streamingSetMatchesBatch() throws {
        let set = try FeatureSet(name: "s", list: "SMA(timeperiod=5),EMA(timeperiod=7),MA(10,2)")
        let input = syntheticInput(count: 300, seed: 9, nanGaps: true)
        let frame = try FeatureComputer(set).compute(input)
        var stream = try StreamingFeatureSet(set)
        #expect(stream.columnNames == frame.names)
        for t in 0..<input.count {
            let row = stream.update(stream.fields.map { input[$0]![t] })
            for (c, v) in row.enumerated() {
                let b = frame.columns[c][t]
                #expect(v.bitPattern == b.bitPattern || (v.isNaN && b.isNaN), "\(frame.names[c]) bar \(t)")
            }
        }
    }

    @Test("panel computation is identical on one or several threads and keeps symbol order")
    func panel() throws {
        let computer = try FeatureComputer(FeatureSet(name: "p", list: "SMA(timeperiod=5),EMA"))
        let panel = (0..<7).map { syntheticInput(count: 200 + $0, seed: UInt64($0), nanGaps: false) }
        let one = try computer.compute(panel: panel, threads: 1)
        let many = try computer.compute(panel: panel, threads: 4)
        #expect(one.map(\.count) == (0..<7).map { 200 + $0 })
        for (a, b) in zip(one, many) {
            for (x, y) in zip(a.columns, b.columns) {
                #expect(zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern })
            }
        }
    }

    @Test("built-in sets resolve")
    func builtins() throws {
        for name in FeatureSet.builtinNames {
            let set = try #require(FeatureSet.builtin(name))
            _ = try set.resolve()
        }
        #expect(FeatureSet.builtin("nope") == nil)
    }
}
