import BarbellData
import Foundation
import Testing

@Suite("freqtrade trades JSON loader: real XRP/ETH trades",
       .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing: freqtrade (GPL) trade files cannot be read"))
struct FreqtradeTradesRealDataTests {
    let tradesPath = CryptoTestData.shared("ticks_orderbook/freqtrade_XRP_ETH-trades.json.gz")

    @Test("12477 trades from 2019-10-11 00:00:11 to 2019-10-13 11:19:28 UTC; first and last rows as in the file")
    func countsAndEnds() throws {
        let trades = try FreqtradeTradesJSONLoader(symbol: "XRP/ETH").load(path: tradesPath)
        #expect(trades.count == 12477)
        #expect(trades.symbol == "XRP/ETH")
        // [1570752011620,"13519807",null,"sell",0.00141342,23.0,0.03250866]
        #expect(trades[0] == Trade(timestamp: Timestamp(milliseconds: 1_570_752_011_620), price: 0.00141342, size: 23, side: .sell, id: "13519807"))
        // [1570965568844,"13532283",null,"sell",0.00152787,130.0,0.1986231]
        #expect(trades[trades.count - 1] == Trade(timestamp: Timestamp(milliseconds: 1_570_965_568_844), price: 0.00152787, size: 130,
                                                  side: .sell, id: "13532283"))
        #expect(trades.timestamps == trades.timestamps.sorted())
        #expect(!trades.sides.contains(.unknown))
    }

    @Test("Bucketing the trades by minute reproduces every traded 1m candle; the other candles are flat zero-volume fillers")
    func tradesMatchCandles() throws {
        let trades = try FreqtradeTradesJSONLoader(symbol: "XRP/ETH").load(path: tradesPath)
        let candles = try CandleJSONLoader(symbol: "XRP/ETH", timeframe: .oneMinute)
            .load(path: CryptoTestData.shared("crypto_intraday/freqtrade_XRP_ETH-1m.json"))
        var byMinute: [Int64: (open: Double, high: Double, low: Double, close: Double, volume: Double)] = [:]
        for i in 0..<trades.count {
            let minute = Timeframe.oneMinute.bucketStart(trades.timestamps[i].nanoseconds)
            let p = trades.prices[i]
            if var bar = byMinute[minute] {
                bar.high = max(bar.high, p); bar.low = min(bar.low, p); bar.close = p; bar.volume += trades.sizes[i]
                byMinute[minute] = bar
            } else {
                byMinute[minute] = (p, p, p, p, trades.sizes[i])
            }
        }
        #expect(byMinute.count == 2469)
        var traded = 0, fillers = 0, mismatches = 0
        for i in 0..<candles.count {
            if candles.volume[i] == 0 {
                // freqtrade fills minutes without trades with the previous close.
                fillers += 1
                let flat = i > 0 && [candles.open[i], candles.high[i], candles.low[i], candles.close[i]].allSatisfy { $0 == candles.close[i - 1] }
                if byMinute[candles.timestamps[i].nanoseconds] != nil || !flat { mismatches += 1 }
                continue
            }
            traded += 1
            guard let bar = byMinute[candles.timestamps[i].nanoseconds] else { mismatches += 1; continue }
            let same = bar.open == candles.open[i] && bar.high == candles.high[i] && bar.low == candles.low[i] && bar.close == candles.close[i]
                && abs(bar.volume - candles.volume[i]) <= 1e-9 * max(1, candles.volume[i])
            if !same { mismatches += 1 }
        }
        #expect(traded == 2469 && fillers == 1091)
        #expect(mismatches == 0)
    }
}

@Suite("freqtrade trades JSON loader: malformed input")
struct FreqtradeTradesJSONFormatTests {
    let loader = FreqtradeTradesJSONLoader(symbol: "XRP/ETH")

    @Test("Numeric ids, null ids and plain (uncompressed) files")
    func variants() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("t.json", "[[1570752011620, 13519807, null, \"buy\", 0.00141342, 23.0, 0.0325],\n [1570752011621, null, \"limit\", null, \"0.5\", \"2\", 1]]")
        let trades = try loader.load(path: path)
        #expect(trades.count == 2)
        #expect(trades[0].id == "13519807" && trades[0].side == .buy)
        #expect(trades[1].id == nil && trades[1].side == .unknown && trades[1].price == 0.5 && trades[1].size == 2)
    }

    @Test("Empty file")
    func emptyFile() throws {
        let files = try CryptoTempFiles()
        let path = try files.write("e.json.gz", CryptoStoredGzip.encode([]))
        cryptoExpectLocated(cryptoExpectDataError { try loader.load(path: path) }, file: path, line: 1, code: .emptyFile)
    }

    @Test("Truncated JSON and truncated gzip")
    func truncated() throws {
        let files = try CryptoTempFiles()
        let text = "[[1570752011620,\"13519807\",null,\"sell\",0.00141342,23.0,0.03250866],\n[1570752011620,\"13519808\",null,\"se"
        let path = try files.write("t.json", text)
        cryptoExpectLocated(cryptoExpectDataError { try loader.load(path: path) }, file: path, line: 2, code: .badJSON)
        var rows: [String] = []
        for i in 0..<3000 { rows.append("[\(1_570_752_011_620 + i),\"\(i)\",null,\"sell\",0.00141342,23.0,0.03250866]") }
        let gz = CryptoStoredGzip.encode(Array(("[" + rows.joined(separator: ",\n") + "]").utf8))
        let cut = try files.write("cut.json.gz", Array(gz.dropLast(gz.count / 3)))
        let error = cryptoExpectDataError { try loader.load(path: cut) }
        cryptoExpectLocated(error, file: cut, code: .corruptCompression)
        #expect((error?.line ?? 0) > 1000)
    }

    @Test("Non-numeric amount, bad side, short row, bad timestamp")
    func badFields() throws {
        let files = try CryptoTempFiles()
        let good = "[1570752011620,\"1\",null,\"sell\",0.00141342,23.0,0.03250866]"
        let cases: [(String, String?, DataError.Code)] = [
            ("[1570752011620,\"2\",null,\"sell\",0.00141342,\"many\",0.03250866]", "amount", .badNumber),
            ("[1570752011620,\"2\",null,\"short\",0.00141342,23.0,0.03250866]", "side", .validationFailed),
            ("[1570752011620,\"2\",null,true,0.00141342,23.0,0.03250866]", "side", .validationFailed),
            ("[1570752011620,\"2\",null,\"sell\",0.00141342]", nil, .fieldCount),
            ("[\"2019-10-11\",\"2\",null,\"sell\",0.00141342,23.0,0.03250866]", "timestamp", .badTimestamp),
            ("[1570752011620,\"2\",null,\"sell\",null,23.0,0.03250866]", "price", .badNumber),
        ]
        for (index, (row, field, code)) in cases.enumerated() {
            let path = try files.write("bad\(index).json", "[\(good),\n\(row)]")
            let error = cryptoExpectDataError { try loader.load(path: path) }
            cryptoExpectLocated(error, file: path, line: 2, field: field, code: code)
            #expect(error?.message.contains("row index 1") == true, "\(String(describing: error))")
        }
    }
}
