/// Input columns for batch computation: equal-length `Double` columns keyed by field.
///
/// Built from a `BarSeries` (`FeatureInput(series)`) or directly for tests and panels. Missing
/// optional fields are an error only when a requested feature reads them.
public struct FeatureInput: Sendable {
    public let count: Int
    public private(set) var columns: [InputField: [Double]]

    public init(count: Int, columns: [InputField: [Double]] = [:]) {
        self.count = count
        self.columns = columns
    }

    /// OHLCV columns; every array must have the same length.
    public init(open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]) throws(FeatureError) {
        self.init(count: close.count)
        for (field, column) in [(InputField.open, open), (.high, high), (.low, low), (.close, close), (.volume, volume)] {
            try set(field, column)
        }
    }

    /// Adds or replaces a column, which must have ``count`` values.
    public mutating func set(_ field: InputField, _ column: [Double]) throws(FeatureError) {
        guard column.count == count else {
            throw FeatureError(.mismatchedInputs, "input '\(field)' has \(column.count) values; the series has \(count)")
        }
        columns[field] = column
    }

    public subscript(field: InputField) -> [Double]? { columns[field] }

    /// The column or an error naming the feature that needs it.
    func require(_ field: InputField, for feature: String) throws(FeatureError) -> [Double] {
        guard let column = columns[field] else {
            let have = columns.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw FeatureError(.missingInput, "\(feature) needs input '\(field)'; the series has \(have)")
        }
        return column
    }
}
