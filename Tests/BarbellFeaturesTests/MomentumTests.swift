import BarbellFeatures
import Testing

/// Momentum cases the shared TA-Lib fixtures do not reach: the period-1 forms of the directional
/// functions (TA-Lib's separate code paths), flat bars where DX and ADX hold their last value,
/// and ULTOSC's period sorting. Expected values come from the TA-Lib Python package 0.8.2
/// (C 0.8.1) on the series below.
@Suite("Momentum edge cases")
struct MomentumTests {
    // Bars 5-7 repeat bar 4 (no movement, zero range change); close[12] and high[17] are NaN.
    static let high = [101.44, 100.82, 102.6, 102.65, 102.4, 102.4, 102.4, 102.4, 102.68, 102.44, 101.2, 101.19,
                       100.78, 102.51, 99.61, 100.38, 100.28, .nan, 100.42, 101.32, 100.25, 100.41, 99.39, 98.32]
    static let low = [100.1, 100.01, 101.13, 102.07, 101.09, 101.09, 101.09, 101.09, 102.56, 100.08, 100.49, 100.82,
                      100.14, 100.21, 99.28, 98.0, 99.4, 101.82, 99.13, 100.89, 97.12, 98.33, 96.37, 96.29]
    static let close = [100.44, 100.11, 102.54, 102.29, 102.4, 102.4, 102.4, 102.4, 102.67, 102.34, 101.15, 100.94,
                        .nan, 101.18, 99.52, 98.82, 99.97, 101.83, 100.32, 100.96, 99.98, 99.12, 98.25, 97.83]

    static func compute(_ spec: String) throws -> [Double] {
        var input = FeatureInput(count: high.count)
        try input.set(.high, high)
        try input.set(.low, low)
        try input.set(.close, close)
        let feature = try FeatureCatalog.standard.resolve(FeatureSpec.parse(Substring(spec)))
        return try feature.compute(input)[0]
    }

    static func expectMatches(_ spec: String, _ expected: [Double]) throws {
        let got = try compute(spec)
        #expect(got.count == expected.count)
        for (i, (a, b)) in zip(got, expected).enumerated() {
            #expect(agrees(a, b), "\(spec) bar \(i): got \(a), TA-Lib \(b)")
        }
    }

    @Test("period-1 directional movement is the raw one-bar movement")
    func periodOneMovement() throws {
        try Self.expectMatches("PLUS_DM(timeperiod=1)", [
            .nan, 0.0, 1.7800000000000011, 0.05000000000001137, 0.0, 0.0, 0.0, 0.0, 0.28000000000000114, 0.0, 0.0, 0.0,
            0.0, 1.730000000000004, 0.0, 0.0, 0.0, 0.0, 0.0, 0.8999999999999915, 0.0, 0.1599999999999966, 0.0, 0.0])
        try Self.expectMatches("MINUS_DM(timeperiod=1)", [
            .nan, 0.0899999999999892, 0.0, 0.0, 0.9799999999999898, 0.0, 0.0, 0.0, 0.0, 2.480000000000004, 0.0, 0.0,
            0.6799999999999926, 0.0, 0.9299999999999926, 1.2800000000000011, 0.0, 0.0, 0.0, 0.0, 3.769999999999996, 0.0,
            1.9599999999999937, 0.0799999999999983])
    }

    @Test("period-1 DI is DM1 / TR1 without the factor 100")
    func periodOneIndicator() throws {
        try Self.expectMatches("PLUS_DI(timeperiod=1)", [
            .nan, 0.0, 0.7148594377510059, 0.08620689655174188, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0,
            0.7521739130434762, 0.0, 0.0, 0.0, 0.0, 0.0, 0.8999999999999915, 0.0, 0.07692307692307535, 0.0, 0.0])
        try Self.expectMatches("MINUS_DI(timeperiod=1)", [
            .nan, 0.11111111111109942, 0.0, 0.0, 0.748091603053426, 0.0, 0.0, 0.0, 0.0, 0.9575289575289578, 0.0, 0.0,
            0.8499999999999938, 0.0, 0.48947368421052095, 0.5378151260504217, 0.0, 0.0, 0.0, 0.0, 0.981770833333335, 0.0,
            0.649006622516555, 0.0394088669950733])
    }

    @Test("DX and ADX hold their value once the smoothed range turns NaN")
    func heldValues() throws {
        try Self.expectMatches("DX(timeperiod=3)", [
            .nan, .nan, .nan, 90.74550128534818, 10.602409638553011, 10.602409638553011, 10.60240963855299,
            10.602409638552993, 37.46061483437032, 79.70580839829006, 79.70580839829007, 79.70580839829007,
            88.65473036578942, 29.679395778171923, 13.879506261918308, 49.1453795827115, 49.14537958271148,
            49.14537958271148, 49.14537958271148, 49.14537958271148, 49.14537958271148, 49.14537958271148,
            49.14537958271148, 49.14537958271148])
        try Self.expectMatches("ADX(timeperiod=3)", [
            .nan, .nan, .nan, .nan, .nan, 37.31677352081807, 28.41198556006304, 22.475460252893026, 27.470511780052124,
            44.88227731946477, 56.49012101240654, 64.22868347436771, 72.37069910484162, 58.14026466261839,
            43.3866785290517, 45.3062455469383, 46.58595689219603, 46.58595689219603, 46.58595689219603,
            46.58595689219603, 46.58595689219603, 46.58595689219603, 46.58595689219603, 46.58595689219603])
    }

    @Test("ULTOSC sorts its periods and reads 0 once a range sum is NaN")
    func ultimateOscillator() throws {
        let expected = [
            .nan, .nan, .nan, .nan, .nan, 94.30219780219787, 99.14285714285718, 99.11634756995582, 99.51620887669348,
            90.19218540491227, 68.19826684856947, 48.44733813483848, .nan, .nan, .nan, .nan, .nan, 0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0]
        try Self.expectMatches("ULTOSC(timeperiod1=5,timeperiod2=2,timeperiod3=3)", expected)
        try Self.expectMatches("ULTOSC(timeperiod1=2,timeperiod2=3,timeperiod3=5)", expected)
    }
}
