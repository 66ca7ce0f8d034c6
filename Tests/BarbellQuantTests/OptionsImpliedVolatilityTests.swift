import BarbellData
import BarbellQuant
import Foundation
import Testing

@Suite("Options: implied volatility and binomial trees")
struct OptionsImpliedVolatilityTests {
    private func option(_ c: String, _ i: Int) -> VanillaOption {
        let f = QuantFixture.options
        return VanillaOption(type: f.vector(c, "type")[i] > 0 ? .call : .put, underlying: f.vector(c, "spot")[i],
                             strike: f.vector(c, "strike")[i], expiry: f.vector(c, "expiry")[i],
                             rate: f.vector(c, "rate")[i], dividendYield: f.vector(c, "dividend")[i])
    }

    @Test("matches py_vollib's Let's Be Rational on QuantLib prices, deep ITM/OTM, 1 day to 10 years")
    func referenceGrid() throws {
        let f = QuantFixture.options
        let prices = f.vector("iv", "price"), reference = f.vector("iv", "iv")
        #expect(prices.count > 200)
        var options: [VanillaOption] = []
        for i in prices.indices {
            let o = option("iv", i)
            options.append(o)
            let iv = try ImpliedVolatility.solve(price: prices[i], option: o)
            // Both solvers are exact to rounding in the price; an error δ relative in the input
            // price moves σ by δ·P/(vega·σ) relative. The fixture keeps inputs whose
            // out-of-the-money part has ≥ 6 significant digits, so with δ ≈ 1e-15 the bound is
            // 1e-12·max(1, P/(vega·σ)) — checked against LBR's σ (not against the σ that made the price: QuantLib's own
            // price carries rounding error in the wings that both solvers faithfully invert).
            let g = try o.greeks(volatility: iv)
            let amplification = max(1, prices[i] / (g.vega * iv))
            #expect(abs(iv - reference[i]) <= 1e-9 * amplification * reference[i], "row \(i): \(iv) vs LBR \(reference[i])")
            // Round trip price → σ → price.
            #expect(abs(g.price - prices[i]) <= 1e-12 * prices[i] + 1e-14, "row \(i) round trip")
        }
        // The batch API gives the same numbers bit for bit.
        let batch = try ImpliedVolatility.solve(prices: prices, options: options)
        for i in prices.indices { #expect(batch[i] == (try ImpliedVolatility.solve(price: prices[i], option: options[i]))) }
    }

    @Test("round trip σ → price → σ over a dense grid, both models, never NaN inside the bounds")
    func roundTrip() throws {
        var worst = 0.0
        var solved = 0
        for model in PricingModel.allCases {
            for type in OptionType.allCases {
                for k in [0.5, 20, 60, 90, 99, 100, 101, 110, 150, 300, 5000] {
                    for t in [1.0 / 365, 0.02, 0.25, 1, 5, 20] {
                        for vol in [0.005, 0.05, 0.2, 0.6, 2] {
                            let o = VanillaOption(type: type, model: model, underlying: 100, strike: k, expiry: t,
                                                  rate: 0.04, dividendYield: 0.02)
                            let g = try o.greeks(volatility: vol)
                            let p = g.price
                            let intrinsic = o.discount * max(type.sign * (o.forward - k), 0)
                            let upper = o.discount * (type == .call ? o.forward : k)
                            guard p > intrinsic, p < upper else { continue }  // rounded onto a bound
                            // Subnormal prices (< 2.2e-308) carry fewer than 53 bits: not resolvable.
                            guard p - intrinsic > 1e-290 else { continue }
                            let iv = try ImpliedVolatility.solve(price: p, option: o)
                            #expect(iv.isFinite && iv > 0)
                            // The price is exact to a few ulps of its time value (P − intrinsic)
                            // plus cancellation in the deep wings; σ inherits that error divided
                            // by the price's elasticity vega·σ/P.
                            let timeValue = p - intrinsic
                            let scale = max(1, p / (g.vega * vol)) * max(1, p / timeValue)
                            worst = max(worst, abs(iv - vol) / vol / scale)
                            solved += 1
                        }
                    }
                }
            }
        }
        #expect(solved > 800)
        // 1e-10 relative after conditioning (machine precision is 2.2e-16; the wings lose up to
        // ~5 digits to the cancellation in the price itself).
        #expect(worst < 1e-10, "worst conditioned relative error \(worst)")
    }

    @Test("every price strictly inside the bounds solves: seeded random wings and one ulp from each bound")
    func insideBoundsAlwaysSolves() throws {
        var rng = SplitMix64(seed: 11)
        var solved = 0
        for _ in 0..<20_000 {
            // Log-moneyness down to −30 and σ√T from 1e-4 to 20 (Black-76, F = 1, T = 1).
            let x = -30 * rng.nextOpenUnit() * rng.nextOpenUnit()
            let s = exp(-9 + 12 * rng.nextOpenUnit())
            let type: OptionType = rng.nextOpenUnit() < 0.5 ? .call : .put
            let o = VanillaOption(type: type, model: .black76, underlying: 1, strike: exp(rng.nextOpenUnit() < 0.5 ? x : -x), expiry: 1)
            let p = try o.price(volatility: s)
            let intrinsic = max(type.sign * (1 - o.strike), 0), upper = type == .call ? 1 : o.strike
            // Time values that normalise to subnormal numbers are rejected by design (no precision).
            for price in [p, intrinsic.nextUp, upper.nextDown] where price > intrinsic && price < upper && price - intrinsic > 1e-300 {
                let iv = try ImpliedVolatility.solve(price: price, option: o)
                #expect(iv.isFinite && iv > 0, "\(type) x=\(x) price=\(price)")
                solved += 1
            }
        }
        #expect(solved > 35_000)
        // The smallest positive double as a price: strictly inside, but nothing to resolve.
        let tiny = #expect(throws: QuantError.self) {
            try ImpliedVolatility.solve(price: .leastNonzeroMagnitude, option: VanillaOption(type: .call, underlying: 1, strike: 5, expiry: 1))
        }
        #expect(tiny?.message.contains("too small to resolve") == true)
    }

