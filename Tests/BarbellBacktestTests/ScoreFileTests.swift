import BarbellData
import BarbellLearning
import Foundation
import Testing
@testable import BarbellBacktest

/// `ScoreFile.parse` (the scores CSV) and `ScoreMatrix(predictions:grid:source:)` (their alignment
/// with the prices): malformed files and misaligned scores are refused with the line or the score.
@Suite struct ScoreFileTests {
    static let jan2 = RunnerTestSupport.day("2014-01-02")
    static let jan3 = RunnerTestSupport.day("2014-01-03")

    @Test func headerInAnyOrderWithDateAlias() throws {
        let a = try ScoreFile.parse("score,date,symbol\n0.5,2014-01-02,AAPL\n-1.25,2014-01-03,MSFT\n", source: "s.csv")
        let b = try ScoreFile.parse("Symbol, Timestamp ,Score\nAAPL,2014-01-02,0.5\nMSFT,2014-01-03,-1.25", source: "s.csv")
        let expected = [BarPrediction(symbol: "AAPL", timestamp: Self.jan2, score: 0.5),
                        BarPrediction(symbol: "MSFT", timestamp: Self.jan3, score: -1.25)]
        // The other names the header may use: ticker, time, prediction or signal.
        let c = try ScoreFile.parse("prediction,ticker,time\n0.5,AAPL,2014-01-02\n-1.25,MSFT,2014-01-03", source: "s.csv")
        let d = try ScoreFile.parse("time,signal,ticker\n2014-01-02,0.5,AAPL\n2014-01-03,-1.25,MSFT", source: "s.csv")
        #expect(a == expected)
        #expect(b == expected)
        #expect(c == expected)
        #expect(d == expected)
    }

