import BarbellData
import BarbellQuant
@testable import BarbellRegimes
import Foundation
import Testing

extension RegimeFixture {
    static let cycles = load("cycles.json")
}

private func code(_ expected: QuantError.Code, _ body: () throws -> Void) {
    #expect(throws: QuantError.self) { try body() }
    do { try body() } catch let e as QuantError { #expect(e.code == expected, "\(e)") } catch { Issue.record("\(error)") }
}

/// Periodogram against scipy.signal.periodogram, dominant cycles and Fisher's g against an
/// independent numpy implementation with the exact p-value in rational arithmetic.
@Suite("Cycles: periodogram and Fisher's g")
struct PeriodogramTests {
    let f = RegimeFixture.cycles

    /// 1e-10 relative to the largest ordinate: both sides are an FFT (FFTW vs pocketfft) of the
    /// same detrended data, which agree to ~1e-14; the detrending (our centred least squares vs
    /// scipy's lstsq) adds ~1e-13.
    @Test("matches scipy.signal.periodogram for every detrend and scaling", arguments: ["sp500", "trendnoise"])
    func periodogram(data: String) throws {
        let x = f.vector("periodogram_\(data)_input", "x"), fs = f.number("periodogram_\(data)_input", "fs")
        #expect(!x.isEmpty)
        for detrend in [Periodogram.Detrend.none, .constant, .linear] {
            for scaling in [Periodogram.Scaling.density, .spectrum] {
                let name = "periodogram_\(data)_\(detrend.rawValue)_\(scaling.rawValue)"
                let p = try Periodogram(x, samplingFrequency: fs, detrend: detrend, scaling: scaling)
                let ref = f.vector(name, "power")
                #expect(p.power.count == ref.count, "\(name)")
                #expect(relativeError(p.power, ref) < 1e-10, "\(name)")
                #expect(relativeError(p.frequencies, f.vector(name, "freqs")) < 1e-14, "\(name)")
            }
        }
    }

    @Test("Parseval: the one-sided spectrum of a mean-removed series sums to its variance")
    func parseval() throws {
        var rng = SplitMix64(seed: 7)
        let x = (0..<300).map { _ in rng.nextOpenUnit() - 0.5 }
        let mean = x.reduce(0, +) / 300
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 300
        let p = try Periodogram(x, scaling: .spectrum)
        #expect(abs(p.power.reduce(0, +) - variance) < 1e-14)
    }

    /// Peak indices exactly; powers and shares 1e-10 (as the periodogram); g 1e-12; the p-value
    /// 1e-9 relative to the exact rational sum (the log-space terms carry ~1e-13 each and the
    /// alternating sum at most a few digits of cancellation for these g).
    @Test("dominant cycles and Fisher's g match the reference", arguments: ["whitenoise", "sine", "weaksine", "sp500"])
    func dominant(data: String) throws {
        let name = "cycles_\(data)"
        let d = try DominantCycles(f.vector(name, "x"), count: 3)
        #expect(d.cycles.map { Double($0.index) } == f.vector(name, "index"))
        #expect(relativeError(d.cycles.map(\.power), f.vector(name, "power")) < 1e-10)
        #expect(relativeError(d.cycles.map(\.varianceShare), f.vector(name, "share")) < 1e-10)
        #expect(relativeError(d.cycles.map(\.period), f.vector(name, "period")) < 1e-15)
        #expect(Double(d.fisherM) == f.number(name, "m"))
        #expect(abs(d.fisherG - f.number(name, "g")) < 1e-12)
        #expect(abs(d.fisherPValue - f.number(name, "p")) <= 1e-9 * f.number(name, "p") + 1e-15)
    }

    @Test("closed forms: p(g = 1/m) = 1, p = m(1 − g)^{m−1} for g > 1/2, p(g = 1) = 0")
    func closedForms() throws {
        for m in [2, 5, 40, 250] {
            #expect(abs(try FisherG.pValue(g: 1 / Double(m), m: m) - 1) < 1e-9)
            let g = 0.6
            let expected = Double(m) * pow(1 - g, Double(m - 1))
            #expect(abs(try FisherG.pValue(g: g, m: m) - expected) <= 1e-13 * expected)
            #expect(try FisherG.pValue(g: 1, m: m) == 0)
        }
    }

    @Test("a planted sine is found and significant; white noise is not")
    func plantedSine() throws {
        var rng = SplitMix64(seed: 11)
        let noise = (0..<600).map { _ in StandardNormal.quantile(rng.nextOpenUnit()) }
        let sine = noise.enumerated().map { $1 + 0.8 * sin(2 * Double.pi * Double($0) / 30) }
        let d = try DominantCycles(sine, count: 2)
        #expect(d.cycles[0].period == 30)
        #expect(d.fisherPValue < 1e-8)
        #expect(try DominantCycles(noise).fisherPValue > 0.01)
    }

    @Test("bad input: NaN, too few points, no variation, bad count or fs")
    func badInput() {
        code(.nonFinite) { _ = try Periodogram([1, 2, .nan, 4]) }
        code(.insufficientData) { _ = try Periodogram([1]) }
        code(.invalidArgument) { _ = try Periodogram([1, 2, 3], samplingFrequency: 0) }
        code(.insufficientData) { _ = try DominantCycles([1, 2, 3, 4]) }
        code(.invalidArgument) { _ = try DominantCycles([1, 2, 3, 4, 5, 6], count: 0) }
        code(.invalidArgument) { _ = try DominantCycles([Double](repeating: 3, count: 20)) }
        code(.invalidArgument) { _ = try FisherG.pValue(g: 1.5, m: 10) }
        code(.invalidArgument) { _ = try FisherG.pValue(g: 0.5, m: 1) }
    }

    @Test("one plan per length, shared, and repeated transforms are bit-identical")
    func planReuse() {
        #expect(RealFFT.plan(count: 97) === RealFFT.plan(count: 97))
        let x = (0..<97).map { sin(Double($0) * 0.3) }
        let a = RealFFT.plan(count: 97).forward(x), b = RealFFT.plan(count: 97).forward(x)
        #expect(a.map(\.re) == b.map(\.re) && a.map(\.im) == b.map(\.im))
    }
}

extension PeriodogramTests {
    /// Plans made from many tasks at once (the planner lock) give the same spectra as made alone.
    @Test("concurrent planning and execution agree with serial")
    func concurrent() async throws {
        // Lengths no other test uses, so the plans are made here, from the tasks, first.
        let lengths = Array(1301..<1341)
        let parallel = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
            for (i, n) in lengths.enumerated() {
                group.addTask { (i, try Periodogram((0..<n).map { cos(Double($0 * $0) * 0.01) }).power) }
            }
            var out = [[Double]](repeating: [], count: lengths.count)
            for try await (i, p) in group { out[i] = p }
            return out
        }
        let serial = try lengths.map { n in try Periodogram((0..<n).map { cos(Double($0 * $0) * 0.01) }).power }
        #expect(parallel == serial)
    }
}

