import BarbellData
import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `options.py` (QuantLib, py_vollib, scipy, numpy).
    static let options = load("options.json")
}

/// Rebuilds the option of row `i` of a fixture case.
private func fixtureOption(_ c: String, _ i: Int, model: PricingModel = .blackScholesMerton) -> VanillaOption {
    let f = QuantFixture.options
    let type: OptionType = f.vector(c, "type")[i] > 0 ? .call : .put
    let underlying = model == .black76 ? f.vector(c, "forward")[i] : f.vector(c, "spot")[i]
    let dividend = model == .black76 ? 0 : f.vector(c, "dividend")[i]
    return VanillaOption(type: type, model: model, underlying: underlying, strike: f.vector(c, "strike")[i],
                         expiry: f.vector(c, "expiry")[i], rate: f.vector(c, "rate")[i], dividendYield: dividend)
}

/// |a − b| ≤ tolerance·max(|b|, floor).
private func close(_ a: Double, _ b: Double, _ tolerance: Double, floor: Double) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), floor)
}

@Suite("Options: European prices and Greeks")
struct OptionsPricingTests {
    @Test("Black-Scholes-Merton matches QuantLib's AnalyticEuropeanEngine")
    func blackScholesMerton() throws {
        let f = QuantFixture.options
        let n = f.vector("bsm", "price").count
        #expect(n == 120)
        for i in 0..<n {
            let option = fixtureOption("bsm", i)
            let g = try option.greeks(volatility: f.vector("bsm", "vol")[i])
            // Closed forms on both sides: 1e-10 relative, with an absolute floor of 1e-12 (in
            // price units) for values that are zero up to rounding in the deep wings.
            let analytic: [(Double, String)] = [(g.price, "price"), (g.delta, "delta"), (g.gamma, "gamma"),
                                                (g.vega, "vega"), (g.theta, "theta"), (g.rho, "rho")]
            for (value, key) in analytic {
                #expect(close(value, f.vector("bsm", key)[i], 1e-10, floor: 1e-2), "row \(i) \(key)")
            }
            // Vanna and volga: Richardson-extrapolated central differences of QuantLib's delta and vega,
            // accurate to about 1e-9 relative: 1e-7 relative with the floors above.
            #expect(close(g.vanna, f.vector("bsm", "vanna")[i], 1e-7, floor: 1e-2), "row \(i) vanna")
            #expect(close(g.volga, f.vector("bsm", "volga")[i], 1e-7, floor: 1e-0), "row \(i) volga")
            #expect(abs(g.thetaPerDay * 365 - g.theta) <= 1e-12 * abs(g.theta))
            #expect(try option.price(volatility: f.vector("bsm", "vol")[i]) == g.price)
        }
    }

    @Test("Black-76 matches QuantLib's BlackCalculator and py_vollib's theta and rho")
    func black76() throws {
        let f = QuantFixture.options
        let n = f.vector("black76", "price").count
        #expect(n == 90)
        for i in 0..<n {
            let option = fixtureOption("black76", i, model: .black76)
            let g = try option.greeks(volatility: f.vector("black76", "vol")[i])
            for (value, key) in [(g.price, "price"), (g.delta, "delta"), (g.gamma, "gamma"), (g.vega, "vega"),
                                 (g.theta, "theta"), (g.rho, "rho")] {
                // Same closed forms: 1e-10 relative, floor 1e-2 as above.
                #expect(close(value, f.vector("black76", key)[i], 1e-10, floor: 1e-2), "row \(i) \(key)")
            }
            #expect(close(g.vanna, f.vector("black76", "vanna")[i], 1e-7, floor: 1e-2), "row \(i) vanna")
            #expect(close(g.volga, f.vector("black76", "volga")[i], 1e-7, floor: 1e-0), "row \(i) volga")
        }
    }

    @Test("BSM and Black-76 agree when F = S·e^{(r−q)T}; put-call parity holds")
    func modelsAgree() throws {
        for k in [60.0, 100.0, 150.0] {
            let bsm = VanillaOption(type: .call, underlying: 100, strike: k, expiry: 0.7, rate: 0.05, dividendYield: 0.02)
            let black = VanillaOption(type: .call, model: .black76, underlying: bsm.forward, strike: k, expiry: 0.7, rate: 0.05)
            let a = try bsm.price(volatility: 0.3), b = try black.price(volatility: 0.3)
            #expect(abs(a - b) <= 1e-12 * a)
            var put = bsm
            put.type = .put
            // C − P = D·(F − K): an identity, to rounding.
            let parity = try bsm.price(volatility: 0.3) - put.price(volatility: 0.3)
            #expect(abs(parity - bsm.discount * (bsm.forward - k)) <= 1e-12 * 100)
        }
    }

    @Test("deep out-of-the-money prices keep relative precision instead of cancelling to 0")
    func deepWings() throws {
        let option = VanillaOption(type: .call, underlying: 100, strike: 400, expiry: 0.25, rate: 0.01)
        let p = try option.price(volatility: 0.2)
        #expect(p > 0 && p < 1e-30)
    }

    @Test("bad inputs are invalid-argument errors naming the field")
    func badInputs() throws {
        let good = VanillaOption(type: .call, underlying: 100, strike: 100, expiry: 1)
        for (option, field) in [(VanillaOption(type: .call, underlying: -1, strike: 100, expiry: 1), "spot"),
                                (VanillaOption(type: .put, underlying: 100, strike: .nan, expiry: 1), "strike"),
                                (VanillaOption(type: .put, underlying: 100, strike: 100, expiry: 0), "expiry"),
                                (VanillaOption(type: .put, underlying: 100, strike: 100, expiry: 1, rate: .infinity), "rate"),
                                (VanillaOption(type: .call, model: .black76, underlying: 0, strike: 1, expiry: 1), "forward")] {
            let error = #expect(throws: QuantError.self) { try option.greeks(volatility: 0.2) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains(field) == true)
        }
        for vol in [0.0, -0.1, .nan, .infinity] {
            let error = #expect(throws: QuantError.self) { try good.price(volatility: vol) }
            #expect(error?.code == .invalidArgument)
        }
        let batch = #expect(throws: QuantError.self) { try VanillaOption.greeks(of: [good, good], volatilities: [0.2]) }
        #expect(batch?.code == .shapeMismatch)
        let entry = #expect(throws: QuantError.self) { try VanillaOption.greeks(of: [good, good], volatilities: [0.2, -1]) }
        #expect(entry?.message.hasPrefix("option 1:") == true)
    }

    @Test("batch Greeks equal one-by-one Greeks bit for bit")
    func batchGreeks() throws {
        var rng = SplitMix64(seed: 7)
        var options: [VanillaOption] = [], vols: [Double] = []
        for _ in 0..<20_000 {
            options.append(VanillaOption(type: rng.nextOpenUnit() < 0.5 ? .call : .put, underlying: 100,
                                         strike: 50 + 100 * rng.nextOpenUnit(), expiry: 2 * rng.nextOpenUnit(),
                                         rate: 0.03, dividendYield: 0.01))
            vols.append(0.05 + rng.nextOpenUnit())
        }
        let batch = try VanillaOption.greeks(of: options, volatilities: vols)
        for i in stride(from: 0, to: options.count, by: 997) {
            #expect(batch[i] == (try options[i].greeks(volatility: vols[i])))
        }
    }
}
