import BarbellQuant
import Foundation
import Testing

/// The bundled SPX chain (iVolatility sample via sirnfs/OptionSuite, MIT): quote date 2011-01-03.
private let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples/optionsuite_spx_20110103.csv.gz").path

@Suite("Options: chains, gamma exposure and SVI")
struct OptionsChainTests {
    @Test("the bundled SPX chain parses: one quote date, 1936 quotes, 15 expirations")
    func parseSample() throws {
        let chain = try OptionChain.load(path: samplePath)
        #expect(chain.quotes.count == 1936)
        #expect(chain.quoteDates == [try CalendarDate(year: 2011, month: 1, day: 3)])
        #expect(chain.expirations.count == 15)
        #expect(chain.quotes.filter { $0.type == .call }.count == 968)
    }

    @Test("malformed CSV: a missing column is named, a bad number names its line and column")
    func malformed() throws {
        let header = "date,stock_price_close,option_expiration,strike,call/put,iv,open_interest"
        let missing = #expect(throws: QuantError.self) {
            try OptionChain(csv: "date,stock_price_close,option_expiration,call/put,iv,open_interest\n")
        }
        #expect(missing?.code == .invalidArgument)
        #expect(missing?.message.contains("'strike'") == true)
        let badNumber = #expect(throws: QuantError.self) {
            try OptionChain(csv: "\(header)\n01/03/2011,1271.87,01/21/2011,1200,C,0.2,10\n01/03/2011,1271.87,01/21/2011,12x0,P,0.2,10\n")
        }
        #expect(badNumber?.message.contains("line 3") == true)
        #expect(badNumber?.message.contains("'strike'") == true)
        let badType = #expect(throws: QuantError.self) { try OptionChain(csv: "\(header)\n01/03/2011,1,01/21/2011,1,X,0.2,1\n") }
        #expect(badType?.message.contains("line 2") == true)
        let badDate = #expect(throws: QuantError.self) { try OptionChain(csv: "\(header)\n13/03/2011,1,01/21/2011,1,C,0.2,1\n") }
        #expect(badDate?.message.contains("'date'") == true)
        let short = #expect(throws: QuantError.self) { try OptionChain(csv: "\(header)\n01/03/2011,1,01/21/2011\n") }
        #expect(short?.message.contains("line 2") == true)
        #expect(throws: QuantError.self) { try OptionChain(csv: "") }
        // Empty optional cells are NaN, not errors.
        let ok = try OptionChain(csv: "\(header)\n2011-01-03,1271.87,2011-01-21,1200,P,,10\n")
        #expect(ok.quotes[0].impliedVolatility.isNaN)
    }

    @Test("gamma exposure matches an independent numpy computation on the SPX chain")
    func gammaExposure() throws {
        let f = QuantFixture.options
        let gex = try GammaExposure(chain: try OptionChain.load(path: samplePath))
        let strikes = f.vector("gex", "strike")
        #expect(gex.byStrike.map(\.strike) == strikes)
        // The same closed form summed in a different order: 1e-10 relative to the largest level.
        let scale = gex.byStrike.map { max(abs($0.calls), abs($0.puts)) }.max()!
        for (i, level) in gex.byStrike.enumerated() {
            #expect(abs(level.calls - f.vector("gex", "calls")[i]) <= 1e-10 * scale, "strike \(level.strike)")
            #expect(abs(level.puts - f.vector("gex", "puts")[i]) <= 1e-10 * scale, "strike \(level.strike)")
            #expect(level.calls >= 0 && level.puts <= 0)
        }
        #expect(abs(gex.total - f.number("gex", "total")) <= 1e-10 * scale * Double(strikes.count))
        #expect(Double(gex.skipped) == f.number("gex", "skipped"))
        #expect(gex.spot == f.number("gex", "spot"))
    }

    @Test("gamma exposure bad inputs")
    func gammaExposureErrors() throws {
        let d1 = try CalendarDate(year: 2011, month: 1, day: 3), d2 = try CalendarDate(year: 2011, month: 1, day: 4)
        let e = try CalendarDate(year: 2011, month: 2, day: 18)
        let q = OptionChainQuote(quoteDate: d1, expiration: e, type: .call, strike: 100, spot: 100, impliedVolatility: 0.2, openInterest: 5)
        var q2 = q
        q2.quoteDate = d2
        let twoDates = #expect(throws: QuantError.self) { try GammaExposure(chain: OptionChain(quotes: [q, q2])) }
        #expect(twoDates?.message.contains("2 quote dates") == true)
        #expect(throws: QuantError.self) { try GammaExposure(chain: OptionChain(quotes: [])) }
        #expect(throws: QuantError.self) { try GammaExposure(chain: OptionChain(quotes: [q]), rate: .nan) }
        #expect(throws: QuantError.self) { try GammaExposure(chain: OptionChain(quotes: [q]), multiplier: 0) }
        var q3 = q
        q3.spot = 101
        #expect(throws: QuantError.self) { try GammaExposure(chain: OptionChain(quotes: [q, q3])) }
    }

    @Test("SVI fits are no worse than scipy's least_squares on every SPX expiry and give the same curve")
    func sviAgainstScipy() throws {
        let f = QuantFixture.options
        let surface = try SVISurface(chain: try OptionChain.load(path: samplePath))
        #expect(Double(surface.smiles.count) == f.number("svi_expirations", "count"))
        for smile in surface.smiles {
            let name = "svi_\(smile.expiration)"
            let k = f.vector(name, "k"), w = f.vector(name, "w")
            #expect(k.count == smile.logMoneyness.count, "\(name)")
            guard k.count == smile.logMoneyness.count else { continue }
            // Same selection and data: k and w agree to rounding (log and square, 1e-14 absolute).
            #expect(zip(k, smile.logMoneyness).allSatisfy { abs($0 - $1) <= 1e-14 }, "\(name) k")
            #expect(zip(w, smile.totalVariance).allSatisfy { abs($0 - $1) <= 1e-14 }, "\(name) w")
            #expect(abs(smile.fit.expiry - f.number(name, "expiry")) <= 1e-15)
            // Ours must be no worse than scipy's objective (1e-6 relative slack for the two
            // optimisers' stopping rules).
            let reference = f.number(name, "objective")
            #expect(smile.fit.objective <= reference * (1 + 1e-6) + 1e-14, "\(name): \(smile.fit.objective) vs scipy \(reference)")
            // Parameters need not be unique, the fitted curve is: within 2 % of the fit's own
            // RMS residual (or 1e-7 in total variance) at every quote.
            let fitted = f.vector(name, "fitted")
            for (i, kk) in k.enumerated() {
                let ours = smile.fit.parameters.totalVariance(kk)
                #expect(abs(ours - fitted[i]) <= max(0.02 * smile.fit.rmse, 1e-7), "\(name) k=\(kk): \(ours) vs \(fitted[i])")
            }
        }
    }

    @Test("arbitrage checks: g(k) and calendar monotonicity are reported, not hidden")
    func arbitrageChecks() throws {
        let e1 = try CalendarDate(year: 2011, month: 2, day: 18), e2 = try CalendarDate(year: 2011, month: 3, day: 18)
        // A well-behaved slice (Gatheral's example-like parameters) has g ≥ 0 everywhere.
        let good = SVIParameters(a: 0.04, b: 0.1, rho: -0.4, m: 0, sigma: 0.3)
        let grid = (0...100).map { -1.5 + 0.03 * Double($0) }
        func smile(_ p: SVIParameters, _ e: CalendarDate, _ t: Double) -> SVISmile {
            SVISmile(expiration: e, forward: 100, fit: SVISlice(expiry: t, parameters: p, objective: 0, rmse: 0, count: 5),
                     logMoneyness: [], totalVariance: [])
        }
        #expect(SVISurface.butterflyViolations([smile(good, e1, 0.1)], grid: grid).isEmpty)
        // A near-zero σ with a large b makes a kink: g(k) < 0 near m.
        let kinked = SVIParameters(a: 0.001, b: 2, rho: -0.9, m: 0, sigma: 0.001)
        let butterfly = SVISurface.butterflyViolations([smile(kinked, e1, 0.1)], grid: grid)
        #expect(!butterfly.isEmpty)
        #expect(butterfly.allSatisfy { $0.kind == .butterfly && $0.value < 0 && $0.expiration == e1 })
        // A later slice with less total variance everywhere: a calendar violation at every k.
        var lower = good
        lower.a = 0.01
        let calendar = SVISurface.calendarViolations([smile(good, e1, 0.1), smile(lower, e2, 0.2)], grid: grid)
        #expect(calendar.count == grid.count)
        #expect(calendar.allSatisfy { $0.laterExpiration == e2 && abs($0.value + 0.03) < 1e-12 })
        #expect(SVISurface.calendarViolations([smile(lower, e1, 0.1), smile(good, e2, 0.2)], grid: grid).isEmpty)
    }

    @Test("SVI fit bad inputs")
    func sviErrors() throws {
        let k = [-0.2, -0.1, 0, 0.1, 0.2], w = [0.05, 0.045, 0.04, 0.042, 0.046]
        #expect((try? SVIParameters.fit(logMoneyness: k, totalVariance: w, expiry: 0.5)) != nil)
        let few = #expect(throws: QuantError.self) { try SVIParameters.fit(logMoneyness: [0, 1], totalVariance: [0.1, 0.1], expiry: 1) }
        #expect(few?.code == .insufficientData)
        let shape = #expect(throws: QuantError.self) { try SVIParameters.fit(logMoneyness: k, totalVariance: [0.1], expiry: 1) }
        #expect(shape?.code == .shapeMismatch)
        var nanW = w
        nanW[2] = .nan
        let nan = #expect(throws: QuantError.self) { try SVIParameters.fit(logMoneyness: k, totalVariance: nanW, expiry: 1) }
        #expect(nan?.code == .invalidArgument)
        #expect(throws: QuantError.self) { try SVIParameters.fit(logMoneyness: k, totalVariance: w, expiry: 0) }
        #expect(throws: QuantError.self) { try SVIParameters.fit(logMoneyness: k, totalVariance: w, expiry: 1, weights: [1, 1, 1, 1, -1]) }
    }
}