/// Lomb-Scargle against scipy.signal.lombscargle (SciPy 1.17).
@Suite("Cycles: Lomb-Scargle")
struct LombScargleTests {
    let f = RegimeFixture.cycles

    /// 1e-9 relative to the largest ordinate: the same sums in a different order; cos/sin of
    /// ω·t up to ~600 rad lose ~1e-14 each.
    @Test("matches scipy.signal.lombscargle", arguments: ["sp500", "sine"])
    func matches(data: String) throws {
        let input = "lombscargle_\(data)_input"
        let t = f.vector(input, "t"), y = f.vector(input, "y"), w = f.vector(input, "w")
        #expect(!t.isEmpty)
        let options: [(String, Bool, Bool, LombScargle.Normalization)] = [
            ("plain", false, false, .power), ("precenter", true, false, .power), ("normalize", false, false, .normalize),
            ("floating", false, true, .power), ("floating_normalize", false, true, .normalize),
        ]
        for (label, pre, floating, norm) in options {
            let p = try LombScargle.power(times: t, values: y, angularFrequencies: w, precenter: pre,
                                          floatingMean: floating, normalization: norm)
            #expect(relativeError(p, f.vector("lombscargle_\(data)_\(label)", "power")) < 1e-9, "\(label)")
        }
    }

    /// The fixture's S&P 500 input rebuilt here from Samples through BarbellData: the trading-day
    /// times as calendar days and the returns, so the real-data path is the one tested.
    @Test("S&P 500 trading days from Samples give scipy's answer")
    func fromSamples() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/arch_sp500.csv.gz")
        let loaded = try MarketFile.loadBars(url.path)[0]
        let close = loaded.adjClose!, stamps = loaded.series.timestamps
        let returns = (1..<close.count).map { 100 * (close[$0] / close[$0 - 1] - 1) }
        let last = Array(returns.suffix(400)), times = Array(stamps.suffix(400))
        let input = "lombscargle_sp500_input"
        #expect(LombScargle.days(since: times) == f.vector(input, "t"))
        #expect(relativeError(last, f.vector(input, "y")) < 1e-13)
        let p = try LombScargle.power(timestamps: times, values: last,
                                      cyclesPerDay: f.vector(input, "w").map { $0 / (2 * Double.pi) })
        #expect(relativeError(p, f.vector("lombscargle_sp500_plain", "power")) < 1e-9)
        var shuffled = times
        shuffled.swapAt(10, 11)
        code(.invalidArgument) { _ = try LombScargle.power(timestamps: shuffled, values: last, cyclesPerDay: [0.1]) }
    }

    @Test("bad input: non-increasing times, NaN, length mismatch, no frequencies")
    func badInput() {
        code(.invalidArgument) { _ = try LombScargle.power(times: [0, 1, 1, 2], values: [1, 2, 3, 4], angularFrequencies: [1]) }
        code(.invalidArgument) { _ = try LombScargle.power(times: [0, 2, 1], values: [1, 2, 3], angularFrequencies: [1]) }
        code(.nonFinite) { _ = try LombScargle.power(times: [0, 1, 2], values: [1, .nan, 3], angularFrequencies: [1]) }
        code(.shapeMismatch) { _ = try LombScargle.power(times: [0, 1], values: [1, 2, 3], angularFrequencies: [1]) }
        code(.insufficientData) { _ = try LombScargle.power(times: [0, 1], values: [1, 2], angularFrequencies: []) }
    }
}

