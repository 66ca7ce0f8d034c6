/// What a CSV column means to a bar loader.
public enum CSVColumnRole: String, Sendable, Hashable, CaseIterable {
    case timestamp, open, high, low, close, adjClose = "adj_close", volume, vwap, trades
    case dividend, split, ticker
    /// Present in the file but not used.
    case ignored

    /// Recognises common header spellings (Yahoo, Quandl/WIKI, zipline csvdir, Binance exports,
    /// pandas `to_csv`). Matching is case-insensitive and ignores spaces, `_` and `-`.
    public static func recognise(_ header: String) -> CSVColumnRole? {
        let key = header.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "date", "datetime", "time", "timestamp", "ts", "opentime", "timeopen", "day", "dt", "utc", "gmttime": return .timestamp
        case "open", "o", "openprice", "openbid": return .open
        case "high", "h", "highprice", "max": return .high
        case "low", "l", "lowprice", "min": return .low
        case "close", "c", "closeprice", "last", "closelast": return .close
        case "adjclose", "adjustedclose", "adjcloseprice": return .adjClose
        case "volume", "vol", "v", "basevolume", "qty", "quantity": return .volume
        case "vwap", "averageprice", "avgprice": return .vwap
        case "trades", "tradecount", "numberoftrades", "count", "ntrades", "numtrades", "transactions": return .trades
        case "dividend", "dividends", "exdividend", "divcash", "cashdividend": return .dividend
        case "split", "splits", "splitratio", "splitfactor", "stocksplits": return .split
        case "ticker", "symbol", "sym", "instrument", "code", "asset", "permno": return .ticker
        default: return nil
        }
    }
}
