import BarbellTorch
import Foundation
import Testing

/// Loader for Tests/Fixtures/torch/tensor_ops.json (written by tensor_ops.py).
struct TensorOpsFixture: Decodable {
    struct Matrix: Decodable {
        let shape: [Int]
        let values: [Double]
    }

    let torch_version: String
    let vector: [Double]
    let matrix: Matrix
    let cases: [String: [Double]]

    static func load() throws -> TensorOpsFixture {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch/tensor_ops.json")
        return try JSONDecoder().decode(TensorOpsFixture.self, from: Data(contentsOf: url))
    }

    func expected(_ name: String) throws -> [Double] {
        try #require(cases[name], "fixture case \(name) missing")
    }
}

/// `|a - b| <= tolerance · max(1, |b|)` element-wise, with equal counts.
func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        #expect(
            Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e)),
            "element \(i): \(a) vs \(e)", sourceLocation: sourceLocation)
    }
}
