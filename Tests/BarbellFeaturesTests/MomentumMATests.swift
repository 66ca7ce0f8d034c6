import BarbellData
import BarbellFeatures
import Foundation
import Testing

/// Properties of the moving-average momentum family that the TA-Lib fixtures do not pin down.
@Suite("Momentum MA indicators")
struct MomentumMATests {
    let input = syntheticInput(count: 400, seed: 7, nanGaps: false)

    func compute(_ spec: String) throws -> [[Double]] {
        try FeatureCatalog.standard.resolve(try FeatureSpec.parse(Substring(spec))).compute(input)
    }

    func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test("MACDEXT with three EMAs is MACD, bit for bit")
    func macdextAllEMAIsMACD() throws {
        let ext = try compute("MACDEXT(fastperiod=8,fastmatype=1,slowperiod=21,slowmatype=1,signalperiod=5,signalmatype=1)")
        let macd = try compute("MACD(fastperiod=8,slowperiod=21,signalperiod=5)")
        for k in 0..<3 { #expect(sameBits(ext[k], macd[k])) }
    }

    @Test("Fused kernels: batch equals streaming across window parities, scan limits and NaN gaps")
    func fusedBatchEqualsStream() throws {
        let specs = [
            "TRIX(timeperiod=1)", "TRIX(timeperiod=2)", "TRIX(timeperiod=3)", "TRIX(timeperiod=8)",
            "MACD(fastperiod=3,slowperiod=6,signalperiod=4)", "MACD(fastperiod=5,slowperiod=9,signalperiod=1)",
            "APO(fastperiod=3,slowperiod=7,matype=1)", "PPO(fastperiod=4,slowperiod=4,matype=1)",
            "STOCH(fastk_period=3,slowk_period=2,slowk_matype=0,slowd_period=4,slowd_matype=0)",
            "STOCH(fastk_period=17,slowk_period=3,slowk_matype=0,slowd_period=3,slowd_matype=0)",
            "STOCHF(fastk_period=16,fastd_period=2,fastd_matype=0)", "STOCHF(fastk_period=20,fastd_period=5,fastd_matype=0)",
            "STOCHRSI(timeperiod=5,fastk_period=4,fastd_period=3,fastd_matype=0)",
            "MACDEXT(fastperiod=3,fastmatype=0,slowperiod=8,slowmatype=0,signalperiod=2,signalmatype=0)",
        ]
        let gappy = syntheticInput(count: 400, seed: 11, nanGaps: true)
        for spec in specs {
            let feature = try FeatureCatalog.standard.resolve(try FeatureSpec.parse(Substring(spec)))
            try checkEquivalence(feature, input, label: spec)
            try checkEquivalence(feature, gappy, label: spec + " with NaN gaps")
        }
    }

    @Test("Periods given the wrong way round are swapped, as in TA-Lib")
    func swappedPeriods() throws {
        #expect(sameBits(try compute("APO(fastperiod=20,slowperiod=5,matype=0)")[0],
                         try compute("APO(fastperiod=5,slowperiod=20,matype=0)")[0]))
        let a = try compute("MACD(fastperiod=26,slowperiod=12,signalperiod=9)")
        let b = try compute("MACD(fastperiod=12,slowperiod=26,signalperiod=9)")
        for k in 0..<3 { #expect(sameBits(a[k], b[k])) }
    }

    @Test("MACDFIX differs from MACD(12,26) only through its fixed constants")
    func macdfixLookback() throws {
        let fix = try compute("MACDFIX(signalperiod=9)")
        let macd = try compute("MACD(fastperiod=12,slowperiod=26,signalperiod=9)")
        #expect(fix[0].firstIndex { !$0.isNaN } == 33)
        #expect(macd[0].firstIndex { !$0.isNaN } == 33)
        // 0.15 and 0.075 are 2/(12+1) and 2/(26+1) rounded, so the lines are close, not equal.
        let last = input.count - 1
        #expect(fix[0][last] != macd[0][last])
        #expect(abs(fix[0][last] - macd[0][last]) < 0.05 * abs(macd[0][last]) + 0.05)
    }

    @Test("Stochastic %K stays within 0...100 and is 0 on a flat range")
    func stochasticBounds() throws {
        let k = try compute("STOCHF(fastk_period=9,fastd_period=3,fastd_matype=0)")[0]
        #expect(k.allSatisfy { $0.isNaN || (0...100).contains($0) })
        let flat = try FeatureInput(open: .init(repeating: 5, count: 30), high: .init(repeating: 5, count: 30),
                                    low: .init(repeating: 5, count: 30), close: .init(repeating: 5, count: 30),
                                    volume: .init(repeating: 1, count: 30))
        let feature = try FeatureCatalog.standard.resolve(try FeatureSpec.parse("STOCH"))
        let out = try feature.compute(flat)
        #expect(out[0].dropFirst(feature.lookback).allSatisfy { $0 == 0 })
    }

    @Test("STOCH with period-1 smoothing is STOCHF's %K")
    func stochIdentitySmoothing() throws {
        let slow = try compute("STOCH(fastk_period=7,slowk_period=1,slowk_matype=0,slowd_period=1,slowd_matype=0)")
        let fast = try compute("STOCHF(fastk_period=7,fastd_period=1,fastd_matype=0)")
        #expect(sameBits(slow[0], fast[0]))
        #expect(sameBits(slow[1], fast[0]))
    }

