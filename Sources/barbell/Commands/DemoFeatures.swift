import BarbellData
import BarbellFeatures
import Foundation

/// Step 6 of `barbell demo`: a mixed feature set over the S&P 500 history, the latest values,
/// and proof that streaming the last year bar by bar reproduces the batch numbers exactly.
enum DemoFeatures {
    /// Specs shown in the demo, across the families.
    static let specs = [
        "RSI(timeperiod=14)", "MACD(fastperiod=12,slowperiod=26,signalperiod=9)", "BBANDS(timeperiod=20,nbdevup=2,nbdevdn=2,matype=0)",
        "ATR(timeperiod=14)", "ADX(timeperiod=14)", "HT_DCPERIOD", "CDLENGULFING", "CDLDOJI",
        "VOL_YZ", "VAR_HIST", "CVAR_HIST", "HURST_RS", "MAX_DRAWDOWN", "KMID", "ROC20", "CORR20",
    ]

    static func summary(_ series: BarSeries) throws -> String {
        let catalog = FeatureCatalog.standard
        let set = try FeatureSet(name: "demo", list: specs.joined(separator: ","))
        let input = FeatureInput(series)
        let frame = try FeatureComputer(set).compute(input)

        // Stream the whole history bar by bar and compare the last year with batch, bit for bit
        // (the contract the catalogue-wide tests enforce).
        var stream = try StreamingFeatureSet(set)
        let columns = stream.fields.map { input[$0] ?? [Double](repeating: .nan, count: input.count) }
        var notBitIdentical = Set<String>()
        var row = [Double](repeating: 0, count: columns.count)
        let checkFrom = max(0, input.count - 252)
        let batch = frame.columns
        for t in 0..<input.count {
            for j in columns.indices { row[j] = columns[j][t] }
            let out = stream.update(row)
            guard t >= checkFrom else { continue }
            for c in out.indices {
                let a = out[c], b = batch[c][t]
                if a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) { continue }
                notBitIdentical.insert(frame.names[c])
            }
        }

        var text = "6. Features: \(frame.names.count) columns over \(series.count) SPX daily bars (feature set sha256 \(try set.contentHash().prefix(12))…), latest values\n"
        var table = TextTable(["feature", "latest", "defined"], rightAligned: [1, 2])
        for (name, column) in zip(frame.names, frame.columns) {
            table.add([name, formatNumber(column.last ?? .nan), String(column.filter { !$0.isNaN }.count)])
        }
        text += table.render()
        let verdict = notBitIdentical.isEmpty
            ? "bit-identical to batch in every column"
            : "DIFFERENT from batch in \(notBitIdentical.sorted().joined(separator: ", "))"
        text += "\nStreaming the same set bar by bar over the last \(input.count - checkFrom) bars: \(verdict). Catalogue: \(catalog.descriptors.count) features."
        return text
    }
}
