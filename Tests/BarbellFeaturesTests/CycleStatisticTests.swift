import Foundation
import BarbellFeatures
import Testing

/// Behaviours of the Hilbert-transform family and the statistic functions that the fixtures
/// only show indirectly.
@Suite("Cycle and statistic functions")
struct CycleStatisticTests {
    private func walk(_ count: Int) -> [Double] {
        var value = 100.0
        var state: UInt64 = 42
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            value *= 1 + (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.03
            return value
        }
    }

    private func compute(_ spec: String, _ columns: [[Double]]) throws -> [[Double]] {
        let feature = try FeatureCatalog.standard.resolve(FeatureSpec.parse(Substring(spec)))
        return feature.compute(columns: columns, count: columns[0].count)
    }

    @Test("HT_TRENDMODE is 0 through its lookback and 0 or 1 after, like TA-Lib's integer output")
    func trendModeIsInteger() throws {
        var close = walk(300)
        close[0] = .nan
        let mode = try compute("HT_TRENDMODE", [close])[0]
        #expect(mode[0...63].allSatisfy { $0 == 0 })
        #expect(mode.allSatisfy { $0 == 0 || $0 == 1 })
    }

    @Test("the Hilbert functions start where TA-Lib's lookbacks say")
    func hilbertLookbacks() throws {
        let close = walk(200)
        for (name, lookback) in [("HT_DCPERIOD", 32), ("HT_PHASOR", 32), ("HT_DCPHASE", 63), ("HT_SINE", 63), ("HT_TRENDLINE", 63)] {
            let first = try compute(name, [close])[0].firstIndex { !$0.isNaN }
            #expect(first == lookback, "\(name)")
        }
    }

    @Test("VAR ignores nbdev, as TA-Lib does")
    func varianceIgnoresNbdev() throws {
        let close = walk(200)
        let one = try compute("VAR(timeperiod=10,nbdev=1)", [close])[0]
        let three = try compute("VAR(timeperiod=10,nbdev=3)", [close])[0]
        #expect(one.elementsEqual(three) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test("a NaN stays in VAR's sums until the next counted re-anchoring, 32·timeperiod outputs on")
    func varianceRecoversAtReanchoring() throws {
        var close = walk(400)
        close[100] = .nan
        let variance = try compute("VAR(timeperiod=5)", [close])[0]
        // Unlike a window rescan, the NaN outlives the window (bar 110) and is cleared by a
        // re-anchoring at most 32·5 outputs later.
        #expect(variance[100...110].allSatisfy { $0.isNaN })
        #expect(variance[105...(105 + 160)].contains { !$0.isNaN })
    }

    @Test("CORREL is 0, not NaN, while a NaN is in its sums")
    func correlationZeroAfterNaN() throws {
        var high = walk(400)
        let low = high.map { $0 * 0.99 + 0.1 }
        high[100] = .nan
        let r = try compute("CORREL(timeperiod=10)", [high, low])[0]
        #expect(r[100...115].allSatisfy { $0 == 0 })
        #expect(r[110...].contains { $0 != 0 && !$0.isNaN })
    }

    @Test("BETA is 0, not NaN, while a NaN is in its sums, until the re-anchoring 32·timeperiod outputs on")
    func betaZeroAfterNaN() throws {
        var high = walk(400)
        let low = high.enumerated().map { $1 * 0.99 + 0.1 * Double($0 % 7) }
        high[100] = .nan
        let beta = try compute("BETA(timeperiod=5)", [high, low])[0]
        // Outputs start at bar 5; the counted re-anchoring is output 159, bar 164.
        #expect(beta[100...163].allSatisfy { $0 == 0 })
        #expect(beta[164] != 0 && !beta[164].isNaN)
    }

    @Test("the LINEARREG family keeps a NaN until its counted refit, every 32·timeperiod outputs")
    func linearRegressionRecoversAtRefit() throws {
        var close = walk(400)
        close[100] = .nan
        for name in ["LINEARREG", "LINEARREG_SLOPE", "LINEARREG_INTERCEPT", "LINEARREG_ANGLE", "TSF"] {
            let values = try compute("\(name)(timeperiod=5)", [close])[0]
            // Outputs start at bar 4; the refit is output 160, bar 164 (not bar 105, when the
            // NaN leaves the window).
            #expect(values[100...163].allSatisfy { $0.isNaN }, "\(name)")
            #expect(values[164...].allSatisfy { !$0.isNaN }, "\(name)")
        }
    }

    @Test("the Hilbert kernels' written-out constants are TA-Lib's computed ones")
    func hilbertConstants() {
        // HilbertCycle.rad2Deg and HTSine.deg2Rad (literals so they fold into the loops).
        #expect(45.0 / atan(1.0) == 57.29577951308232)
        #expect(1.0 / (45.0 / atan(1.0)) == 0.017453292519943295)
    }
}