    @Test("prices outside the no-arbitrage bounds are invalid-argument errors naming price and bounds")
    func bounds() throws {
        let call = VanillaOption(type: .call, underlying: 100, strike: 90, expiry: 1, rate: 0.05)
        let intrinsic = call.discount * (call.forward - 90)
        for price in [intrinsic * 0.999, intrinsic, 100.5, 150, -1, .nan, .infinity] {
            let error = #expect(throws: QuantError.self) { try ImpliedVolatility.solve(price: price, option: call) }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains("no-arbitrage bounds") == true)
        }
        let put = VanillaOption(type: .put, underlying: 100, strike: 90, expiry: 1, rate: 0.05)
        let error = #expect(throws: QuantError.self) { try ImpliedVolatility.solve(price: 90, option: put) }
        #expect(error?.message.contains("\(put.discount * 90)") == true)
        let bad = VanillaOption(type: .put, underlying: 100, strike: -5, expiry: 1)
        #expect(throws: QuantError.self) { try ImpliedVolatility.solve(price: 1, option: bad) }
        let shape = #expect(throws: QuantError.self) { try ImpliedVolatility.solve(prices: [1, 2], options: [call]) }
        #expect(shape?.code == .shapeMismatch)
        let indexed = #expect(throws: QuantError.self) {
            try ImpliedVolatility.solve(prices: [16, 500], options: [call, call])
        }
        #expect(indexed?.message.hasPrefix("option 1:") == true)
        let each = ImpliedVolatility.solveEach(prices: [16, 500], options: [call, call])
        #expect((try? each[0].get()) != nil)
        #expect((try? each[1].get()) == nil)
    }

    @Test("CRR American and European prices match QuantLib's BinomialVanillaEngine(\"crr\", 400)")
    func binomial() throws {
        let f = QuantFixture.options
        let n = f.vector("american", "american").count
        #expect(n == 36)
        for i in 0..<n {
            let o = option("american", i)
            let steps = Int(f.vector("american", "steps")[i])
            let vol = f.vector("american", "vol")[i]
            let american = try BinomialTree.price(o, volatility: vol, steps: steps)
            let european = try BinomialTree.price(o, volatility: vol, steps: steps, exercise: .european)
            // The same tree and backward induction: agreement to rounding accumulated over 400
            // steps, 1e-10 relative.
            #expect(abs(american - f.vector("american", "american")[i]) <= 1e-10 * f.vector("american", "american")[i], "row \(i)")
            #expect(abs(european - f.vector("american", "european")[i]) <= 1e-10 * f.vector("american", "european")[i], "row \(i)")
            #expect(american >= european - 1e-12)
            // The tree converges to Black-Scholes-Merton at O(1/N): within 0.5 % at N = 400.
            let analytic = try o.price(volatility: vol)
            #expect(abs(european - analytic) <= 5e-3 * analytic + 1e-3)
        }
        let put = VanillaOption(type: .put, underlying: 100, strike: 100, expiry: 1)
        for steps in [0, -3, 200_000] {
            let error = #expect(throws: QuantError.self) { try BinomialTree.price(put, volatility: 0.2, steps: steps) }
            #expect(error?.code == .invalidArgument)
        }
        #expect(throws: QuantError.self) { try BinomialTree.price(put, volatility: .nan, steps: 10) }
        let drifting = VanillaOption(type: .call, underlying: 100, strike: 100, expiry: 10, rate: 0.5)
        let error = #expect(throws: QuantError.self) { try BinomialTree.price(drifting, volatility: 0.01, steps: 2) }
        #expect(error?.message.contains("more steps") == true)
    }
}
