import BarbellData
import BarbellLearning
import Foundation

/// Reads scores from a CSV with a header naming `symbol`, `timestamp` (or `date`) and `score`
/// columns, in any order, plus an optional `model` column: the layout `barbell experiment run
/// --predictions` writes.
public enum ScoreFile {
    /// - Parameter model: keep only rows of this model (required when the file holds several).
    /// - Throws: ``BacktestError`` naming the file, line and field of the first malformed row.
    public static func read(path: String, model: String? = nil) throws(BacktestError) -> [BarPrediction] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BacktestError(.malformedInput, "\(path): cannot read the scores (\(error.localizedDescription))")
        }
        return try parse(text, source: path, model: model)
    }

    public static func parse(_ text: String, source: String, model: String? = nil) throws(BacktestError) -> [BarPrediction] {
        // "\r\n" is one Character in Swift, so splitting on "\n" would leave a CRLF file one line
        // long; isNewline matches it (and a lone "\n" or "\r") as one separator.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { throw BacktestError(.insufficientData, "\(source): empty file; expected a header with symbol, timestamp and score") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: String...) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let symbolColumn = column("symbol", "ticker"), let timeColumn = column("timestamp", "date", "time"),
              let scoreColumn = column("score", "prediction", "signal") else {
            throw BacktestError(.malformedInput, "\(source): line 1: header \(header) lacks a column; expected symbol, timestamp (or date) and score")
        }
        let modelColumn = column("model")
        var parser = TimestampParser()
        var out: [BarPrediction] = []
        var models = Set<String>()
        out.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            // Trimmed like the header, so "AAPL, 2014-01-02, 0.5" reads as the names it shows.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == names.count else {
                throw BacktestError(.malformedInput, "\(source): line \(i + 1): \(fields.count) fields; the header has \(names.count)")
            }
            if let modelColumn {
                let name = fields[modelColumn]
                models.insert(name)
                if let model, name != model { continue }
            }
            let time: Int64
            do throws(TimestampParser.Failure) { time = try parser.parse(fields[timeColumn]) } catch {
                throw BacktestError(.malformedInput, "\(source): line \(i + 1), field \(names[timeColumn]): \(fields[timeColumn]) is not \(parser.expectedDescription)")
            }
            let scoreText = fields[scoreColumn]
            guard let score = Double(scoreText) ?? (scoreText.isEmpty ? .nan : nil) else {
                throw BacktestError(.malformedInput, "\(source): line \(i + 1), field \(names[scoreColumn]): \(scoreText) is not a number")
            }
            out.append(BarPrediction(symbol: fields[symbolColumn], timestamp: Timestamp(nanoseconds: time), score: score))
        }
        if model == nil, models.count > 1 {
            throw BacktestError(.invalidArgument, "\(source): scores of \(models.count) models (\(models.sorted().joined(separator: ", "))); name one")
        }
        if let model, !models.isEmpty, !models.contains(model) {
            throw BacktestError(.invalidArgument, "\(source): no scores of model \(model); the file has \(models.sorted().joined(separator: ", "))")
        }
        guard !out.isEmpty else { throw BacktestError(.insufficientData, "\(source): no score rows") }
        return out
    }
}
