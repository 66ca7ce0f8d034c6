import BarbellData
import BarbellLearning
import Foundation
import Testing
@testable import BarbellBacktest

/// Shared pieces of the configuration, score and runner tests: the bundled samples, scratch
/// folders, and error and NaN-aware comparisons.
enum RunnerTestSupport {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static var sp500: String { samples.appendingPathComponent("arch_sp500.csv.gz").path }
    static var quandl: String { samples.appendingPathComponent("zipline_quandl_sample_table.csv").path }
    static var skfolio: String { samples.appendingPathComponent("skfolio_sp500_dataset.csv.gz").path }

    /// A fresh folder under the temporary directory; the caller removes it.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runner-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The bars of `path`, optionally cut to `[from, to)` (ISO dates).
    static func panel(_ path: String, from: String? = nil, to: String? = nil) throws -> [BarSeries] {
        try MarketFile.loadBars(path).map { loaded in
            loaded.series.slice(from: from.map(day), to: to.map(day))
        }
    }

    /// Midnight UTC of an ISO date `YYYY-MM-DD`.
    static func day(_ iso: String) -> Timestamp {
        let p = iso.split(separator: "-").map { Int($0)! }
        var c = DateComponents()
        c.calendar = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")
        (c.year, c.month, c.day) = (p[0], p[1], p[2])
        return Timestamp(seconds: Int64(c.date!.timeIntervalSince1970))
    }

    /// Scores as the CSV `barbell experiment run --predictions` writes (the score printed with
    /// Swift's shortest round-trip form, so reading it back gives the same Double).
    static func csv(_ predictions: [BarPrediction]) -> String {
        var text = "symbol,timestamp,score\n"
        for p in predictions { text += "\(p.symbol),\(p.timestamp.display),\(p.score)\n" }
        return text
    }

    /// NaN-aware equality of target or score matrices (NaN equals NaN, bit for bit otherwise).
    static func same(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.count == y.count && zip(x, y).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }
        }
    }
}

/// Expects `body` to throw a ``BacktestError`` (with `code`, when given) whose message contains
/// every fragment: errors must name the field or row and what was expected.
func expectBacktestError(_ code: BacktestError.Code? = nil, _ fragments: [String],
                         sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a BacktestError containing \(fragments); nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as BacktestError {
        if let code { #expect(error.code == code, "\(error)", sourceLocation: sourceLocation) }
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\(error.message) lacks \(fragment)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a BacktestError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
}
