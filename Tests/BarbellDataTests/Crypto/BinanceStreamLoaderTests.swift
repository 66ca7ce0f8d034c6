import BarbellData
import Foundation
import Testing

/// The MIT-licensed hftbacktest capture copied into `Samples/` (always available).
@Suite("Binance stream loader: hftbacktest spot BTCUSDT sample")
struct BinanceSpotSampleTests {
    let path = CryptoTestData.spotSample

    @Test("Message counts match the README: depth 3451, bookTicker 28040, trade 9757, one snapshot")
    func counts() throws {
        let capture = try CryptoSpotSampleCapture.get()
        let summary = capture.summary
        #expect(summary.lines == 41249)
        #expect(summary.blankLines == 0)
        #expect(summary.count(.depthUpdate) == 3451)
        #expect(summary.count(.bookTicker) == 28040)
        #expect(summary.count(.trade) == 9757)
        #expect(summary.count(.depthSnapshot) == 1)
        #expect(summary.count(.aggTrade) == 0)
        #expect(summary.unknownCount == 0)
        // The summary counts what was delivered.
        #expect(capture.deltas.count == 3451 && capture.quotes.count == 28040 && capture.trades.count == 9757 && capture.snapshots.count == 1)
    }

    @Test("The receive clock runs about 1.27 s behind exchange event time")
    func clockOffset() throws {
        let offset = try #require(try CryptoSpotSampleCapture.get().summary.receiveMinusExchange)
        // Trades and depth updates carry E; spot bookTickers and the REST snapshot do not.
        #expect(offset.samples == 9757 + 3451)
        #expect(offset.mean > -1.30e9 && offset.mean < -1.24e9)
        #expect(offset.minimum > -1_300_000_000 && offset.maximum < -1_200_000_000)
    }

