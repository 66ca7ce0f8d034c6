import BarbellData
import BarbellFeatures

/// What `features compute` prints: the set's hash and, per column, how many values are defined
/// and the latest value (first symbol), with mean and std over the defined values.
struct FeatureSummary: Encodable {
    struct Column: Encodable {
        var name: String
        var defined: Int
        var last: Double
        var mean: Double
        var std: Double
    }
    var featureSet: String
    var contentHash: String
    var symbols: [String]
    var rows: Int
    var columns: [Column]

    init(set: FeatureSet, series: [BarSeries], frames: [FeatureFrame]) throws {
        featureSet = set.name
        do { contentHash = try set.contentHash() } catch { throw CommandFailure(message: error.message) }
        symbols = series.map(\.symbol.description)
        rows = frames.map(\.count).reduce(0, +)
        columns = []
        guard let frame = frames.first else { return }
        for (name, c) in zip(frame.names, frame.columns) {
            let values = c.filter { !$0.isNaN }
            let mean = values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count)
            let variance = values.count < 2 ? Double.nan : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            columns.append(Column(name: name, defined: values.count, last: c.last ?? .nan, mean: mean, std: variance.squareRoot()))
        }
    }

    func render(limit: Int = 40) -> String {
        var out = "feature set '\(featureSet)' sha256 \(contentHash.prefix(16))…: \(columns.count) columns, \(rows) rows, \(symbols.count) symbol(s)\n"
        var table = TextTable(["feature", "defined", "last", "mean", "std"], rightAligned: [1, 2, 3, 4])
        for c in columns.prefix(limit) {
            table.add([c.name, String(c.defined), formatNumber(c.last), formatNumber(c.mean), formatNumber(c.std)])
        }
        out += table.render()
        if columns.count > limit { out += "\n… \(columns.count - limit) more columns; use --json or --out." }
        return out
    }
}
