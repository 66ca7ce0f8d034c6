@testable import BarbellFeatures
import Testing

@Suite("Non-temporal writes")
struct NonTemporalWriterTests {
    /// Above the threshold the writer streams pairs; every element must still be written once
    /// with its value, whatever the alignment of the first and the parity of the count.
    @Test("every element is written with its value, on both sides of the threshold",
          arguments: [(0, 10), (1, 11), (0, NonTemporalWriter.threshold + 1), (1, NonTemporalWriter.threshold + 2)])
    func writesEveryElement(start: Int, end: Int) {
        let out = UnsafeMutablePointer<Double>.allocate(capacity: end + 1)
        defer { out.deallocate() }
        out.initialize(repeating: -1, count: end + 1)
        NonTemporalWriter.write(out, start..<end, pair: { SIMD2(Double($0), Double($0 + 1)) }, single: { Double($0) })
        #expect((0..<start).allSatisfy { out[$0] == -1 })
        #expect((start..<end).allSatisfy { out[$0] == Double($0) })
        #expect(out[end] == -1)
    }

    /// The kernels that write this way, at a length that takes the streaming path, against their
    /// own streams bar by bar.
    @Test("TRANGE, TYPPRICE and WCLPRICE on 600,001 bars equal their streams bit for bit",
          arguments: ["TRANGE", "TYPPRICE", "WCLPRICE"])
    func kernelsAtLength(name: String) throws {
        let n = 600_001
        let input = syntheticInput(count: n, seed: 5, nanGaps: false)
        let feature = try FeatureCatalog.standard.resolve(FeatureSpec(name))
        let batch = try feature.compute(input)[0]
        var stream = FeatureStreamRunner(feature)
        let columns = feature.descriptor.inputs.map { input[$0]! }
        var row = [Double](repeating: 0, count: columns.count)
        var mismatches = 0
        for t in 0..<n {
            for j in columns.indices { row[j] = columns[j][t] }
            let value = stream.update(row)[0]
            if !(value.bitPattern == batch[t].bitPattern || (value.isNaN && batch[t].isNaN)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
