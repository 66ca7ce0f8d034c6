import BarbellData
@testable import BarbellBacktest

/// Small hand-made markets and scripted strategies for the engine tests.
enum EngineFixture {
    static func day(_ i: Int) -> Timestamp { Timestamp(seconds: 1_600_000_000 + Int64(i) * 86_400) }

    /// One symbol with the given (open, high, low, close) bars and volume 1e6.
    static func grid(_ bars: [(Double, Double, Double, Double)], volume: Double = 1_000_000,
                     symbol: String = "AAA") throws -> PriceGrid {
        try PriceGrid(symbols: [symbol], timestamps: bars.indices.map(day),
                      open: [bars.map(\.0)], high: [bars.map(\.1)], low: [bars.map(\.2)], close: [bars.map(\.3)],
                      volume: [bars.map { _ in volume }])
    }

    /// A seeded random-walk market of `symbols` symbols, with some absent bars when `gaps`.
    static func randomGrid(symbols: Int, bars: Int, seed: UInt64, gaps: Bool = false) throws -> PriceGrid {
        var rng = SplitMix64(seed: seed)
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        var o = [[Double]](), h = [[Double]](), l = [[Double]](), c = [[Double]](), v = [[Double]]()
        for _ in 0..<symbols {
            var prev = 50 + 100 * u()
            var os = [Double](), hs = [Double](), ls = [Double](), cs = [Double](), vs = [Double]()
            for _ in 0..<bars {
                let open = prev * (1 + (u() - 0.5) * 0.01)
                let close = open * (1 + (u() - 0.5) * 0.04)
                let high = max(open, close) * (1 + u() * 0.01)
                let low = min(open, close) * (1 - u() * 0.01)
                let volume = 1_000 + 9_000 * u()
                if gaps && u() < 0.05 {
                    os.append(.nan); hs.append(.nan); ls.append(.nan); cs.append(.nan); vs.append(.nan)
                    continue
                }
                os.append(open); hs.append(high); ls.append(low); cs.append(close); vs.append(volume)
                prev = close
            }
            o.append(os); h.append(hs); l.append(ls); c.append(cs); v.append(vs)
        }
        return try PriceGrid(symbols: (0..<symbols).map { "S\($0)" }, timestamps: (0..<bars).map(day),
                             open: o, high: h, low: l, close: c, volume: v)
    }
}

/// Submits scripted orders at given bars and records what it saw.
struct ScriptedStrategy: Strategy {
    var script: [Int: [OrderRequest]]
    var ids: [Int] = []
    var fillsSeen: [Fill] = []
    var equitySeen: [Double] = []
    var cancelAt: [Int: Int] = [:]

    init(_ script: [Int: [OrderRequest]]) { self.script = script }

    mutating func onBar(_ context: inout StrategyContext) {
        equitySeen.append(context.equity)
        if let index = cancelAt[context.bar] { context.cancel(ids[index]) }
        for request in script[context.bar] ?? [] { ids.append(context.submit(request)) }
    }

    mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) { fillsSeen.append(fill) }
}
