import Foundation
import Testing
@testable import BarbellData

@Suite("Validation and repair")
struct ValidationTests {
    /// A small file with one of every error, each on a known line.
    static let broken = """
    Date,Open,High,Low,Close,Volume
    2024-01-02,10,11,9,10.5,100
    2024-01-03,10.5,11,10,10.8,100
    2024-01-03,10.5,11,10,10.8,100
    2024-01-05,10.8,10.0,10,10.9,100
    2024-01-08,10.9,11.5,10.5,,100
    2024-01-09,-1,11.5,-2,11,100
    2024-01-10,11,11.5,10.5,11.2,-5
    2024-01-04,11,11.5,10.5,11.2,5
    """

    @Test("every error is located by line and timestamp")
    func locatesErrors() throws {
        let s = try #require(try BarCSVReader().read(Fixtures.temporaryFile(Self.broken)).first)
        let report = BarValidator().validate(s)
        let byKind = Dictionary(grouping: report.issues, by: \.kind)
        #expect(byKind[.duplicateTimestamp]?.map(\.line) == [4])
        #expect(byKind[.ohlcInconsistent]?.map(\.line) == [5])
        #expect(byKind[.missingValue]?.map(\.line) == [6])
        #expect(byKind[.missingValue]?.first?.field == "close")
        #expect(byKind[.nonPositivePrice]?.map(\.line) == [7, 7])
        #expect(byKind[.negativeVolume]?.map(\.line) == [8])
        #expect(byKind[.timestampNotIncreasing]?.map(\.line) == [9])
        #expect(byKind[.timestampNotIncreasing]?.first?.timestamp == Timestamp(year: 2024, month: 1, day: 4))
        #expect(report.hasErrors)
        #expect(report.firstErrors(3).first?.hasPrefix("line 4 (2024-01-03)") == true)
    }

    @Test("repairs change data only when asked, and report what they changed")
    func repairs() throws {
        let s = try #require(try BarCSVReader().read(Fixtures.temporaryFile(Self.broken)).first)
        let (same, none) = s.repaired([])
        #expect(!none.changedAnything)
        #expect(same.series == s.series)

        let (fixed, log) = s.repaired([.sort, .dropDuplicates, .forwardFill, .dropInvalid])
        #expect(log.reordered > 0)
        #expect(log.duplicatesDropped == 1)
        #expect(log.valuesFilled == 1)          // the missing close on 2024-01-08
        #expect(log.invalidRowsDropped == 3)    // high < open, negative prices, negative volume
        #expect(Set(log.droppedLines) == Set([4, 5, 7, 8]))
        let report = BarValidator().validate(fixed)
        #expect(!report.hasErrors, "\(report.firstErrors(5))")
        #expect(fixed.series.timestamps == [2, 3, 4, 8].map { Timestamp(year: 2024, month: 1, day: $0) })
    }

    @Test("real S&P 500 daily data have no errors; outliers are warnings")
    func realDataClean() throws {
        let s = try #require(try BarCSVReader().read(Fixtures.sample("arch_sp500.csv.gz")).first)
        let report = BarValidator().validate(s)
        #expect(!report.hasErrors, "\(report.firstErrors(5))")
    }

    @Test("return outliers and stale runs are flagged as warnings")
    func outliersAndStale() {
        var s = BarSeries(symbol: "X", timeframe: .oneDay)
        var price = 100.0
        var rng = SeededGenerator(seed: 7)
        for i in 0..<300 {
            let r = Double.random(in: -0.01...0.01, using: &rng)
            if i == 150 { price *= 3 } else if i < 200 || i >= 215 { price *= 1 + r }
            s.append(Bar(timestamp: Timestamp(seconds: Int64(i) * 86_400), open: price, high: price, low: price, close: price, volume: 1))
        }
        let report = BarValidator().validate(s)
        #expect(!report.hasErrors)
        #expect(report.issues.filter { $0.kind == .returnOutlier }.map(\.row) == [150])
        let stale = report.issues.filter { $0.kind == .staleRun }
        #expect(stale.map(\.row) == [199])
    }

    @Test("issue lists are capped but counts stay exact")
    func cappedIssues() {
        var s = BarSeries(symbol: "X", timeframe: .oneDay)
        for i in 0..<50 { s.append(Bar(timestamp: Timestamp(seconds: Int64(i)), open: 1, high: 1, low: 1, close: .nan, volume: 1)) }
        var options = ValidationOptions()
        options.maxIssuesPerKind = 5
        let report = BarValidator(options: options).validate(s)
        #expect(report.issues.count == 5)
        #expect(report.counts["missing-value"] == 50)
    }
}

@Suite("Price adjustment")
struct AdjustmentTests {
    @Test("splits and dividends reproduce Quandl's adjusted prices up to their base factor")
    func quandlAdjustment() throws {
        // Quandl's adj_close is relative to its download date, so later dividends scale all of
        // 2014 by one constant: our adjusted/their adjusted must be constant, volume exact.
        let loaded = try BarCSVReader().read(Fixtures.sample("zipline_quandl_sample_table.csv"))
        let raw = try BarCSVReader(options: {
            var o = BarCSVOptions(); o.columnMapping = ["adj_close": .close, "close": .ignored, "adj_volume": .volume, "volume": .ignored,
                                                        "open": .ignored, "high": .ignored, "low": .ignored]
            return o
        }()).read(Fixtures.sample("zipline_quandl_sample_table.csv"))
        for (s, reference) in zip(loaded, raw) {
            let adjusted = try s.adjusted(by: .all)
            #expect(adjusted.series.adjustment == .all)
            let ratios = zip(adjusted.series.close, reference.series.close).map { $0 / $1 }
            let spread = ratios.max()! / ratios.min()! - 1
            #expect(spread < 5e-4, "\(s.series.symbol): ratio spread \(spread)")
            #expect(adjusted.series.volume == reference.series.volume, "\(s.series.symbol)")
        }
    }

    @Test("adjusting twice is an error")
    func neverTwice() throws {
        let s = try #require(try BarCSVReader().read(Fixtures.sample("zipline_quandl_sample_table.csv")).first)
        let once = try s.adjusted(by: .splits)
        #expect(throws: DataError.self) { try once.adjusted(by: .splits) }
        var options = BarCSVOptions()
        options.adjustment = .splits   // zipline csvdir OHLC are already split-adjusted
        let csvdir = try #require(try BarCSVReader(options: options).read(Fixtures.sample("zipline_csvdir_AAPL.csv.gz")).first)
        #expect(throws: DataError.self) { try csvdir.adjusted(by: .all) }
        let dividends = try csvdir.adjusted(by: .dividends)
        #expect(dividends.series.adjustment == .all)
        #expect(dividends.series.close.last == csvdir.series.close.last)
        #expect(dividends.series.close.first! < csvdir.series.close.first!)
    }

    @Test("Adj Close scaling keeps returns equal to adjusted-close returns")
    func adjClose() throws {
        let s = try #require(try BarCSVReader().read(Fixtures.sample("arch_sp500.csv.gz")).first)
        let a = try s.adjusted(by: .adjClose)
        #expect(a.series.close == s.adjClose!)
        #expect(throws: DataError.self) { try a.adjusted(by: .adjClose) }
        #expect(throws: DataError.self) { try a.adjusted(by: .dividends) }
    }
}
