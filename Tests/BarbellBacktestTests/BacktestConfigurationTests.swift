import BarbellLearning
import Foundation
import Testing
@testable import BarbellBacktest

/// `BacktestConfiguration.parse`: every field decodes, missing sections take their defaults,
/// typos and wrong types are refused with the dotted path, and overrides reach only real fields.
@Suite struct BacktestConfigurationTests {
    static let minimal = """
        name: tiny
        data: {files: [prices.csv]}
        strategy: {type: crossover, fast: 5, slow: 20}
        """

    @Test func fullConfigurationDecodesEveryField() throws {
        let yaml = """
            name: everything
            seed: 42
            data: {files: [a.csv, b.csv.gz], symbols: [AAA, BBB], from: 2014-01-02, to: 2014-12-31}
            strategy: {type: signals, fast: 3, slow: 9, shares: 150, fraction: 0.25, file: s.csv, artifact: m.bbm, model: ridge}
            portfolio:
              rule: quantiles
              k: 7
              drop: 2
              quantile: 0.3
              long: 0.01
              short: -0.02
              sizing: risk-parity
              fraction: 0.15
              target: 0.12
              lookback: 40
              maxLeverage: 1.5
              rebalance: 5
            costs:
              commissionBps: 10
              perShare: 0.005
              minimum: 1
              participation: 0.1
              borrowRate: 0.03
              slippage: {model: sqrt-impact, bps: 2, multiplier: 0.2, coefficient: 0.7, lookback: 30}
            execution: {initialCash: 250000, maxLeverage: 2, allowShort: true, sameBarFills: true, engine: vectorized, periodsPerYear: 252}
            benchmark: {file: spx.csv, symbol: SPX}
            honesty: {trials: 12, sharpeVariance: 0.04, bootstrap: 500, regimes: 2}
            report: {tearsheet: out/report.html}
            """
        var portfolio = BacktestConfiguration.PortfolioSection()
        portfolio.rule = "quantiles"; portfolio.k = 7; portfolio.drop = 2; portfolio.quantile = 0.3
        portfolio.long = 0.01; portfolio.short = -0.02; portfolio.sizing = "risk-parity"; portfolio.fraction = 0.15
        portfolio.target = 0.12; portfolio.lookback = 40; portfolio.maxLeverage = 1.5; portfolio.rebalance = 5
        var slippage = BacktestConfiguration.SlippageSection()
        slippage.model = "sqrt-impact"; slippage.bps = 2; slippage.multiplier = 0.2; slippage.coefficient = 0.7; slippage.lookback = 30
        var costs = BacktestConfiguration.CostSection()
        costs.commissionBps = 10; costs.perShare = 0.005; costs.minimum = 1; costs.participation = 0.1
        costs.borrowRate = 0.03; costs.slippage = slippage
        var execution = BacktestConfiguration.ExecutionSection()
        execution.initialCash = 250_000; execution.maxLeverage = 2; execution.allowShort = true
        execution.sameBarFills = true; execution.engine = "vectorized"; execution.periodsPerYear = 252
        var honesty = BacktestConfiguration.HonestySection()
        honesty.trials = 12; honesty.sharpeVariance = 0.04; honesty.bootstrap = 500; honesty.regimes = 2
        var report = BacktestConfiguration.ReportSection()
        report.tearsheet = "out/report.html"
        let expected = BacktestConfiguration(
            name: "everything", seed: 42,
            data: .init(files: ["a.csv", "b.csv.gz"], symbols: ["AAA", "BBB"], from: "2014-01-02", to: "2014-12-31"),
            strategy: .init(type: "signals", fast: 3, slow: 9, shares: 150, fraction: 0.25, file: "s.csv",
                            artifact: "m.bbm", model: "ridge"),
            portfolio: portfolio, costs: costs, execution: execution,
            benchmark: .file(path: "spx.csv", symbol: "SPX"), honesty: honesty, report: report)
        let parsed = try BacktestConfiguration.parse(yaml, source: "full.yaml")
        #expect(parsed == expected)
    }

    @Test func missingSectionsTakeDefaults() throws {
        let c = try BacktestConfiguration.parse(Self.minimal, source: "tiny.yaml")
        #expect(c.name == "tiny")
        #expect(c.seed == 0)
        #expect(c.data == .init(files: ["prices.csv"]))
        #expect(c.strategy == .init(type: "crossover", fast: 5, slow: 20))
        #expect(c.portfolio == .init())
        #expect(c.costs == .init())
        #expect(c.execution == .init())
        #expect(c.benchmark == .buyAndHold)
        #expect(c.honesty == .init())
        #expect(c.report == .init())
    }

