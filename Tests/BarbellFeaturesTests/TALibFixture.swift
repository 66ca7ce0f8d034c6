import BarbellData
import BarbellFeatures
import Foundation

/// One data set written by `Tests/Fixtures/talib/generate.py`: input columns and TA-Lib's output
/// for every function and parameter set, named as Barbell names its columns.
struct TALibFixture {
    let name: String
    let count: Int
    let input: FeatureInput
    /// Column name → TA-Lib's values.
    let expected: [(name: String, values: [Double])]

    static let inputNames: [String] = ["open", "high", "low", "close", "volume", "periods"]
    static let dataSets = ["sp500", "walk", "walk_nan"]

    static func directory() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/talib")
    }

    static func load(_ name: String) throws -> TALibFixture {
        let path = directory().appendingPathComponent("\(name).tsv.gz").path
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
        let count = columns.first?.count ?? 0
        var input = FeatureInput(count: count)
        for (i, name) in header.enumerated() where inputNames.contains(name) {
            try input.set(InputField(name), columns[i])
        }
        let expected = header.indices.filter { !inputNames.contains(header[$0]) }.map { (header[$0], columns[$0]) }
        return TALibFixture(name: name, count: count, input: input, expected: expected)
    }
}

/// Splits `MACD(fastperiod=12,...).macd` into the spec text and the output name.
func splitColumnName(_ column: String) -> (spec: String, output: String?) {
    if let close = column.lastIndex(of: ")") {
        let rest = column[column.index(after: close)...]
        return rest.hasPrefix(".") ? (String(column[...close]), String(rest.dropFirst())) : (column, nil)
    }
    if let dot = column.firstIndex(of: ".") {
        return (String(column[..<dot]), String(column[column.index(after: dot)...]))
    }
    return (column, nil)
}

/// Relative agreement used for TA-Lib parity: |a - b| ≤ 1e-9·max(|a|, |b|) + 1e-11, NaN only
/// where TA-Lib has NaN.
func agrees(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-11) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= relative * max(abs(a), abs(b)) + absolute
}

/// Feature names to restrict a run to, from `BARBELL_FEATURES=RSI,MACD` (unset: all).
func selectedFeatureNames() -> Set<String>? {
    guard let raw = ProcessInfo.processInfo.environment["BARBELL_FEATURES"], !raw.isEmpty else { return nil }
    return Set(raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
}