    @Test("Trades: exchange trade time, buyer-is-maker means a selling aggressor, contiguous ids")
    func trades() throws {
        let trades = try CryptoSpotSampleCapture.get().trades
        #expect(trades.count == 9757)
        #expect(trades.symbol == "BTCUSDT")
        // {"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true}
        let first = trades[0]
        #expect(first.timestamp == Timestamp(milliseconds: 1_723_161_255_342))
        #expect(first.price == 61837.63 && first.size == 0.02)
        #expect(first.side == .sell)
        #expect(first.id == "3735683259")
        #expect(trades[trades.count - 1].id == "3735693015")
        #expect(trades[trades.count - 1].timestamp == Timestamp(milliseconds: 1_723_161_601_271))
        // Binance spot trade ids are consecutive: the capture dropped no trade.
        let ids = trades.ids.map { Int64($0)! }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 + 1 })
        #expect(trades.sides.filter { $0 == .buy }.count == 4103)
        #expect(trades.sides.filter { $0 == .sell }.count == 5654)
    }

    @Test("Spot bookTicker has no time field: exchange mode stamps it with the receive time")
    func quotesUseReceiveTime() throws {
        let quotes = try CryptoSpotSampleCapture.get().quotes
        #expect(quotes.count == 28040)
        // Line 3: 1723161254087891268 {"stream":"btcusdt@bookTicker","data":{"u":50093239212,...,"b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}
        #expect(quotes[0] == Quote(timestamp: Timestamp(nanoseconds: 1_723_161_254_087_891_268), bidPrice: 61837.63, bidSize: 3.78826,
                                   askPrice: 61837.64, askSize: 1.54698))
        #expect(quotes.allSatisfy { $0.bidPrice < $0.askPrice })
        #expect(zip(quotes, quotes.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp }, "receive times are in file order")
    }

    @Test("Time sources: receive time for everything, or receive time shifted onto the exchange clock")
    func timeSources() throws {
        func first(_ kind: BinanceMessageKind, _ source: BinanceTimeSource) throws -> BinanceStreamMessage? {
            var found: BinanceStreamMessage?
            try BinanceStreamLoader(path: path, timeSource: source).forEachEvent { message in
                if message.kind == kind { found = message }
                return found == nil
            }
            return found
        }
        // Line 4: receive 1723161254087896568, T 1723161255342.
        let received = try #require(try first(.trade, .receive))
        #expect(received.event.timestamp == Timestamp(nanoseconds: 1_723_161_254_087_896_568))
        #expect(received.exchangeTimestamp == Timestamp(milliseconds: 1_723_161_255_342))
        let aligned = try #require(try first(.bookTicker, .exchangeAligned))
        // The latest line with E before the first quote is line 2: E 1723161255308 ms, received 1723161254036059768 ns.
        let shift: Int64 = 1_723_161_255_308_000_000 - 1_723_161_254_036_059_768
        #expect(aligned.event.timestamp == Timestamp(nanoseconds: 1_723_161_254_087_891_268 + shift))
        #expect(aligned.exchangeTimestamp == nil, "spot bookTicker carries no exchange time")
        #expect(aligned.receiveTimestamp == Timestamp(nanoseconds: 1_723_161_254_087_891_268))
    }

    @Test("Snapshot and deltas decode with ids, levels and times")
    func book() throws {
        let capture = try CryptoSpotSampleCapture.get()
        #expect(capture.snapshots.count == 1)
        #expect(capture.deltas.count == 3451)
        let snapshot = capture.snapshots[0]
        #expect(snapshot.sequence == 50_093_239_218)
        #expect(snapshot.timestamp == Timestamp(nanoseconds: 1_723_161_254_206_652_067), "REST snapshot: receive time")
        #expect(snapshot.bids.count == 1000 && snapshot.asks.count == 1000)
        #expect(snapshot.bids[0] == BookLevel(price: 61837.63, size: 3.78826))
        #expect(snapshot.bids[1] == BookLevel(price: 61837.62, size: 0.617))
        #expect(snapshot.bids[0].price < snapshot.asks[0].price)
        // Line 1: {"e":"depthUpdate","E":1723161255208,"U":50093239189,"u":50093239202,"b":[["61737.63000000","0.00000000"],...
        let first = capture.deltas[0]
        #expect(first.firstSequence == 50_093_239_189 && first.lastSequence == 50_093_239_202)
        #expect(first.timestamp == Timestamp(milliseconds: 1_723_161_255_208))
        #expect(first.bids.first == BookLevel(price: 61737.63, size: 0))
        #expect(first.bids.count == 3)
    }

    @Test("Returning false stops the pass")
    func stopsEarly() throws {
        var seen: [Int] = []
        try BinanceStreamLoader(path: path).forEachEvent { message in
            seen.append(message.line)
            return seen.count < 3
        }
        #expect(seen == [1, 2, 3])
    }
}