    /// (the text added to the minimal file, the dotted path named, the valid fields listed)
    static let unknownFields: [(String, String, String)] = [
        ("strategyy: {type: x}", "unknown field strategyy", "benchmark, costs, data, execution, honesty, name, portfolio, report, seed, strategy"),
        ("", "unknown field strategy.fastt", "artifact, fast, file, fraction, model, shares, slow, type"),
        ("portfolio: {rule: quantiles, topk: 3}", "unknown field portfolio.topk", "drop, fraction, k, long, lookback, maxLeverage, quantile, rebalance, rule, short, sizing, target"),
        ("costs: {commission: 3}", "unknown field costs.commission", "borrowRate, commissionBps, minimum, participation, perShare, slippage"),
        ("costs: {slippage: {model: fixed, bp: 2}}", "unknown field costs.slippage.bp", "bps, coefficient, lookback, model, multiplier"),
        ("execution: {cash: 5}", "unknown field execution.cash", "allowShort, engine, initialCash, maxLeverage, periodsPerYear, sameBarFills"),
        ("honesty: {trails: 5}", "unknown field honesty.trails", "bootstrap, regimes, sharpeVariance, trials"),
        ("report: {html: r.html}", "unknown field report.html", "tearsheet"),
        ("benchmark: {file: spx.csv, sym: SPX}", "unknown field benchmark.sym", "file, symbol"),
    ]

    @Test(arguments: unknownFields.indices)
    func unknownFieldIsNamedWithTheValidOnes(_ i: Int) {
        let (extra, path, valid) = Self.unknownFields[i]
        var yaml = Self.minimal + "\n" + extra
        if extra.isEmpty { yaml = yaml.replacingOccurrences(of: "fast: 5", with: "fastt: 5") }
        expectBacktestError(.invalidArgument, ["bad.yaml", path, "expected one of \(valid)"]) {
            _ = try BacktestConfiguration.parse(yaml, source: "bad.yaml")
        }
    }

    @Test func severalTyposReportTheSameOneEveryTime() {
        // Top level first, then sections in order of their dotted paths.
        let yaml = Self.minimal.replacingOccurrences(of: "fast: 5", with: "fastt: 5") + "\ncosts: {comission: 1}\ncolour: red"
        expectBacktestError(.invalidArgument, ["unknown field colour;"]) { _ = try BacktestConfiguration.parse(yaml, source: "t") }
        let sections = Self.minimal.replacingOccurrences(of: "fast: 5", with: "fastt: 5") + "\nreport: {pdf: x}\ncosts: {comission: 1}"
        expectBacktestError(.invalidArgument, ["unknown field costs.comission;"]) { _ = try BacktestConfiguration.parse(sections, source: "t") }
    }

    @Test func unknownDataFieldIsNamed() {
        let yaml = Self.minimal.replacingOccurrences(of: "{files: [prices.csv]}", with: "{files: [prices.csv], form: 2014-01-01}")
        expectBacktestError(.invalidArgument, ["unknown field data.form", "files, from, symbols, to"]) {
            _ = try BacktestConfiguration.parse(yaml, source: "bad.yaml")
        }
    }

    /// (text replaced in the minimal file, its replacement, the field named)
    static let wrongTypes: [(String, String, String)] = [
        ("fast: 5", "fast: five", "strategy.fast"),
        ("{files: [prices.csv]}", "{files: prices.csv}", "data.files"),
        ("name: tiny", "name: [a, b]", "name"),
    ]

    @Test(arguments: wrongTypes.indices)
    func wrongTypeNamesTheField(_ i: Int) {
        let (from, to, field) = Self.wrongTypes[i]
        let yaml = Self.minimal.replacingOccurrences(of: from, with: to)
        expectBacktestError(.invalidArgument, ["t.yaml", field]) { _ = try BacktestConfiguration.parse(yaml, source: "t.yaml") }
    }

    @Test(arguments: [
        ("execution: {allowShort: maybe}", "execution.allowShort"),
        ("execution: {initialCash: lots}", "execution.initialCash"),
        ("portfolio: {rebalance: 2.5}", "portfolio.rebalance"),
        ("costs: {slippage: fixed}", "costs.slippage"),
        ("seed: -3", "seed"),
        ("honesty: {trials: [1, 2]}", "honesty.trials"),
    ])
    func wrongTypeInASectionNamesTheField(_ extra: String, _ field: String) {
        expectBacktestError(.invalidArgument, ["t.yaml", "\(field):"]) {
            _ = try BacktestConfiguration.parse(Self.minimal + "\n" + extra, source: "t.yaml")
        }
    }

