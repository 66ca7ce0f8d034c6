import BarbellFeatures
import Testing

@Suite("Feature frames")
struct FeatureFrameTests {
    /// 10 rows stay on the allocator; 300,000 rows × 2 columns (4.8 MB) take the mapped,
    /// huge-page-advised path.
    @Test("columns read back what was stored", arguments: [10, 300_000])
    func roundTrip(rows: Int) {
        let a = (0..<rows).map { Double($0) * 0.5 }, b = (0..<rows).map { -Double($0) - 0.25 }
        let frame = FeatureFrame(count: rows, names: ["a", "b"], columns: [a, b])
        #expect(frame.count == rows)
        #expect(Array(frame.columns[0]) == a)
        #expect(Array(frame["b"]!) == b)
        #expect(frame["c"] == nil)
        #expect(frame.column(1).withUnsafeBufferPointer { Array($0) } == b)
        #expect(frame.columns[1][rows - 1] == b[rows - 1])
    }

    @Test("an empty frame has no rows and no columns")
    func empty() {
        let frame = FeatureFrame(count: 0)
        #expect(frame.columns.isEmpty)
        #expect(frame.names.isEmpty)
    }

    /// The computer writes fused Alpha158 columns and ordinary kernels into one block; each
    /// column must equal that feature computed on its own.
    @Test("a computed frame equals each feature computed alone", arguments: [300, 70_000])
    func computedColumns(bars: Int) throws {
        let set = try FeatureSet(name: "mixed", list: "KMID,RSI(timeperiod=14),ROC5,CORR20,MACD,RANK60")
        let input = syntheticInput(count: bars, seed: 11, nanGaps: true)
        let frame = try FeatureComputer(set).compute(input)
        var j = 0
        for feature in try set.resolve() {
            for column in try feature.compute(input) {
                let computed = Array(frame.column(j))
                #expect(computed.count == column.count)
                #expect(zip(computed, column).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
                        "\(frame.names[j])")
                j += 1
            }
        }
        #expect(j == frame.names.count)
    }
}
