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

    static func load(_ name: String) throws -> TALibFixture {
        let table = try FixtureTable.load("talib/\(name).tsv.gz", inputs: Set(inputNames))
        return TALibFixture(name: name, count: table.input.count, input: table.input, expected: table.expected)
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