    @Test func missingRequiredFieldsAreNamed() {
        expectBacktestError(.invalidArgument, ["strategy", "required field missing"]) {
            _ = try BacktestConfiguration.parse("name: x\ndata: {files: [a.csv]}", source: "t.yaml")
        }
        expectBacktestError(.invalidArgument, ["strategy.type", "required field missing"]) {
            _ = try BacktestConfiguration.parse("name: x\ndata: {files: [a.csv]}\nstrategy: {fast: 3}", source: "t.yaml")
        }
    }

    @Test func invalidYAMLAndNonMappingsAreRefused() {
        expectBacktestError(.invalidArgument, ["t.yaml", "not valid YAML"]) {
            _ = try BacktestConfiguration.parse("name: [unclosed\ndata: {files: [a.csv]", source: "t.yaml")
        }
        expectBacktestError(.invalidArgument, ["t.yaml", "expected a mapping"]) {
            _ = try BacktestConfiguration.parse("- name\n- data", source: "t.yaml")
        }
    }

    @Test func overridesSetValuesAtDottedPaths() throws {
        let c = try BacktestConfiguration.parse(Self.minimal, source: "t.yaml", overrides: [
            "strategy.fast": .int(8),
            "costs.slippage.bps": .double(3.5),
            "execution.engine": .string("vectorized"),
            "portfolio.rebalance": .int(4),
            "benchmark": .string("none"),
            "name": .string("variant"),
        ])
        #expect(c.strategy.fast == 8)
        #expect(c.strategy.slow == 20)
        #expect(c.costs.slippage?.bps == 3.5)
        #expect(c.execution.engine == "vectorized")
        #expect(c.portfolio.rebalance == 4)
        #expect(c.benchmark == BacktestConfiguration.BenchmarkSection.none)
        #expect(c.name == "variant")
    }

    @Test(arguments: ["strategy.fastt", "nosuch.field", "costs.slippage.model.kind", "color"])
    func overrideOfANonexistentFieldIsRefused(_ path: String) {
        expectBacktestError(.invalidArgument, ["t.yaml", "cannot set \(path)"]) {
            _ = try BacktestConfiguration.parse(Self.minimal, source: "t.yaml", overrides: [path: .int(1)])
        }
    }

    @Test func overrideOfTheWrongTypeIsNamed() {
        expectBacktestError(.invalidArgument, ["strategy.fast"]) {
            _ = try BacktestConfiguration.parse(Self.minimal, source: "t.yaml", overrides: ["strategy.fast": .string("quick")])
        }
    }

    @Test func benchmarkForms() throws {
        func benchmark(_ text: String) throws -> BacktestConfiguration.BenchmarkSection {
            try BacktestConfiguration.parse(Self.minimal + "\nbenchmark: \(text)", source: "t.yaml").benchmark
        }
        #expect(try benchmark("buy-and-hold") == .buyAndHold)
        #expect(try benchmark("none") == BacktestConfiguration.BenchmarkSection.none)
        #expect(try benchmark("{file: spx.csv, symbol: SPX}") == .file(path: "spx.csv", symbol: "SPX"))
        #expect(try benchmark("{file: spx.csv}") == .file(path: "spx.csv", symbol: nil))
        expectBacktestError(.invalidArgument, ["benchmark", "hodl", "expected buy-and-hold, none or {file: PATH, symbol: NAME}"]) {
            _ = try benchmark("hodl")
        }
        expectBacktestError(.invalidArgument, ["benchmark.file", "required field missing"]) {
            _ = try benchmark("{symbol: SPX}")
        }
    }

    @Test func loadsAFileAndNamesAMissingOne() throws {
        let folder = try RunnerTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("b.yaml").path
        try (Self.minimal + "\nexecution: {engine: vectorized}").write(toFile: path, atomically: true, encoding: .utf8)
        let c = try BacktestConfiguration.load(path: path, overrides: ["strategy.slow": .int(50)])
        #expect(c.execution.engine == "vectorized" && c.strategy.slow == 50)
        expectBacktestError(.invalidArgument, ["nothing.yaml", "cannot read"]) {
            _ = try BacktestConfiguration.load(path: folder.appendingPathComponent("nothing.yaml").path)
        }
        try (Self.minimal + "\nexecution: {cash: 1}").write(toFile: path, atomically: true, encoding: .utf8)
        expectBacktestError(.invalidArgument, [path, "unknown field execution.cash"]) {
            _ = try BacktestConfiguration.load(path: path)
        }
    }

    @Test func encodedConfigurationParsesBack() throws {
        var c = try BacktestConfiguration.parse(Self.minimal + "\nbenchmark: {file: spx.csv, symbol: SPX}", source: "t.yaml")
        c.execution.initialCash = 5_000
        let tree = try ConfigValue.encode(c)
        #expect(try tree.decode(BacktestConfiguration.self, context: "round trip") == c)
    }
}