@Suite("Binance stream loader: other hftbacktest captures",
       .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing: only the Samples/ capture is tested"))
struct BinanceSharedCaptureTests {
    @Test("USD-M futures: bookTicker, trade and snapshot carry exchange time (T)")
    func futuresFirstMessages() throws {
        var first: [BinanceMessageKind: BinanceStreamMessage] = [:]
        try BinanceStreamLoader(path: CryptoTestData.shared("ticks_orderbook/hftbacktest_binance-usdm_btcusdt_20240808.txt.gz")).forEachEvent { message in
            if first[message.kind] == nil { first[message.kind] = message }
            return message.kind != .depthSnapshot
        }
        // Line 2: {"e":"bookTicker","u":5123107839020,"s":"BTCUSDT","b":"61800.20","B":"2.507","a":"61800.30","A":"2.510","T":1723161256313,"E":1723161256313}
        let ticker = try #require(first[.bookTicker])
        #expect(ticker.line == 2 && ticker.updateId == 5_123_107_839_020)
        #expect(ticker.event == .quote(Quote(timestamp: Timestamp(milliseconds: 1_723_161_256_313), bidPrice: 61800.2, bidSize: 2.507,
                                             askPrice: 61800.3, askSize: 2.51)))
        // Line 3: {"e":"trade","E":1723161256322,"T":1723161256322,"t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":false}
        #expect(first[.trade]?.event == .trade(Trade(timestamp: Timestamp(milliseconds: 1_723_161_256_322), price: 61800.3, size: 0.006,
                                                     side: .buy, id: "5266583935")))
        // Line 1: futures depth has U, u and pu.
        let depth = try #require(first[.depthUpdate])
        #expect(depth.previousUpdateId == 5_123_107_831_937 && depth.updateId == 5_123_107_837_557)
        // Line 55: the futures REST snapshot has T (transaction time), used in exchange mode.
        let snapshot = try #require(first[.depthSnapshot])
        #expect(snapshot.line == 55)
        guard case .bookSnapshot(let book) = snapshot.event else { Issue.record("not a snapshot"); return }
        #expect(book.timestamp == Timestamp(milliseconds: 1_723_161_256_493))
        #expect(book.sequence == 5_123_107_852_948)
        #expect(book.bids.count == 1000 && book.asks.count == 1000)
    }

    @Test("Spot ETHUSDT: counts match the README")
    func ethCounts() throws {
        let summary = try BinanceStreamLoader(path: CryptoTestData.shared("ticks_orderbook/hftbacktest_binance-spot_ethusdt_20240808.txt.gz"))
            .forEachEvent { _ in true }
        #expect(summary.lines == 33618)
        #expect(summary.count(.depthUpdate) == 3434)
        #expect(summary.count(.bookTicker) == 24077)
        #expect(summary.count(.trade) == 6106)
        #expect(summary.count(.depthSnapshot) == 1)
    }

    @Test("The 2024-08-09 file continues the 08-08 trades without a missing id")
    func continuation() throws {
        let day1 = try CryptoSpotSampleCapture.get().trades
        let day2 = try BinanceStreamLoader(path: CryptoTestData.shared("ticks_orderbook/hftbacktest_binance-spot_btcusdt_20240809.txt.gz")).loadTrades()
        #expect(day2.count == 10147)
        #expect(Int64(day2[0].id!)! == Int64(day1[day1.count - 1].id!)! + 1)
        #expect(day2[0].timestamp > day1[day1.count - 1].timestamp)
    }
}

