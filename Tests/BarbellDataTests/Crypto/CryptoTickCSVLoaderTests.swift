import BarbellData
import Foundation
import Testing

@Suite("Tick CSV loaders: real Tardis and freqtrade files",
       .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing: nautilus (LGPL) and freqtrade (GPL) files cannot be read"))
struct CryptoTickCSVRealDataTests {
    @Test("Tardis trades: 9999 rows, first row binance-futures,BTCUSDT,1582329602111000,...,42377944,buy,9682,0.132")
    func tardisTrades() throws {
        let path = CryptoTestData.shared("ticks_orderbook/nautilus_tardis_binance-futures_BTCUSDT_trades.csv")
        let trades = try CryptoTradeCSVLoader().load(path: path)
        #expect(trades.count == 9999)
        #expect(trades.symbol == "BTCUSDT")
        #expect(trades[0] == Trade(timestamp: Timestamp(microseconds: 1_582_329_602_111_000), price: 9682, size: 0.132, side: .buy, id: "42377944"))
        #expect(trades[trades.count - 1] == Trade(timestamp: Timestamp(microseconds: 1_582_337_147_728_000), price: 9666.84, size: 0.07,
                                                  side: .sell, id: "42387942"))
        #expect(trades.timestamps[0] == Timestamp(year: 2020, month: 2, day: 22, hour: 0, minute: 0, second: 2, nanosecond: 111_000_000))
        #expect(trades.sides.filter { $0 == .buy }.count == 5267)
        #expect(trades.sides.filter { $0 == .sell }.count == 4732)
        let local = try CryptoTradeCSVLoader(timeColumn: .local).load(path: path)
        #expect(local[0].timestamp == Timestamp(microseconds: 1_582_329_602_418_379))
        // Tardis's collector received each trade after the exchange stamped it.
        #expect((0..<local.count).allSatisfy { local.timestamps[$0] >= trades.timestamps[$0] })
        #expect(try CryptoTradeCSVLoader(symbol: "ETHUSDT").load(path: path).count == 0)
    }

    @Test("Tardis quotes: 9999 rows, first row ask 9682 x 0.84, bid 9681.92 x 0.67")
    func tardisQuotes() throws {
        let quotes = try CryptoQuoteCSVLoader().load(path: CryptoTestData.shared("ticks_orderbook/nautilus_tardis_binance-futures_BTCUSDT_quotes.csv"))
        #expect(quotes.count == 9999)
        #expect(quotes[0] == Quote(timestamp: Timestamp(microseconds: 1_582_329_601_096_000), bidPrice: 9681.92, bidSize: 0.67, askPrice: 9682, askSize: 0.84))
        #expect(quotes[quotes.count - 1] == Quote(timestamp: Timestamp(microseconds: 1_582_329_827_061_000), bidPrice: 9671.19, bidSize: 0.012,
                                                  askPrice: 9672.09, askSize: 0.031))
        #expect(quotes.allSatisfy { $0.bidPrice < $0.askPrice })
    }

    @Test("freqtrade trade list CSV: 1000 rows, unnamed index column and extra date/cost columns ignored")
    func freqtradeCSV() throws {
        let trades = try CryptoTradeCSVLoader().load(path: CryptoTestData.shared("ticks_orderbook/freqtrade_orderflow_public_trades_list.csv"))
        #expect(trades.count == 1000)
        // 0,1675329600138,1206419187,,buy,1666.8,26.062,43440.1416,2023-02-02 09:20:00.138000+00:00
        #expect(trades[0] == Trade(timestamp: Timestamp(milliseconds: 1_675_329_600_138), price: 1666.8, size: 26.062, side: .buy, id: "1206419187"))
        #expect(trades[999] == Trade(timestamp: Timestamp(milliseconds: 1_675_329_807_493), price: 1667.3, size: 0.018, side: .buy, id: "1206420186"))
        #expect(trades.symbol == "")
    }
}

