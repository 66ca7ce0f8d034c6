import BarbellFeatures
import Testing

/// Overlap studies, price transforms, volume and volatility indicators: lookbacks, short
/// inputs, and the TA-Lib 0.8 NaN behaviours the kernels reproduce on purpose.
@Suite("Overlap, price, volume and volatility functions")
struct OverlapTests {
    private func resolve(_ text: String) throws -> ResolvedFeature {
        try FeatureCatalog.standard.resolve(FeatureSpec.parse(Substring(text)))
    }

    private func compute(_ text: String, close: [Double]) throws -> [Double] {
        let feature = try resolve(text)
        return feature.compute(columns: feature.descriptor.inputs.map { _ in close }, count: close.count)[0]
    }

    /// Lookbacks as TA-Lib 0.8.1's `abstract.Function(...).lookback` reports them.
    @Test("lookbacks match TA-Lib", arguments: [
        ("DEMA(timeperiod=10)", 18), ("TEMA(timeperiod=10)", 27), ("TRIMA(timeperiod=10)", 9),
        ("KAMA(timeperiod=10)", 10), ("MAMA", 32), ("T3(timeperiod=5)", 24), ("MA(timeperiod=10,matype=8)", 54),
        ("BBANDS(timeperiod=50,matype=7)", 49), ("MAVP(minperiod=2,maxperiod=30,matype=1)", 29),
        ("SAR", 1), ("SAREXT", 1), ("ATR(timeperiod=14)", 14), ("NATR(timeperiod=1)", 1),
        ("ADOSC(fastperiod=3,slowperiod=10)", 9), ("AVGDEV(timeperiod=14)", 13), ("MIDPOINT(timeperiod=14)", 13),
        ("ACCBANDS(timeperiod=20)", 19), ("TRANGE", 1), ("OBV", 0),
    ])
    func lookbacks(spec: String, expected: Int) throws {
        let feature = try resolve(spec)
        #expect(feature.lookback == expected)
    }

    @Test("a series no longer than the lookback is all NaN, with one value per bar")
    func shortSeries() throws {
        for spec in ["DEMA(timeperiod=10)", "TEMA(timeperiod=10)", "TRIMA(timeperiod=10)", "KAMA(timeperiod=10)",
                     "MAMA", "T3(timeperiod=5)", "BBANDS(timeperiod=10,matype=6)", "MIDPOINT", "SAR", "ATR", "ADOSC"] {
            let feature = try resolve(spec)
            let n = feature.lookback
            let close = (0..<n).map { 100 + Double($0 % 7) }
            let input = try FeatureInput(open: close, high: close.map { $0 + 1 }, low: close.map { $0 - 1 },
                                         close: close, volume: close.map { _ in 1000 })
            for column in try feature.compute(input) {
                #expect(column.count == n)
                let allNaN = column.allSatisfy { $0.isNaN }
                #expect(allNaN, "\(spec)")
            }
        }
    }

    @Test("WMA recovers from a NaN at TA-Lib's next re-seed (every 8 × period outputs)")
    func wmaRecoversAtReseed() throws {
        var x = (1...79).map(Double.init)
        x[10] = .nan
        let wma = try compute("WMA(timeperiod=5)", close: x)
        #expect(wma[42].isNaN)
        #expect(wma[43] == 42.666666666666664)  // TA-Lib 0.8.1's value
        #expect(wma[9] == 8.666666666666666)
    }

    @Test("MIDPOINT skips or keeps a NaN exactly as TA-Lib's van Herk / Gil-Werman MAX and MIN do")
    func midpointNaN() throws {
        var x: [Double] = [5, 3, 8, 1, 9, 4, 7, 2, 6, 10, 3, 5, 8, 1, 2, 9, 4, 6, 7, 3, 5, 2, 8]
        x[8] = .nan
        let expected: [Double] = [.nan, .nan, .nan, 4.5, 5, 5, 5, 5.5, 4.5, 4.5, 2, 6.5, 6.5, 4.5, 4.5, 5, 5, 5.5,
                                  6.5, 5, 5, 4.5, 5]
        let got = try compute("MIDPOINT(timeperiod=4)", close: x)
        for (a, b) in zip(got, expected) {
            #expect(a == b || (a.isNaN && b.isNaN))
        }
    }

    @Test("SAREXT is SAR with a sign: negative while short")
    func sarExtSign() throws {
        let n = 300
        var high: [Double] = [], low: [Double] = [], close: [Double] = []
        var price = 100.0
        for i in 0..<n {
            price += (i / 25) % 2 == 0 ? 0.7 : -0.6
            high.append(price + 0.5)
            low.append(price - 0.5)
            close.append(price)
        }
        let input = try FeatureInput(open: close, high: high, low: low, close: close, volume: close)
        let sar = try resolve("SAR").compute(input)[0]
        let ext = try resolve("SAREXT").compute(input)[0]
        #expect(sar[0].isNaN && ext[0].isNaN)
        for i in 1..<n { #expect(abs(ext[i]) == sar[i]) }
        #expect(ext.contains { $0 < 0 } && ext.contains { $0 > 0 })
    }
}
