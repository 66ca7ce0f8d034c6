import BarbellData
import BarbellFeatures
import Foundation

/// Writes computed features as CSV: `timestamp[,symbol],<feature columns>`, NaN as an empty
/// field (what pandas and most CSV readers treat as missing), numbers in shortest round-trip form.
enum FeatureCSVWriter {
    static func write(path: String, series: [BarSeries], frames: [FeatureFrame]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure(message: "\(path): cannot create the output file")
        }
        defer { try? handle.close() }
        let multi = series.count > 1
        let names = frames.first?.names ?? []
        var text = (multi ? "timestamp,symbol," : "timestamp,") + names.map(quoted).joined(separator: ",") + "\n"
        for (s, frame) in zip(series, frames) {
            let columns = frame.columns
            for i in 0..<frame.count {
                text += s.timestamps[i].iso8601
                if multi { text += "," + quoted(s.symbol.description) }
                for c in columns {
                    text += ","
                    let v = c[i]
                    if !v.isNaN { text += "\(v)" }
                }
                text += "\n"
                if text.utf8.count > 1 << 20 {
                    handle.write(Data(text.utf8))
                    text = ""
                }
            }
        }
        handle.write(Data(text.utf8))
    }

    /// Column names contain commas (`MACD(fastperiod=12,...)`), so they are quoted.
    static func quoted(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
