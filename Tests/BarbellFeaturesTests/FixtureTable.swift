import BarbellData
import BarbellFeatures
import Foundation

/// A fixture written by one of the generator scripts under Tests/Fixtures: a gzip TSV whose
/// header names input columns (`open`, `close`, ...) and expected output columns.
struct FixtureTable {
    let input: FeatureInput
    let expected: [(name: String, values: [Double])]

    /// Reads `Tests/Fixtures/<relativePath>`; columns named in `inputs` become the feature input,
    /// the others are expected values. `nan` (or anything not a number) reads as NaN.
    static func load(_ relativePath: String, inputs: Set<String>) throws -> FixtureTable {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(relativePath)").path
        var header: [String] = []
        var columns: [[Double]] = []
        try LineReader(path: path).forEachLine { bytes, _ in
            let line = String(decoding: bytes, as: UTF8.self)
            if line.isEmpty { return true }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if header.isEmpty {
                header = fields.map(String.init)
                columns = Array(repeating: [], count: header.count)
            } else {
                for (i, f) in fields.enumerated() { columns[i].append(Double(f) ?? .nan) }
            }
            return true
        }
        var input = FeatureInput(count: columns.first?.count ?? 0)
        for (i, name) in header.enumerated() where inputs.contains(name) {
            try input.set(InputField(name), columns[i])
        }
        let expected = header.indices.filter { !inputs.contains(header[$0]) }.map { (header[$0], columns[$0]) }
        return FixtureTable(input: input, expected: expected)
    }
}
