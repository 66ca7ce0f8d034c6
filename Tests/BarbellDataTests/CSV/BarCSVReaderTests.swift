import Foundation
import Testing
@testable import BarbellData

/// Reads the first data line of a CSV independently of the reader under test.
private func firstDataFields(_ path: String, gzip: Bool) throws -> [String] {
    let text: String
    if gzip {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -dc '\(path)' | head -2"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    } else {
        text = try String(contentsOfFile: path, encoding: .utf8)
    }
    let lines = text.split(whereSeparator: \.isNewline)
    return lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Bar CSV reader")
struct BarCSVReaderTests {
    @Test("Yahoo layout with M/D/YYYY dates (arch S&P 500 sample)")
    func yahooLayout() throws {
        let path = Fixtures.sample("arch_sp500.csv.gz")
        let loaded = try BarCSVReader().read(path)
        #expect(loaded.count == 1)
        let s = try #require(loaded.first)
        #expect(s.count == 5031)   // README: 5031 rows, 1999-01-04 .. 2018-12-31
        #expect(s.series.timestamps.first == Timestamp(year: 1999, month: 1, day: 4))
        #expect(s.series.timestamps.last == Timestamp(year: 2018, month: 12, day: 31))
        #expect(s.series.symbol == "arch_sp500")
        #expect(s.adjClose?.count == 5031)
        #expect(s.lines.first == 2)
        // First row matches the file's text parsed by Foundation.
        let fields = try firstDataFields(path, gzip: true)
        #expect(s.series.open[0] == Double(fields[1]))
        #expect(s.series.high[0] == Double(fields[2]))
        #expect(s.series.low[0] == Double(fields[3]))
        #expect(s.series.close[0] == Double(fields[4]))
        #expect(s.series.volume[0] == Double(fields[6]))
        #expect(zip(s.series.timestamps, s.series.timestamps.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("long format splits by ticker (Quandl WIKI sample)")
    func longFormat() throws {
        let loaded = try BarCSVReader().read(Fixtures.sample("zipline_quandl_sample_table.csv"))
        #expect(loaded.map(\.series.symbol.name) == ["AAPL", "BRK_A", "MSFT", "ZEN"])
        #expect(loaded.map(\.count).reduce(0, +) == 916)
        let zen = try #require(loaded.first { $0.series.symbol == "ZEN" })
        #expect(zen.series.timestamps.first == Timestamp(year: 2014, month: 5, day: 15))
        let aapl = try #require(loaded.first { $0.series.symbol == "AAPL" })
        #expect(aapl.splits?.filter { $0 != 1 } == [7.0])
        #expect(aapl.dividends?.filter { $0 > 0 }.count == 4)
    }

    @Test("wide close matrix: one close-only series per ticker, unlisted cells skipped")
    func wideMatrix() throws {
        let loaded = try BarCSVReader().read(Fixtures.sample("skfolio_sp500_dataset.csv.gz"))
        #expect(loaded.count == 20)
        #expect(loaded.allSatisfy { !$0.hasVolume && $0.count > 0 })
        let aapl = try #require(loaded.first { $0.series.symbol == "AAPL" })
        #expect(aapl.count == 8313)
        #expect(aapl.series.open == aapl.series.close)
    }

    @Test("wide matrix with leading empty cells before a listing (PyPortfolioOpt prices)",
          .enabled(if: Fixtures.hasSharedData))
    func wideLeadingEmpties() throws {
        let loaded = try BarCSVReader().read(Fixtures.shared("equities_daily/pypfopt_stock_prices.csv"))
        let fb = try #require(loaded.first { $0.series.symbol == "FB" })
        #expect(fb.series.timestamps.first == Timestamp(year: 2012, month: 5, day: 18))
        let goog = try #require(loaded.first { $0.series.symbol == "GOOG" })
        #expect(goog.series.timestamps.first == Timestamp(year: 2004, month: 8, day: 19))
        #expect(goog.series.close.allSatisfy { !$0.isNaN })
    }

    @Test("headerless file with explicit roles and epoch milliseconds")
    func headerless() throws {
        let path = Fixtures.temporaryFile("1700000000000;10;11;9;10.5;100\n1700000060000;10.5;12;10;11;50\n")
        var options = BarCSVOptions()
        options.columns = [.timestamp, .open, .high, .low, .close, .volume]
        let s = try #require(try BarCSVReader(options: options).read(path).first)
        #expect(s.count == 2)
        #expect(s.series.timestamps[1] == Timestamp(milliseconds: 1_700_000_060_000))
        #expect(s.series.close == [10.5, 11])
        #expect(s.lines == [1, 2])
    }

    @Test("headerless HistData quotes in YYYYMMDD HHMMSSfff, EST", .enabled(if: Fixtures.hasSharedData))
    func histData() throws {
        var options = BarCSVOptions()
        options.columns = [.timestamp, .open, .close, .volume]
        options.timeZone = .fixed(seconds: -5 * 3600)
        let s = try #require(try BarCSVReader(options: options).read(Fixtures.shared("ticks_orderbook/nautilus_histdata_quote_tick_data.csv")).first)
        #expect(s.count == 9500)
        // 20200101 170000065 EST = 22:00:00.065 UTC
        #expect(s.series.timestamps[0] == Timestamp(year: 2020, month: 1, day: 1, hour: 22, nanosecond: 65_000_000))
    }

    @Test("epoch units, ISO-8601 offsets and named time zones", arguments: [
        ("1700000000", TimestampFormat.auto, Timestamp(seconds: 1_700_000_000)),
        ("1700000000123", .auto, Timestamp(milliseconds: 1_700_000_000_123)),
        ("1700000000123456", .auto, Timestamp(microseconds: 1_700_000_000_123_456)),
        ("1700000000123456789", .auto, Timestamp(nanoseconds: 1_700_000_000_123_456_789)),
        ("1700000000.5", .epochSeconds, Timestamp(milliseconds: 1_700_000_000_500)),
        ("20240131", .auto, Timestamp(year: 2024, month: 1, day: 31)),
        ("1/31/2024", .auto, Timestamp(year: 2024, month: 1, day: 31)),
        ("2024-01-31T09:30:00.25+01:00", .auto, Timestamp(year: 2024, month: 1, day: 31, hour: 8, minute: 30, nanosecond: 250_000_000)),
        ("2024-01-31 09:30:00Z", .auto, Timestamp(year: 2024, month: 1, day: 31, hour: 9, minute: 30)),
        ("1969-12-31T23:59:59Z", .auto, Timestamp(seconds: -1)),
    ])
    func timestampFormats(text: String, format: TimestampFormat, expected: Timestamp) throws {
        var parser = TimestampParser(format: format)
        #expect(try parser.parse(text) == expected.nanoseconds)
    }

    @Test("naive times in America/New_York follow daylight saving")
    func namedZone() throws {
        var parser = TimestampParser(format: .iso8601, timeZone: .named("America/New_York"))
        #expect(try parser.parse("2024-07-01 09:30:00") == Timestamp(year: 2024, month: 7, day: 1, hour: 13, minute: 30).nanoseconds)
        #expect(try parser.parse("2024-01-02 09:30:00") == Timestamp(year: 2024, month: 1, day: 2, hour: 14, minute: 30).nanoseconds)
    }

    @Test("decimal parser is correctly rounded (matches Foundation on random decimals)")
    func decimalParser() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<50_000 {
            let mantissa = UInt64.random(in: 0...UInt64(1) << 60, using: &rng)
            let decimals = Int.random(in: 0...18, using: &rng)
            var text = String(mantissa)
            if decimals > 0 {
                if text.count <= decimals { text = String(repeating: "0", count: decimals - text.count + 1) + text }
                text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
            }
            if Bool.random(using: &rng) { text = "-" + text }
            #expect(DecimalParser.parse(text) == .value(Double(text)!), "\(text)")
        }
        #expect(DecimalParser.parse("1e-7") == .value(1e-7))
        #expect(DecimalParser.parse("") == .missing)
        #expect(DecimalParser.parse("NaN") == .missing)
        #expect(DecimalParser.parse("12a") == .invalid)
        #expect(DecimalParser.parse("0x10") == .invalid)
    }
}

typealias SeededGenerator = SplitMix64
