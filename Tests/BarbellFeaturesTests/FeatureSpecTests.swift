import BarbellFeatures
import Testing

@Suite("Feature specs")
struct FeatureSpecTests {
    let catalog = FeatureCatalog.standard

    @Test("omitted and positional parameters resolve to the canonical TA-Lib call")
    func canonicalNames() throws {
        #expect(try catalog.resolve(FeatureSpec.parse("sma")).canonicalName == "SMA(timeperiod=30)")
        #expect(try catalog.resolve(FeatureSpec.parse("MA(10, 1)")).canonicalName == "MA(timeperiod=10,matype=1)")
        #expect(try catalog.resolve(FeatureSpec.parse("MA(matype=2)")).canonicalName == "MA(timeperiod=30,matype=2)")
        #expect(try catalog.resolve(FeatureSpec.parse(" EMA ( timeperiod = 5 ) ")).canonicalName == "EMA(timeperiod=5)")
    }

    @Test("a list splits only at top-level commas")
    func lists() throws {
        let specs = try FeatureSpec.parseList("SMA(timeperiod=5),MA(10,1),EMA")
        #expect(specs.map(\.name) == ["SMA", "MA", "EMA"])
        #expect(specs[1].parameters.count == 2)
    }

    @Test("malformed specs name the problem", arguments: [
        ("SMA(3", "unbalanced '('"), ("SMA3)", "unbalanced ')'"), ("SMA(x=abc)", "not a number"),
        ("", "empty feature name"), ("S-MA", "letters, digits"), ("SMA(=3)", "name missing"), ("SMA(3),,EMA", "empty feature name"),
    ])
    func malformed(text: String, expected: String) {
        #expect {
            _ = try FeatureSpec.parseList(text)
        } throws: { error in
            guard let e = error as? FeatureError else { return false }
            return e.code == .badSyntax && e.message.contains(expected)
        }
    }

    @Test("unknown names, unknown parameters and out-of-range values list what is valid")
    func resolutionErrors() throws {
        func failure(_ text: String) -> FeatureError? {
            do {
                _ = try catalog.resolve(list: text)
                return nil
            } catch { return error }
        }
        let unknown = try #require(failure("SMAA(5)"))
        #expect(unknown.code == .unknownFeature && unknown.message.contains("did you mean") && unknown.message.contains("SMA"))
        let parameter = try #require(failure("SMA(period=5)"))
        #expect(parameter.code == .unknownParameter && parameter.message.contains("valid: timeperiod"))
        let range = try #require(failure("SMA(timeperiod=1)"))
        #expect(range.code == .invalidParameter && range.message.contains("2...100000"))
        let whole = try #require(failure("SMA(timeperiod=2.5)"))
        #expect(whole.code == .invalidParameter && whole.message.contains("whole number"))
        let matype = try #require(failure("MA(matype=9)"))
        #expect(matype.code == .invalidParameter && matype.message.contains("0...8"))
        let twice = try #require(failure("SMA(5,timeperiod=6)"))
        #expect(twice.code == .invalidParameter && twice.message.contains("given twice"))
        let extra = try #require(failure("SMA(5,6)"))
        #expect(extra.code == .unknownParameter)
    }

    @Test("a series shorter than the lookback gives all-NaN output of the right length")
    func shortSeries() throws {
        let feature = try catalog.resolve(FeatureSpec.parse("SMA(timeperiod=10)"))
        for n in [0, 1, 9, 10] {
            var input = FeatureInput(count: n)
            try input.set(.close, (0..<n).map { Double($0) + 1 })
            let out = try feature.compute(input)[0]
            #expect(out.count == n)
            #expect(out.filter { !$0.isNaN }.count == max(0, n - 9))
        }
    }

    @Test("a missing input column and mismatched lengths are errors")
    func inputErrors() throws {
        let feature = try catalog.resolve(FeatureSpec("SMA"))
        let empty = FeatureInput(count: 3)
        #expect(throws: FeatureError.self) { try feature.compute(empty) }
        var input = FeatureInput(count: 3)
        #expect(throws: FeatureError.self) { try input.set(.close, [1, 2]) }
    }
}