@Suite("Tick CSV loaders: layouts and malformed input")
struct CryptoTickCSVFormatTests {
    @Test("Columns are found by name in any order; quoted fields; unknown/empty sides")
    func columnOrder() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("t.csv", """
        amount,price,side,id,local_timestamp,timestamp,symbol,exchange\r
        0.5,"9682.5",unknown,7,1582329602418379,1582329602111000,BTCUSDT,binance-futures\r
        1,9682,,8,1582329602418400,,BTCUSDT,binance-futures\r
        """)
        let trades = try CryptoTradeCSVLoader().load(path: path)
        #expect(trades.count == 2)
        #expect(trades[0] == Trade(timestamp: Timestamp(microseconds: 1_582_329_602_111_000), price: 9682.5, size: 0.5, side: .unknown, id: "7"))
        #expect(trades[1].side == .unknown)
        #expect(trades[1].timestamp == Timestamp(microseconds: 1_582_329_602_418_400), "empty exchange time falls back to local_timestamp")
    }

    @Test("Gzip input and quotes with an empty book side")
    func gzipQuotes() throws {
        let files = try CryptoTempFiles()
        let text = "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\nbinance,BTCUSDT,1582329601096000,1582329603502092,,,9681.92,0.67\n"
        let path = try files.write("q.csv.gz", CryptoStoredGzip.encode(Array(text.utf8)))
        let quotes = try CryptoQuoteCSVLoader().load(path: path)
        #expect(quotes.count == 1)
        #expect(quotes[0].askPrice.isNaN && quotes[0].askSize.isNaN && quotes[0].bidPrice == 9681.92)
    }

    @Test("Several symbols need a filter")
    func severalSymbols() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("m.csv", """
        exchange,symbol,timestamp,local_timestamp,id,side,price,amount
        binance,BTCUSDT,1582329602111000,1582329602418379,1,buy,9682,0.1
        binance,ETHUSDT,1582329602112000,1582329602418380,2,sell,262.1,3
        """)
        cryptoExpectLocated(cryptoExpectDataError { try CryptoTradeCSVLoader().load(path: path) }, file: path, line: 3, field: "symbol", code: .validationFailed)
        let eth = try CryptoTradeCSVLoader(symbol: "ethusdt").load(path: path)
        #expect(eth.count == 1 && eth[0].price == 262.1 && eth.symbol == "ethusdt")
    }

    @Test("Empty file", arguments: [false, true])
    func emptyFile(quotes: Bool) throws {
        let files = try CryptoTempFiles()
        let path = try files.write("e.csv", "")
        let error = cryptoExpectDataError { quotes ? try CryptoQuoteCSVLoader().load(path: path).count : try CryptoTradeCSVLoader().load(path: path).count }
        cryptoExpectLocated(error, file: path, line: 1, code: .emptyFile)
    }

    @Test("Wrong column set: a trades file given to the quote loader, a header without price")
    func wrongColumns() throws {
        let files = try CryptoTempFiles()
        let trades = try files.write("trades.csv", """
        exchange,symbol,timestamp,local_timestamp,id,side,price,amount
        binance,BTCUSDT,1582329602111000,1582329602418379,1,buy,9682,0.1
        """)
        cryptoExpectLocated(cryptoExpectDataError { try CryptoQuoteCSVLoader().load(path: trades) }, file: trades, line: 1, field: "ask_amount", code: .badHeader)
        let noPrice = try files.write("np.csv", "timestamp,amount,side\n1582329602111000,0.1,buy\n")
        cryptoExpectLocated(cryptoExpectDataError { try CryptoTradeCSVLoader().load(path: noPrice) }, file: noPrice, line: 1, field: "price", code: .badHeader)
        let local = try files.write("nl.csv", "timestamp,price,amount\n1582329602111000,1,0.1\n")
        cryptoExpectLocated(cryptoExpectDataError { try CryptoTradeCSVLoader(timeColumn: .local).load(path: local) }, file: local, line: 1,
                      field: "local_timestamp", code: .badHeader)
    }

    @Test("Bad values name line and column", arguments: [
        ("binance,BTCUSDT,1582329602111000,1582329602418379,2,buy,96x82,0.1", "price", DataError.Code.badNumber),
        ("binance,BTCUSDT,1582329602111000,1582329602418379,2,buy,9682,", "amount", .badNumber),
        ("binance,BTCUSDT,1582329602111000,1582329602418379,2,long,9682,0.1", "side", .validationFailed),
        ("binance,BTCUSDT,2020-02-22T00:00:02Z,1582329602418379,2,buy,9682,0.1", "timestamp", .badTimestamp),
        ("binance,BTCUSDT,1582329602111,1582329602418379,2,buy,9682,0.1", "timestamp", .mixedTimestampUnits),
    ])
    func badValues(row: String, field: String, code: DataError.Code) throws {
        let files = try CryptoTempFiles()
        let path = try files.write("b.csv", """
        exchange,symbol,timestamp,local_timestamp,id,side,price,amount
        binance,BTCUSDT,1582329602111000,1582329602418379,1,buy,9682,0.1

        \(row)
        """)
        cryptoExpectLocated(cryptoExpectDataError { try CryptoTradeCSVLoader().load(path: path) }, file: path, line: 4, field: field, code: code)
    }

    @Test("A row missing a field is a field-count error")
    func missingField() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("f.csv", """
        exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount
        binance,BTCUSDT,1582329601096000,1582329603502092,0.84,9682,9681.92,0.67
        binance,BTCUSDT,1582329601096000,1582329603502092,0.84,9682,9681.92
        """)
        cryptoExpectLocated(cryptoExpectDataError { try CryptoQuoteCSVLoader().load(path: path) }, file: path, line: 3, code: .fieldCount)
        let bad = try files.write("g.csv", """
        exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount
        binance,BTCUSDT,1582329601096000,1582329603502092,0.84,9682,bid,0.67
        """)
        cryptoExpectLocated(cryptoExpectDataError { try CryptoQuoteCSVLoader().load(path: bad) }, file: bad, line: 2, field: "bid_price", code: .badNumber)
    }

    @Test("Truncated gzip")
    func truncatedGzip() throws {
        let files = try CryptoTempFiles()
        var text = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
        for i in 0..<5000 { text += "binance,BTCUSDT,\(1_582_329_602_111_000 + i),\(1_582_329_602_418_379 + i),\(i),buy,9682,0.1\n" }
        let gz = CryptoStoredGzip.encode(Array(text.utf8))
        #expect(try CryptoTradeCSVLoader().load(path: try files.write("whole.csv.gz", gz)).count == 5000)
        let path = try files.write("cut.csv.gz", Array(gz.prefix(gz.count / 2)))
        let error = cryptoExpectDataError { try CryptoTradeCSVLoader().load(path: path) }
        cryptoExpectLocated(error, file: path, code: .corruptCompression)
        #expect((error?.line ?? 0) > 1000)
    }
}