@Suite("Binance stream loader: message shapes and malformed input")
struct BinanceStreamFormatTests {
    @Test("Unwrapped messages without prefix: aggTrade, futures bookTicker and depth, unknown kinds counted")
    func rawMessages() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("raw.jsonl", """
        {"e":"aggTrade","E":1672515782136,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":1672515782136,"m":false,"M":true}

        {"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}
        {"e":"depthUpdate","E":1672515782136,"T":1672515782130,"s":"BNBUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"],["0.0027","0"]]}
        {"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000}}
        {"result":null,"id":1}
        {"e":"kline","E":1672515782137,"s":"BNBBTC","k":{"t":1672515780000}}
        """)
        var messages: [BinanceStreamMessage] = []
        let summary = try BinanceStreamLoader(path: path).forEachEvent { messages.append($0); return true }
        #expect(messages.map(\.kind) == [.aggTrade, .bookTicker, .depthUpdate])
        #expect(messages.map(\.line) == [1, 3, 4])
        #expect(summary.unknownKinds == ["kline": 2, "(no e) keys: id,result": 1])
        #expect(summary.blankLines == 1)
        #expect(messages[0].event == .trade(Trade(timestamp: Timestamp(milliseconds: 1_672_515_782_136), price: 0.001, size: 100, side: .buy, id: "12345")))
        #expect(messages[0].receiveTimestamp == nil && messages[0].stream == nil)
        #expect(messages[1].event == .quote(Quote(timestamp: Timestamp(milliseconds: 1_568_014_460_891), bidPrice: 25.3519, bidSize: 31.21,
                                                  askPrice: 25.3652, askSize: 40.66)))
        #expect(messages[1].updateId == 400_900_217)
        #expect(messages[2].event == .bookDelta(BookDelta(timestamp: Timestamp(milliseconds: 1_672_515_782_130), firstSequence: 157, lastSequence: 160,
                                                          bids: [BookLevel(price: 0.0024, size: 10)],
                                                          asks: [BookLevel(price: 0.0026, size: 100), BookLevel(price: 0.0027, size: 0)])))
        #expect(messages[2].previousUpdateId == 149)
        #expect(messages[2].exchangeTimestamp == Timestamp(milliseconds: 1_672_515_782_130))
        #expect(messages[2].symbol == "BNBUSDT")
    }

    @Test("Symbol filter keeps one instrument of a mixed capture")
    func symbolFilter() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("mixed.txt", """
        1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":1,"p":"61837.63","q":"0.02","T":1723161255342,"m":true}}
        1723161254087896569 {"stream":"ethusdt@trade","data":{"e":"trade","E":1723161255343,"s":"ETHUSDT","t":2,"p":"2683.8","q":"0.5","T":1723161255342,"m":false}}
        """)
        let loader = BinanceStreamLoader(path: path, symbol: "ethusdt")
        let capture = try loader.loadAll()
        #expect(capture.trades.count == 1)
        #expect(capture.trades.symbol == "ethusdt")
        #expect(capture.trades[0].price == 2683.8 && capture.trades[0].side == .buy)
        #expect(capture.summary.otherSymbolMessages == 1)
        #expect(capture.trades[0].timestamp == Timestamp(milliseconds: 1_723_161_255_342))
    }

    @Test("Futures insurance-fund / ADL trades are skipped unless asked for")
    func nonMarketTrades() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("x.txt", """
        {"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":5,"p":"61800.30","q":"0.006","X":"MARKET","m":false}
        {"e":"trade","E":1723161256323,"T":1723161256323,"s":"BTCUSDT","t":6,"p":"61000.00","q":"1.000","X":"ADL","m":true}
        """)
        let defaultLoad = try BinanceStreamLoader(path: path).loadAll()
        #expect(defaultLoad.trades.count == 1)
        #expect(defaultLoad.summary.nonMarketTrades == 1)
        #expect(try BinanceStreamLoader(path: path, includeNonMarketTrades: true).loadTrades().count == 2)
    }

    @Test("Empty and blank-only files")
    func emptyFile() throws {
        let files = try CryptoTempFiles()
        for (name, text) in [("empty.txt", ""), ("blank.txt", "\n  \n")] {
            let path = try files.write(name, text)
            cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: path).loadAll() }, file: path, code: .emptyFile)
        }
    }

    @Test("Truncated JSON line")
    func truncatedJSON() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("t.txt", """
        1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":1,"p":"61837.63","q":"0.02","T":1723161255342,"m":true}}
        1723161254087896569 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":2,"p":"61837.6
        """)
        let error = cryptoExpectDataError { try BinanceStreamLoader(path: path).loadAll() }
        cryptoExpectLocated(error, file: path, line: 2, code: .badJSON)
    }

    @Test("Non-numeric price names the field")
    func nonNumericPrice() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("p.txt", """
        {"e":"trade","E":1723161255343,"s":"BTCUSDT","t":1,"p":"61837.63","q":"0.02","T":1723161255342,"m":true}
        {"e":"trade","E":1723161255343,"s":"BTCUSDT","t":2,"p":"61,837.63","q":"0.02","T":1723161255342,"m":true}
        """)
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: path).loadTrades() }, file: path, line: 2, field: "p", code: .badNumber)
        let depth = try files.write("d.txt", """
        {"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"b":[["1.0","2.0"],["1.1","x"]],"a":[]}
        """)
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: depth).loadAll() }, file: depth, line: 1, field: "b[1]", code: .badNumber)
    }

    @Test("Missing fields name the field", arguments: [
        ("{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":1,\"q\":\"0.02\",\"T\":1,\"m\":true}", "p"),
        ("{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":1,\"p\":\"1\",\"q\":\"0.02\",\"T\":1}", "m"),
        ("{\"e\":\"aggTrade\",\"E\":1,\"s\":\"X\",\"p\":\"1\",\"q\":\"0.02\",\"T\":1,\"m\":true}", "a"),
        ("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"X\",\"U\":1,\"b\":[],\"a\":[]}", "u"),
        ("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"X\",\"U\":1,\"u\":2,\"a\":[]}", "b"),
        ("{\"e\":\"bookTicker\",\"E\":1,\"T\":1,\"u\":1,\"s\":\"X\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\"}", "A"),
        ("{\"lastUpdateId\":1,\"E\":1,\"T\":1,\"bids\":[[\"1\",\"1\"]],\"asks\":{}}", "asks"),
        ("{\"stream\":\"btcusdt@trade\",\"data\":[1]}", "data"),
        ("{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":\"one\",\"p\":\"1\",\"q\":\"0.02\",\"T\":1,\"m\":true}", "t"),
    ])
    func missingField(line: String, field: String) throws {
        let files = try CryptoTempFiles()
        let path = try files.write("m.txt", "{\"e\":\"trade\",\"E\":1,\"s\":\"X\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}\n" + line + "\n")
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: path).loadAll() }, file: path, line: 2, field: field)
    }

    @Test("Spot bookTicker without a receive prefix has no time at all")
    func bookTickerWithoutTime() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("bt.txt", """
        {"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}
        """)
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: path).loadQuotes() }, file: path, line: 1, field: "T", code: .badTimestamp)
        let trade = try files.write("tr.txt", """
        {"e":"trade","E":1723161255343,"s":"BTCUSDT","t":1,"p":"61837.63","q":"0.02","T":1723161255342,"m":true}
        """)
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: trade, timeSource: .receive).loadTrades() },
                      file: trade, line: 1, field: "receive timestamp", code: .badTimestamp)
    }

    @Test("Bad receive-time prefix and non-object lines")
    func badPrefix() throws {
        let files = try CryptoTempFiles()
        let noSpace = try files.write("a.txt", "1723161254087896568{\"e\":\"trade\"}\n")
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: noSpace).loadAll() }, file: noSpace, line: 1, field: "receive timestamp")
        let units = try files.write("b.txt", """
        1723161254087896568 {"e":"kline","E":1}
        1723161254087 {"e":"kline","E":1}
        """)
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: units).loadAll() }, file: units, line: 2, field: "receive timestamp", code: .badTimestamp)
        let array = try files.write("c.txt", "[1, 2]\n")
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: array).loadAll() }, file: array, line: 1, code: .badJSON)
        let trailing = try files.write("d.txt", "{\"e\":\"kline\"} x\n")
        cryptoExpectLocated(cryptoExpectDataError { try BinanceStreamLoader(path: trailing).loadAll() }, file: trailing, line: 1, code: .badJSON)
    }

    @Test("Truncated gzip capture is a corrupt-compression error naming a line")
    func truncatedGzip() throws {
        let files = try CryptoTempFiles()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CryptoTestData.spotSample)))
        let path = try files.write("cut.txt.gz", Array(bytes.prefix(bytes.count / 2)))
        var delivered = 0
        let error = cryptoExpectDataError { try BinanceStreamLoader(path: path).forEachEvent { _ in delivered += 1; return true } }
        cryptoExpectLocated(error, file: path, code: .corruptCompression)
        #expect(delivered > 1000, "lines before the cut are delivered")
        #expect((error?.line ?? 0) > delivered)
    }

    @Test("String escapes are decoded in names and do not break parsing")
    func escapes() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("esc.txt", #"{"e":"trade","E":1,"s":"BTC\u0055SDT","t":1,"p":"1.5","q":"2","T":1,"m":false,"note":"a \"quoted\" \\ word"}"#)
        let capture = try BinanceStreamLoader(path: path).loadAll()
        #expect(capture.trades.symbol == "BTCUSDT")
        #expect(capture.trades[0].price == 1.5)
    }
}