    @Test("Edge-case parameters match TA-Lib 0.8.1 (Tests/Fixtures/momentumma)")
    func edgeCases() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/momentumma/edge_cases.tsv.gz")
        var header: [String] = []
        var columns: [[Double]] = []
        try LineReader(path: url.path).forEachLine { bytes, _ in
            let fields = String(decoding: bytes, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
            guard !fields.isEmpty, !(fields.count == 1 && fields[0].isEmpty) else { return true }
            if header.isEmpty {
                header = fields.map(String.init)
                columns = Array(repeating: [], count: header.count)
            } else {
                for (i, f) in fields.enumerated() { columns[i].append(Double(f) ?? .nan) }
            }
            return true
        }
        let inputNames = ["open", "high", "low", "close", "volume"]
        var input = FeatureInput(count: columns[0].count)
        for (i, name) in header.enumerated() where inputNames.contains(name) { try input.set(InputField(name), columns[i]) }
        var checked = 0
        for (i, column) in header.enumerated() where !inputNames.contains(column) {
            let (specText, output) = splitColumnName(column)
            let feature = try FeatureCatalog.standard.resolve(try FeatureSpec.parse(Substring(specText)))
            let k = output.flatMap { feature.descriptor.outputs.firstIndex(of: $0) } ?? 0
            let got = try feature.compute(input)[k]
            let bad = got.indices.first { !agrees(got[$0], columns[i][$0]) }
            #expect(bad == nil, "\(column) row \(bad ?? -1): got \(bad.map { got[$0] } ?? 0), TA-Lib \(bad.map { columns[i][$0] } ?? 0)")
            try checkEquivalence(feature, input, label: "edge cases")
            checked += 1
        }
        #expect(checked == 46)
    }

    @Test("APO and PPO default to an EMA, as TA-Lib 0.8 does")
    func oscillatorDefaults() throws {
        #expect(try FeatureCatalog.standard.resolve(FeatureSpec("APO")).canonicalName == "APO(fastperiod=12,slowperiod=26,matype=1)")
        #expect(try FeatureCatalog.standard.resolve(FeatureSpec("PPO")).canonicalName == "PPO(fastperiod=12,slowperiod=26,matype=1)")
    }

    @Test("TRIX of a constant series is 0 after its lookback of 3·(period−1)+1")
    func trixConstant() throws {
        let flat = FeatureInput(count: 40, columns: [.close: .init(repeating: 42, count: 40)])
        let out = try FeatureCatalog.standard.resolve(try FeatureSpec.parse("TRIX(timeperiod=5)")).compute(flat)[0]
        #expect(out.firstIndex { !$0.isNaN } == 13)
        #expect(out.dropFirst(13).allSatisfy { $0 == 0 })
    }
}

/// Batch timings at 1M bars, run only with `BARBELL_BENCH=1` (meant for a release build):
/// `BARBELL_BENCH=1 swift test -c release --filter MomentumMABenchmark`.
/// Times the batch kernel alone on preallocated columns.
private func kernelTime(_ feature: ResolvedFeature, _ columns: [[Double]], _ outputs: inout [[Double]], _ n: Int) -> Duration {
    var ins: [UnsafeBufferPointer<Double>] = []
    var outs: [UnsafeMutableBufferPointer<Double>] = []
    for c in columns { ins.append(c.withUnsafeBufferPointer { $0 }) }  // arrays outlive the call
    for i in outputs.indices { outs.append(outputs[i].withUnsafeMutableBufferPointer { $0 }) }
    return ContinuousClock().measure {
        feature.descriptor.batch(BatchInputs(count: n, columns: ins), feature.parameters, BatchOutputs(count: n, columns: outs))
    }
}

@Suite("Momentum MA benchmark", .enabled(if: ProcessInfo.processInfo.environment["BARBELL_BENCH"] == "1"))
struct MomentumMABenchmark {
    @Test func batchAtOneMillionBars() throws {
        let n = 1_000_000
        let input = syntheticInput(count: n, seed: 3, nanGaps: false)
        let specs = ["APO(fastperiod=12,slowperiod=26,matype=0)", "APO(fastperiod=12,slowperiod=26,matype=1)",
                     "PPO(fastperiod=12,slowperiod=26,matype=0)", "MACD", "MACDEXT", "MACDFIX", "STOCH", "STOCHF",
                     "STOCHRSI", "TRIX"]
        for spec in specs {
            let feature = try FeatureCatalog.standard.resolve(try FeatureSpec.parse(Substring(spec)))
            let columns = feature.descriptor.inputs.map { input[$0]! }
            var best = Duration.seconds(100)
            for _ in 0..<5 {
                let elapsed = ContinuousClock().measure { _ = feature.compute(columns: columns, count: n) }
                best = min(best, elapsed)
            }
            var outputs = [[Double]](repeating: [Double](repeating: .nan, count: n), count: feature.descriptor.outputs.count)
            var kernelBest = Duration.seconds(100)
            for _ in 0..<5 {
                kernelBest = min(kernelBest, kernelTime(feature, columns, &outputs, n))
            }
            print("bench \(spec): compute \(best), kernel \(kernelBest)")
        }
    }
}
