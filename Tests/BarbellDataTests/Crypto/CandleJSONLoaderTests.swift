import BarbellData
import Foundation
import Testing

@Suite("Candle JSON loader: real freqtrade files",
       .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing: freqtrade (GPL) candle files cannot be read"))
struct CandleJSONRealDataTests {
    @Test("ETH/BTC 5m: 5760 rows from 2018-01-10 04:55 UTC, first and last rows as in the file")
    func ethBtcFiveMinutes() throws {
        let path = CryptoTestData.shared("crypto_intraday/freqtrade_ETH_BTC-5m.json")
        let loader = CandleJSONLoader(symbol: "ETH/BTC", timeframe: .fiveMinutes)
        let series = try loader.load(path: path)
        #expect(series.count == 5760)
        #expect(series.symbol == "ETH/BTC")
        #expect(series.timeframe == .fiveMinutes)
        #expect(series.timestamps.first == Timestamp(year: 2018, month: 1, day: 10, hour: 4, minute: 55))
        #expect(series.timestamps.last == Timestamp(year: 2018, month: 1, day: 30, hour: 4, minute: 50))
        // [1515560100000, 0.0984, 0.0994766, 0.09828605, 0.0994766, 1820.54447418]
        let first = series[0]
        #expect(first.timestamp.nanoseconds == 1_515_560_100_000 * 1_000_000)
        #expect(first.open == 0.0984)
        #expect(first.high == 0.0994766)
        #expect(first.low == 0.09828605)
        #expect(first.close == 0.0994766)
        #expect(first.volume == 1820.54447418)
        #expect(series.tradeCount == nil && series.vwap == nil)
        // 5m spacing with no gaps: 20 days of 288 bars.
        #expect(zip(series.timestamps, series.timestamps.dropFirst()).allSatisfy { $1.nanoseconds - $0.nanoseconds == 300_000_000_000 })
        #expect(try loader.forEachBar(path: path) { _ in false } == .freqtrade)
    }

    @Test("Row counts of every freqtrade candle file match the README",
          arguments: [
            ("freqtrade_ADA_BTC-5m.json", 5720), ("freqtrade_DASH_BTC-5m.json", 5758), ("freqtrade_ETC_BTC-5m.json", 5759),
            ("freqtrade_LTC_BTC-5m.json", 5760), ("freqtrade_NXT_BTC-5m.json", 5760), ("freqtrade_XLM_BTC-5m.json", 5760),
            ("freqtrade_ADA_BTC-1m.json", 14383), ("freqtrade_DASH_BTC-1m.json", 12444), ("freqtrade_ETC_BTC-1m.json", 13783),
            ("freqtrade_ETH_BTC-1m.json", 14397), ("freqtrade_LTC_BTC-1m.json", 14360), ("freqtrade_NXT_BTC-1m.json", 12960),
            ("freqtrade_XLM_BTC-1m.json", 14373), ("freqtrade_ETH_BTC-30m.json", 1920), ("freqtrade_UNKNOWN_BTC-1m.json", 13681),
            ("freqtrade_XRP_ETH-1m.json", 3560), ("freqtrade_XRP_ETH-5m.json", 712),
            ("freqtrade_futures_XRP_USDT_USDT-5m-futures.json", 1999), ("freqtrade_futures_XRP_USDT_USDT-1h-futures.json", 100),
            ("freqtrade_futures_XRP_USDT_USDT-1h-mark.json", 100), ("freqtrade_futures_XRP_USDT_USDT-8h-mark.json", 91),
            ("freqtrade_futures_XRP_USDT_USDT-8h-funding_rate.json", 91),
          ])
    func rowCounts(file: String, rows: Int) throws {
        let series = try CandleJSONLoader(symbol: "X").load(path: CryptoTestData.shared("crypto_intraday/" + file))
        #expect(series.count == rows)
        #expect(series.timestamps == series.timestamps.sorted(), "candles are stored in time order")
    }

    @Test("Date ranges of the 30m, XRP/ETH and futures files match the README")
    func dateRanges() throws {
        func range(_ file: String) throws -> (Timestamp, Timestamp) {
            let s = try CandleJSONLoader(symbol: "X").load(path: CryptoTestData.shared("crypto_intraday/" + file))
            return (s.timestamps.first!, s.timestamps.last!)
        }
        #expect(try range("freqtrade_ETH_BTC-30m.json") == (Timestamp(year: 2017, month: 12, day: 3, hour: 13), Timestamp(year: 2018, month: 1, day: 12, hour: 12, minute: 30)))
        #expect(try range("freqtrade_XRP_ETH-1m.json") == (Timestamp(year: 2019, month: 10, day: 11), Timestamp(year: 2019, month: 10, day: 13, hour: 11, minute: 19)))
        #expect(try range("freqtrade_futures_XRP_USDT_USDT-5m-futures.json") == (Timestamp(year: 2021, month: 11, day: 15), Timestamp(year: 2021, month: 11, day: 21, hour: 22, minute: 30)))
    }

    @Test("Mark-price candles carry null volume, which becomes NaN")
    func markCandlesHaveNoVolume() throws {
        let series = try CandleJSONLoader(symbol: "XRP/USDT:USDT", timeframe: .oneHour)
            .load(path: CryptoTestData.shared("crypto_intraday/freqtrade_futures_XRP_USDT_USDT-1h-mark.json"))
        #expect(series.volume.allSatisfy { $0.isNaN })
        // [1636956000000, 1.20932, 1.21787, 1.20763, 1.21431, null]
        #expect(series.timestamps[0] == Timestamp(year: 2021, month: 11, day: 15, hour: 6))
        #expect(series.open[0] == 1.20932 && series.close[0] == 1.21431)
        #expect(series.high.indices.allSatisfy { series.high[$0] >= max(series.open[$0], series.close[$0]) })
    }

    @Test("Funding-rate file keeps its millisecond-jittered timestamps and fractional rates")
    func fundingRate() throws {
        let series = try CandleJSONLoader(symbol: "XRP")
            .load(path: CryptoTestData.shared("crypto_intraday/freqtrade_futures_XRP_USDT_USDT-8h-funding_rate.json"))
        #expect(series.timestamps[0].nanoseconds == 1_637_193_600_017 * 1_000_000)
        #expect(series.open[0] == 0.0001)
        #expect(series.open.contains(0.00013046))
    }

    @Test("Reading in 7-byte chunks gives the same series as 1 MiB chunks (rows split across reads)")
    func chunkBoundaries() throws {
        let path = CryptoTestData.shared("crypto_intraday/freqtrade_XRP_ETH-5m.json")
        let big = try CandleJSONLoader(symbol: "XRP/ETH").load(path: path)
        let small = try CandleJSONLoader(symbol: "XRP/ETH", chunkSize: 7).load(path: path)
        #expect(big.count == 712)
        #expect(big == small)
    }
}

@Suite("Candle JSON loader: formats and malformed input")
struct CandleJSONFormatTests {
    @Test("Binance klines: string prices, trade count from index 8, VWAP = quote volume / volume")
    func binanceKlines() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("klines.json", """
        [
          [1499040000000, "0.01634790", "0.80000000", "0.01575800", "0.01577100", "148976.11427815", 1499644799999, "2434.19055334", 308, "1756.87402397", "28.46694368", "17928899.62484339"],
          [1499040060000, "0.01577100", "0.01600000", "0.01570000", "0.01590000", "0", 1499040119999, "0", 0, "0", "0", "0"]
        ]
        """)
        var layout: CandleJSONLayout?
        let series = try CandleJSONLoader(symbol: "LTCBTC", timeframe: .oneMinute).load(path: path)
        layout = try CandleJSONLoader(symbol: "LTCBTC").forEachBar(path: path) { _ in true }
        #expect(layout == .binanceKlines)
        #expect(series.count == 2)
        #expect(series[0].timestamp == Timestamp(milliseconds: 1_499_040_000_000))
        #expect(series[0].open == 0.0163479 && series[0].high == 0.8 && series[0].low == 0.015758 && series[0].close == 0.015771)
        #expect(series[0].volume == 148976.11427815)
        #expect(series[0].tradeCount == 308)
        #expect(series[0].vwap == 2434.19055334 / 148976.11427815)
        #expect(series[1].tradeCount == 0)
        #expect(series[1].vwap == nil, "no VWAP for a bar without volume")
    }

    @Test("freqtrade rows may use numeric strings, exponents and a gzip wrapper; a BOM is tolerated")
    func numericStringsAndGzip() throws {
        let files = try CryptoTempFiles()
        let text = "\u{FEFF}[[1515560100000,\"0.0984\",1e-1,9.8e-2,\"0.0994766\",null]]"
        let path = try files.write("c.json.gz", CryptoStoredGzip.encode(Array(text.utf8)))
        let series = try CandleJSONLoader(symbol: "ETH/BTC").load(path: path)
        #expect(series.count == 1)
        #expect(series.open[0] == 0.0984 && series.high[0] == 0.1 && series.low[0] == 0.098)
        #expect(series.volume[0].isNaN)
    }

    @Test("Every chunk size from 1 to 40 bytes gives the same bars (tokens split across reads)")
    func everyChunkSize() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("k.json", #"""
        [[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","17928899.62484339"],
         [1499040060000, "1.5e-2", 0.016, 0.0157, 0.0159, "12", 1499040119999, "0.19", 3, "0", "0", "\"ignore\\"]]
        """#)
        let reference = try CandleJSONLoader(symbol: "LTCBTC").load(path: path)
        #expect(reference.count == 2 && reference.open[1] == 0.015 && reference.tradeCount == [308, 3])
        for size in 1...40 {
            #expect(try CandleJSONLoader(symbol: "LTCBTC", chunkSize: size).load(path: path) == reference, "chunk size \(size)")
        }
    }

    @Test("An empty array is an empty series")
    func emptyArray() throws {
        let files = try CryptoTempFiles()
        let series = try CandleJSONLoader(symbol: "X").load(path: try files.write("e.json", " [ ]\n"))
        #expect(series.isEmpty)
    }

    @Test("Empty file")
    func emptyFile() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("empty.json", "")
        let error = cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }
        cryptoExpectLocated(error, file: path, line: 1, code: .emptyFile)
    }

    @Test("Truncated JSON names the line where the data stop")
    func truncatedJSON() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("t.json", "[\n[1515560100000, 1, 2, 0.5, 1.5, 10],\n[1515560400000, 1, 2, 0.5, 1.")
        let error = cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }
        cryptoExpectLocated(error, file: path, line: 3, code: .badJSON)
        #expect(error?.message.contains("row index 1") == true)
        let missingClose = try files.write("t2.json", "[[1515560100000, 1, 2, 0.5, 1.5, 10],\n")
        cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: missingClose) }, file: missingClose, line: 2, code: .badJSON)
    }

    @Test("A non-numeric price names the row, element and field")
    func nonNumericPrice() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("n.json", "[[1515560100000, 1, 2, 0.5, 1.5, 10],\n [1515560400000, 1, \"abc\", 0.5, 1.5, 10]]")
        let error = cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }
        cryptoExpectLocated(error, file: path, line: 2, field: "high", code: .badNumber)
        #expect(error?.message.contains("row index 1, element 2") == true)
        let bare = try files.write("n2.json", "[[1515560100000, 1, 2, 0.5, foo, 10]]")
        cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: bare) }, file: bare, line: 1, field: "close", code: .badNumber)
        let nullPrice = try files.write("n3.json", "[[1515560100000, null, 2, 0.5, 1, 10]]")
        cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: nullPrice) }, file: nullPrice, line: 1, field: "open", code: .badNumber)
    }

    @Test("A bad timestamp names the timestamp field")
    func badTimestamp() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("ts.json", "[[\"2018-01-10\", 1, 2, 0.5, 1.5, 10]]")
        cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }, file: path, line: 1, field: "timestamp", code: .badTimestamp)
    }

    @Test("A missing field (short row) and a wrong row length are field-count errors")
    func missingField() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("m.json", "[[1515560100000, 1, 2, 0.5, 1.5, 10],\n\n[1515560400000, 1, 2, 0.5, 1.5]]")
        let error = cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }
        cryptoExpectLocated(error, file: path, line: 3, code: .fieldCount)
        #expect(error?.message.contains("row index 1 has 5 elements") == true)
        let first = try files.write("m2.json", "[[1515560100000, 1, 2, 0.5]]")
        cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: first) }, file: first, line: 1, code: .fieldCount)
        let forced = try files.write("m3.json", "[[1515560100000, 1, 2, 0.5, 1.5, 10]]")
        cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X", layout: .binanceKlines).load(path: forced) },
                      file: forced, line: 1, code: .fieldCount)
    }

    @Test("Structural errors: an object instead of rows, nested values, trailing garbage")
    func structure() throws {
        let files = try CryptoTempFiles()
        for (name, text, line) in [("o.json", "{\"date\": {}}", 1), ("nest.json", "[[1, [2]]]", 1), ("tail.json", "[[1515560100000,1,2,0.5,1.5,10]]\n]", 2)] {
            let path = try files.write(name, text)
            cryptoExpectLocated(cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }, file: path, line: line, code: .badJSON)
        }
    }

    @Test("Truncated gzip is a corrupt-compression error with a line")
    func truncatedGzip() throws {
        let files = try CryptoTempFiles()
        var rows: [String] = []
        for i in 0..<2000 { rows.append("[\(1_515_560_100_000 + Int64(i) * 300_000), 1, 2, 0.5, 1.5, 10]") }
        let gz = CryptoStoredGzip.encode(Array(("[" + rows.joined(separator: ",\n") + "]").utf8))
        let whole = try files.write("whole.json.gz", gz)
        #expect(try CandleJSONLoader(symbol: "X").load(path: whole).count == 2000)
        let path = try files.write("cut.json.gz", Array(gz.prefix(gz.count / 2)))
        let error = cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: path) }
        cryptoExpectLocated(error, file: path, code: .corruptCompression)
        #expect((error?.line ?? 0) > 100, "the line points near where the data stop")
    }

    @Test("Missing file")
    func missingFile() {
        let error = cryptoExpectDataError { try CandleJSONLoader(symbol: "X").load(path: "/nonexistent/candles.json") }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == "/nonexistent/candles.json")
    }
}