/// STL against statsmodels.tsa.seasonal.STL (0.15) on the same input.
@Suite("Cycles: STL")
struct STLTests {
    let f = RegimeFixture.cycles

    /// 1e-6 absolute (the issue's bar; the data are log prices of order 1–10): a line-by-line port,
    /// so the two agree to ~1e-12 unless a robustness weight sits exactly on a cut-off.
    @Test("matches statsmodels STL", arguments: [
        ("weekly", "default"), ("weekly", "robust"), ("monthly", "default"), ("monthly", "robust"),
        ("monthly", "windows"), ("monthly", "jumps"), ("synthetic", "default"), ("synthetic", "robust"),
        ("synthetic", "windows"), ("synthetic", "jumps"),
    ])
    func matches(data: String, variant: String) throws {
        let y = f.vector("stl_\(data)_input", "y"), period = Int(f.number("stl_\(data)_input", "period"))
        #expect(!y.isEmpty)
        let stl: STL
        switch variant {
        case "robust": stl = try STL(period: period, robust: true)
        case "windows": stl = try STL(period: period, seasonal: 13, trend: 25, lowPass: 15, seasonalDegree: 0,
                                      trendDegree: 1, lowPassDegree: 0)
        case "jumps": stl = try STL(period: period, seasonal: 11, seasonalJump: 2, trendJump: 3, lowPassJump: 2,
                                    robust: true)
        default: stl = try STL(period: period)
        }
        let r = try stl.fit(y)
        let name = "stl_\(data)_\(variant)"
        for (got, key) in [(r.trend, "trend"), (r.seasonal, "seasonal"), (r.resid, "resid")] {
            let ref = f.vector(name, key)
            #expect(ref.count == y.count, "\(name) \(key)")
            #expect(zip(got, ref).map { abs($0 - $1) }.max() ?? 1 < 1e-6, "\(name) \(key)")
        }
        if stl.robust {
            let ref = f.vector(name, "weights")
            #expect(zip(r.weights, ref).map { abs($0 - $1) }.max() ?? 1 < 1e-6, "\(name) weights")
        } else {
            #expect(r.weights.allSatisfy { $0 == 1 })
        }
    }

    @Test("components add back to the series; the robust fit down-weights the planted outliers")
    func identities() throws {
        let y = f.vector("stl_synthetic_input", "y")
        let r = try STL(period: 12, robust: true).fit(y)
        for i in y.indices { #expect(abs(r.trend[i] + r.seasonal[i] + r.resid[i] - y[i]) < 1e-12) }
        #expect(r.weights[30] < 0.5 && r.weights[95] < 0.5 && r.weights[170] < 0.5)
    }

    @Test("defaults as statsmodels: trend window and low-pass window")
    func defaults() throws {
        let s = try STL(period: 12)
        #expect(s.trend == 23 && s.lowPass == 13)
        let w = try STL(period: 52, seasonal: 7)
        #expect(w.trend == 101 && w.lowPass == 53)
    }

    @Test("bad input: windows not odd ≥ 3, too short, NaN, bad degrees and jumps")
    func badInput() {
        code(.invalidArgument) { _ = try STL(period: 1) }
        code(.invalidArgument) { _ = try STL(period: 12, seasonal: 8) }
        code(.invalidArgument) { _ = try STL(period: 12, seasonal: 1) }
        code(.invalidArgument) { _ = try STL(period: 12, trend: 11) }
        code(.invalidArgument) { _ = try STL(period: 12, trend: 24) }
        code(.invalidArgument) { _ = try STL(period: 12, lowPass: 12) }
        code(.invalidArgument) { _ = try STL(period: 12, trendDegree: 2) }
        code(.invalidArgument) { _ = try STL(period: 12, seasonalJump: 0) }
        code(.insufficientData) { _ = try STL(period: 12).fit([Double](repeating: 1, count: 23)) }
        code(.nonFinite) { _ = try STL(period: 4).fit([1, 2, 3, 4, 5, .nan, 7, 8, 9]) }
        code(.invalidArgument) { _ = try STL(period: 4).fit((0..<12).map(Double.init), innerIterations: 0) }
    }
}
