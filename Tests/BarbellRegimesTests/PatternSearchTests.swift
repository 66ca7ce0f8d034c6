import BarbellData
import BarbellQuant
@testable import BarbellRegimes
import Foundation
import Testing

extension RegimeFixture {
    /// `patterns.py` (dtaidistance banded DTW, brute-force greedy top-k).
    static let patterns = load("patterns.json")
}

@Suite("Similar-pattern search: z-normalised banded DTW with the UCR pruning cascade")
struct PatternSearchTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    static func sp500() throws -> [Double] {
        let loaded = try MarketFile.loadBars(samples.appendingPathComponent("arch_sp500.csv.gz").path)
        return loaded[0].adjClose ?? loaded[0].series.close
    }

    /// A seeded geometric random walk (SplitMix64, normal steps by inversion).
    static func randomWalk(_ n: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var price = 100.0
        return (0..<n).map { _ in
            price *= exp(0.01 * StandardNormal.sample(using: &generator))
            return price
        }
    }

    @Test("banded DTW equals dtaidistance's (window = radius + 1)")
    func dtwDistances() throws {
        let fixture = RegimeFixture.patterns
        let m = 40, r = 4
        for row in fixture.matrix("pairs", "rows") {
            let q = Array(row[0..<m]), c = Array(row[m..<(2 * m)])
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * (2 * r + 1))
            defer { scratch.deallocate() }
            let cost = BandedDTW.cost(q, c, length: m, radius: r, tail: nil, abandonAbove: .infinity,
                                      previous: scratch, current: scratch + (2 * r + 1))!
            #expect(abs(cost.squareRoot() - row[2 * m]) < 1e-12 * row[2 * m])
        }
    }

    @Test("top matches on the S&P 500 equal dtaidistance's brute force", arguments: ["sp500_w30", "sp500_w60_e15"])
    func againstReference(name: String) throws {
        let fixture = RegimeFixture.patterns
        let prices = try Self.sp500()
        let search = try SimilarPatternSearch(window: Int(fixture.number(name, "window")), radius: Int(fixture.number(name, "radius")),
                                              exclusion: Int(fixture.number(name, "exclusion")), horizon: Int(fixture.number(name, "horizon")))
        let matches = try search.search(prices, top: Int(fixture.number(name, "top")))
        #expect(matches.map { Double($0.start) } == fixture.vector(name, "starts"))
        // Window statistics come from compensated prefix sums here and from NumPy's mean/std
        // there, so normalised values differ in the last bits: distances agree to 1e-9.
        #expect(relativeError(matches.map(\.distance), fixture.vector(name, "distances")) < 1e-9)
        #expect(relativeError(matches.map(\.forwardReturn), fixture.vector(name, "forward")) < 1e-12)
    }

    @Test("the pruned search is bit-identical to the brute force",
          arguments: [(30, 3, 30, 1), (60, 6, 60, 2), (20, 0, 5, 3), (45, 9, 90, 4), (16, 2, 1, 5)])
    func prunedEqualsBruteForce(window: Int, radius: Int, exclusion: Int, seed: UInt64) throws {
        let prices = Self.randomWalk(2500, seed: seed)
        let search = try SimilarPatternSearch(window: window, radius: radius, exclusion: exclusion, horizon: 10)
        for top in [1, 5, 12] {
            let fast = try search.search(prices, top: top)
            let brute = try search.bruteForceSearch(prices, top: top)
            #expect(fast == brute, "window \(window) radius \(radius) exclusion \(exclusion) top \(top)")
            #expect(fast.count == top)
        }
    }

    @Test("ties are broken by the earlier start, as the brute force does")
    func ties() throws {
        // A pure cycle repeats the query exactly every 25 bars: many candidates at distance 0.
        let prices = (0..<1000).map { 100 + 10 * sin(2 * Double.pi * Double($0) / 25) }
        let search = try SimilarPatternSearch(window: 25, radius: 2, exclusion: 25, horizon: 5)
        let fast = try search.search(prices, top: 6), brute = try search.bruteForceSearch(prices, top: 6)
        #expect(fast == brute)
        #expect(fast.allSatisfy { $0.distance < 1e-6 })
    }

    @Test("bad input: NaN, non-positive prices, too short, bad parameters")
    func badInput() throws {
        let search = try SimilarPatternSearch(window: 20, horizon: 5)
        var prices = Self.randomWalk(500, seed: 1)
        prices[17] = .nan
        let nan = #expect(throws: QuantError.self) { try search.search(prices, top: 3) }
        #expect(nan?.code == .nonFinite && nan?.message.contains("price[17]") == true)
        prices[17] = -1
        #expect((#expect(throws: QuantError.self) { try search.search(prices, top: 3) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try search.search(Self.randomWalk(30, seed: 2), top: 3) })?.code == .insufficientData)
        #expect((#expect(throws: QuantError.self) { try search.search(Self.randomWalk(500, seed: 2), top: 0) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try SimilarPatternSearch(window: 3) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try SimilarPatternSearch(window: 20, radius: 25) })?.code == .invalidArgument)
    }
}
