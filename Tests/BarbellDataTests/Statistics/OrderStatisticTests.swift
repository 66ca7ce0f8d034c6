import Testing
@testable import BarbellData

/// Samples that stress radix selection: wide and narrow ranges, both signs, signed zeros,
/// long runs of one value (one bucket holding most of the data), sizes around the 4096
/// cut-over to quickselect.
private func samples(_ n: Int, seed: UInt64, kind: Int) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in
        let u = rng.nextUniform()
        switch kind {
        case 0: return (u - 0.5) * 1e6
        case 1: return (u - 0.5) * 1e-4                       // small log returns
        case 2: return u < 0.3 ? 0 : (u < 0.35 ? -0.0 : (u - 0.6) * 1e-3)   // many zeros
        case 3: return Double(Int(u * 7)) - 3                // few distinct values
        default: return u < 0.999 ? 42 : u                   // almost all equal
        }
    }
}

private func sortedMedian(_ v: [Double]) -> Double {
    let s = v.sorted()
    let m = s.count / 2
    return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

@Suite("Order statistics")
struct OrderStatisticTests {
    @Test("kth smallest equals the sorted array's element", arguments: [1, 2, 4095, 4097, 20_001, 100_000], [0, 1, 2, 3, 4])
    func kthSmallest(n: Int, kind: Int) {
        let v = samples(n, seed: UInt64(n * 10 + kind), kind: kind)
        let sorted = v.sorted()
        var rng = SplitMix64(seed: 99)
        let ranks = [0, n / 2, n - 1] + (0..<5).map { _ in Int(rng.next() % UInt64(n)) }
        v.withUnsafeBufferPointer { buffer in
            for k in ranks {
                // == rather than bits: -0.0 and 0.0 sort as equals, so either may land at k.
                #expect(OrderStatistic.kthSmallest(buffer, k) == sorted[k], "n \(n) kind \(kind) k \(k)")
            }
        }
    }

    @Test("median and median absolute deviation match sorting", arguments: [5, 6, 5000, 5001, 200_000], [0, 1, 2, 3, 4])
    func medianAndMAD(n: Int, kind: Int) {
        let v = samples(n, seed: UInt64(n + kind), kind: kind)
        let median = sortedMedian(v)
        let mad = sortedMedian(v.map { abs($0 - median) })
        v.withUnsafeBufferPointer { buffer in
            #expect(OrderStatistic.median(buffer) == median)
            #expect(OrderStatistic.median(buffer, deviationFrom: median) == mad)
            #expect(OrderStatistic.medianAbsoluteDeviation(buffer) == mad)
        }
    }

    @Test("select leaves nothing greater before k and nothing smaller after it")
    func select() {
        for kind in 0..<5 {
            var v = samples(30_000, seed: UInt64(kind), kind: kind)
            let sorted = v.sorted()
            for k in [0, 1, 14_999, 29_999] {
                v.withUnsafeMutableBufferPointer { buffer in
                    buffer.select(k)
                    #expect(buffer[k] == sorted[k])
                    #expect(buffer[..<k].allSatisfy { $0 <= buffer[k] })
                    #expect(buffer[(k + 1)...].allSatisfy { $0 >= buffer[k] })
                }
            }
        }
    }
}