    @Test func crlfLineEndingsAndBlankLines() throws {
        let scores = try ScoreFile.parse("symbol,timestamp,score\r\nAAPL,2014-01-02,1.5\r\n\r\nMSFT,2014-01-02,2\r\n\r\n", source: "s.csv")
        #expect(scores == [BarPrediction(symbol: "AAPL", timestamp: Self.jan2, score: 1.5),
                           BarPrediction(symbol: "MSFT", timestamp: Self.jan2, score: 2)])
    }

    @Test func fieldsAreTrimmedLikeTheHeader() throws {
        let scores = try ScoreFile.parse("model, symbol, date, score\nridge, AAPL, 2014-01-02, 0.5\n", source: "s.csv", model: "ridge")
        #expect(scores == [BarPrediction(symbol: "AAPL", timestamp: Self.jan2, score: 0.5)])
    }

    @Test func emptyScoreIsNaN() throws {
        let scores = try ScoreFile.parse("symbol,timestamp,score\nAAPL,2014-01-02,\nMSFT,2014-01-02,3", source: "s.csv")
        #expect(scores.count == 2)
        #expect(scores[0].score.isNaN)
        #expect(scores[1].score == 3)
    }

    static let twoModels = """
        model,symbol,timestamp,fold,score,label
        ridge,AAPL,2014-01-02,0,0.1,0.01
        xgb,AAPL,2014-01-02,0,0.7,0.01
        ridge,MSFT,2014-01-03,0,-0.2,0.02
        xgb,MSFT,2014-01-03,0,0.9,0.02
        """

    @Test func modelColumnFiltersRows() throws {
        let ridge = try ScoreFile.parse(Self.twoModels, source: "p.csv", model: "ridge")
        #expect(ridge == [BarPrediction(symbol: "AAPL", timestamp: Self.jan2, score: 0.1),
                          BarPrediction(symbol: "MSFT", timestamp: Self.jan3, score: -0.2)])
        let xgb = try ScoreFile.parse(Self.twoModels, source: "p.csv", model: "xgb")
        #expect(xgb.map(\.score) == [0.7, 0.9])
        // One model in the file needs no selection.
        let single = Self.twoModels.split(separator: "\n").filter { !$0.hasPrefix("xgb") }.joined(separator: "\n")
        #expect(try ScoreFile.parse(single, source: "p.csv").map(\.score) == [0.1, -0.2])
    }

    @Test func readsAFile() throws {
        let folder = try RunnerTestSupport.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.csv").path
        try "symbol,timestamp,score\nAAPL,2014-01-02,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ScoreFile.read(path: path) == [BarPrediction(symbol: "AAPL", timestamp: Self.jan2, score: 4)])
        expectBacktestError(.malformedInput, [folder.appendingPathComponent("nothing.csv").path, "cannot read"]) {
            _ = try ScoreFile.read(path: folder.appendingPathComponent("nothing.csv").path)
        }
    }

    /// (file text, model, code, fragments of the message)
    static let malformed: [(String, String?, BacktestError.Code, [String])] = [
        ("", nil, .insufficientData, ["s.csv", "empty file"]),
        ("\n\n", nil, .insufficientData, ["s.csv", "empty file"]),
        ("symbol,timestamp,value\nAAPL,2014-01-02,1", nil, .malformedInput, ["line 1", "expected symbol, timestamp (or date) and score"]),
        ("timestamp,score\n2014-01-02,1", nil, .malformedInput, ["line 1", "lacks a column"]),
        ("symbol,score\nAAPL,1", nil, .malformedInput, ["line 1", "lacks a column"]),
        ("symbol,timestamp,score\nAAPL,2014-01-02,1\nAAPL,2014-01-03\n", nil, .malformedInput, ["s.csv: line 3", "2 fields", "header has 3"]),
        ("symbol,timestamp,score\nAAPL,2014-01-02,1,9\n", nil, .malformedInput, ["line 2", "4 fields"]),
        ("symbol,timestamp,score\nAAPL,2014-01-02,1\nAAPL,yesterday,2\n", nil, .malformedInput, ["line 3", "field timestamp", "yesterday"]),
        ("symbol,date,score\nAAPL,2014-13-45,2\n", nil, .malformedInput, ["line 2", "field date", "2014-13-45"]),
        ("symbol,timestamp,score\nAAPL,2014-01-02,1\nMSFT,2014-01-02,high\n", nil, .malformedInput, ["line 3", "field score", "high is not a number"]),
        (twoModels, nil, .invalidArgument, ["2 models", "ridge, xgb", "name one"]),
        (twoModels, "lasso", .invalidArgument, ["no scores of model lasso", "ridge, xgb"]),
        ("symbol,timestamp,score\n", nil, .insufficientData, ["s.csv", "no score rows"]),
    ]

    @Test(arguments: malformed.indices)
    func malformedFilesAreRefused(_ i: Int) {
        let (text, model, code, fragments) = Self.malformed[i]
        expectBacktestError(code, fragments) { _ = try ScoreFile.parse(text, source: "s.csv", model: model) }
    }

    // MARK: alignment with the prices

    static func grid() throws -> PriceGrid {
        try EngineFixture.randomGrid(symbols: 3, bars: 6, seed: 4)
    }

    @Test func scoresAlignWithTheGrid() throws {
        let grid = try Self.grid()
        let predictions = [BarPrediction(symbol: "S2", timestamp: EngineFixture.day(4), score: 0.25),
                           BarPrediction(symbol: "S0", timestamp: EngineFixture.day(0), score: -1),
                           BarPrediction(symbol: "S1", timestamp: EngineFixture.day(5), score: .nan)]
        let matrix = try ScoreMatrix(predictions: predictions, grid: grid, source: "s.csv")
        let n = Double.nan
        let expected: [[Double]] = [[-1, n, n, n, n, n], [n, n, n, n, n, n], [n, n, n, n, 0.25, n]]
        #expect(RunnerTestSupport.same(matrix.values, expected))
        #expect(matrix.count == 2)
    }

    @Test func unknownSymbolIsNamed() throws {
        let grid = try Self.grid()
        expectBacktestError(.malformedInput, ["s.csv", "unknown symbol ZZZ", "S0, S1, S2"]) {
            _ = try ScoreMatrix(predictions: [BarPrediction(symbol: "ZZZ", timestamp: EngineFixture.day(1), score: 1)],
                                grid: grid, source: "s.csv")
        }
    }

    @Test func timestampWithoutABarIsNamed() throws {
        let grid = try Self.grid()
        let stray = EngineFixture.day(2) + 3_600 * 1_000_000_000
        expectBacktestError(.malformedInput, ["s.csv", "S1 at \(stray)", "has no bar"]) {
            _ = try ScoreMatrix(predictions: [BarPrediction(symbol: "S1", timestamp: EngineFixture.day(1), score: 1),
                                              BarPrediction(symbol: "S1", timestamp: stray, score: 1)],
                                grid: grid, source: "s.csv")
        }
    }

    @Test func secondScoreForABarIsRefused() throws {
        let grid = try Self.grid()
        expectBacktestError(.malformedInput, ["s.csv", "two scores for S2 at \(EngineFixture.day(3))"]) {
            _ = try ScoreMatrix(predictions: [BarPrediction(symbol: "S2", timestamp: EngineFixture.day(3), score: .nan),
                                              BarPrediction(symbol: "S1", timestamp: EngineFixture.day(3), score: 1),
                                              BarPrediction(symbol: "S2", timestamp: EngineFixture.day(3), score: 2)],
                                grid: grid, source: "s.csv")
        }
    }

    @Test(arguments: [Double.infinity, -Double.infinity])
    func infiniteScoreIsRefused(_ score: Double) throws {
        let grid = try Self.grid()
        expectBacktestError(.nonFinite, ["s.csv", "S0", "\(score)", "finite"]) {
            _ = try ScoreMatrix(predictions: [BarPrediction(symbol: "S0", timestamp: EngineFixture.day(3), score: score)],
                                grid: grid, source: "s.csv")
        }
    }
}
