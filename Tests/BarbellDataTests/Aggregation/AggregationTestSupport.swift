import BarbellData
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

typealias AggSplitMix64 = SplitMix64

/// Locates `/work/shared/data`-style real data next to the repository: `<repo root>/../shared/data`.
enum AggTestData {
    static let directory: String? = {
        if let env = ProcessInfo.processInfo.environment["BARBELL_SHARED_DATA"], FileManager.default.fileExists(atPath: env) {
            return env
        }
        // This file is <root>/Tests/BarbellDataTests/Aggregation/…; the folder may be reached
        // through a symlink (isolated builds), so try the path as compiled and its real path.
        var candidates = [#filePath]
        if let real = realpath(#filePath, nil) {
            candidates.append(String(cString: real))
            free(real)
        }
        for file in candidates {
            var url = URL(fileURLWithPath: file)
            for _ in 0..<4 { url.deleteLastPathComponent() }
            let data = url.appendingPathComponent("..").appendingPathComponent("shared").appendingPathComponent("data").standardizedFileURL.path
            if FileManager.default.fileExists(atPath: data) { return data }
        }
        return nil
    }()

    static func path(_ relative: String) -> String? {
        guard let dir = directory else { return nil }
        let p = dir + "/" + relative
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    static func has(_ relatives: String...) -> Bool { relatives.allSatisfy { path($0) != nil } }

    /// Whole text of a (possibly gzip-compressed) file, via the project's public LineReader.
    static func text(_ relative: String) throws -> String {
        guard let p = path(relative) else { throw DataError(.fileNotFound, "missing test data", file: relative) }
        var out = ""
        try LineReader(path: p).forEachLine { (line, _) throws(DataError) -> Bool in
            out += String(decoding: line, as: UTF8.self)
            out += "\n"
            return true
        }
        return out
    }

    /// Minimal reader for a JSON array of flat arrays of numbers, strings and nulls (freqtrade
    /// files): each element is returned as its raw text (strings unquoted) or nil for null.
    /// Numbers stay text so the test decides how to convert them (Int64 or Double, both exact).
    static func arrayOfArrays(_ relative: String) throws -> [[String?]] {
        let bytes = Array(try text(relative).utf8)
        var rows: [[String?]] = []
        var row: [String?] = []
        var depth = 0
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "["):
                depth += 1
                if depth == 2 { row = [] }
                i += 1
            case UInt8(ascii: "]"):
                if depth == 2 { rows.append(row) }
                depth -= 1
                i += 1
            case UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                i += 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                row.append(String(decoding: bytes[(i + 1)..<j], as: UTF8.self))
                i = j + 1
            default:
                var j = i
                while j < bytes.count, !",] \n\r\t".utf8.contains(bytes[j]) { j += 1 }
                let token = String(decoding: bytes[i..<j], as: UTF8.self)
                row.append(token == "null" ? nil : token)
                i = j
            }
        }
        return rows
    }

    /// freqtrade candles `[ms, o, h, l, c, v]` as bars (volume null → NaN).
    static func freqtradeCandles(_ relative: String, timeframe: Timeframe) throws -> BarSeries {
        var s = BarSeries(symbol: "test", timeframe: timeframe)
        for r in try arrayOfArrays(relative) {
            s.append(Bar(timestamp: Timestamp(milliseconds: Int64(r[0]!)!), open: Double(r[1]!)!, high: Double(r[2]!)!,
                         low: Double(r[3]!)!, close: Double(r[4]!)!, volume: r[5].flatMap { Double($0) } ?? .nan))
        }
        return s
    }

    /// freqtrade trades `[ms, id, type, side, price, amount, cost]`.
    static func freqtradeTrades(_ relative: String) throws -> TradeSeries {
        var s = TradeSeries(symbol: "test")
        for r in try arrayOfArrays(relative) {
            s.append(Trade(timestamp: Timestamp(milliseconds: Int64(r[0]!)!), price: Double(r[4]!)!, size: Double(r[5]!)!))
        }
        return s
    }
}

/// Bit-level equality of bars: `==` on Double treats NaN ≠ NaN and 0 == −0, both wrong here.
func aggIdentical(_ a: Bar, _ b: Bar) -> Bool {
    a.timestamp == b.timestamp
        && a.open.bitPattern == b.open.bitPattern && a.high.bitPattern == b.high.bitPattern
        && a.low.bitPattern == b.low.bitPattern && a.close.bitPattern == b.close.bitPattern
        && a.volume.bitPattern == b.volume.bitPattern
        && a.vwap?.bitPattern == b.vwap?.bitPattern && a.tradeCount == b.tradeCount
}

/// Records an issue naming the first differing bar.
func aggExpectIdentical(_ a: [Bar], _ b: [Bar], _ context: @autoclosure () -> String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    guard a.count == b.count else {
        Issue.record("\(context()): \(a.count) vs \(b.count) bars", sourceLocation: sourceLocation)
        return
    }
    if let i = a.indices.first(where: { !aggIdentical(a[$0], b[$0]) }) {
        Issue.record("\(context()): bar \(i) differs: \(a[i]) vs \(b[i])", sourceLocation: sourceLocation)
    }
}

/// Runs a trade stream through ``TradeBarAggregator``; `clockEvery > 0` also advances the clock
/// to the next trade's timestamp every that many trades, which must not change the bars.
func aggStream(_ trades: TradeSeries, rule: TradeBarRule, clockEvery: Int = 0) throws(DataError) -> [Bar] {
    var agg = try TradeBarAggregator(rule: rule)
    var bars: [Bar] = []
    for i in 0..<trades.count {
        if clockEvery > 0, i % clockEvery == 0, let b = agg.advance(to: trades.timestamps[i]) { bars.append(b) }
        if let b = try agg.push(trades[i]) { bars.append(b) }
    }
    if let b = agg.finish() { bars.append(b) }
    return bars
}

/// Runs bars through ``BarResampler``, optionally advancing the clock as above.
func aggStreamResample(_ series: BarSeries, to target: Timeframe, clockEvery: Int = 0) throws(DataError) -> [Bar] {
    var r = try BarResampler(from: series.timeframe!, to: target)
    var out: [Bar] = []
    for i in 0..<series.count {
        if clockEvery > 0, i % clockEvery == 0, let b = r.advance(to: series.timestamps[i]) { out.append(b) }
        if let b = try r.push(series[i]) { out.append(b) }
    }
    if let b = r.finish() { out.append(b) }
    return out
}

/// Captures the DataError a throwing call raises, or nil.
func aggError<T>(_ body: () throws -> T) -> DataError? {
    do {
        _ = try body()
        return nil
    } catch let e as DataError {
        return e
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}
