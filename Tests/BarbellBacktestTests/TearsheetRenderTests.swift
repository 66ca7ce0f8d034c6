import BarbellBacktest
import BarbellData
import Foundation
import Testing

/// The HTML page and its JSON twin: self-contained, escaped, free of non-finite coordinates,
/// small for long series, and carrying the same data.
@Suite("Tearsheet rendering")
struct TearsheetRenderTests {
    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    /// Every coordinate-like attribute of every SVG element is a plain number and every path is
    /// made of commands and numbers only.
    static func coordinatesAreNumbers(_ html: String) -> (Bool, String) {
        for d in matches(#" d="([^"]*)""#, in: html) where d.range(of: #"^[MLZ0-9.,\-]*$"#, options: .regularExpression) == nil {
            return (false, "path d=\(d.prefix(80))")
        }
        for name in ["x", "y", "x1", "y1", "x2", "y2", "width", "height"] {
            for v in matches(" \(name)=\"([^\"]*)\"", in: html) where Double(v) == nil || !Double(v)!.isFinite {
                return (false, "\(name)=\(v)")
            }
        }
        return (true, "")
    }

    @Test("the page is self-contained: no scripts, external resources or network addresses")
    func selfContained() throws {
        let html = try Tearsheet.html(TearsheetSample.make(bars: 800))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url(") && !html.contains("@import"))
        let addresses = Self.matches(#"(https?://[^"\s<]*)"#, in: html)
        #expect(Set(addresses) == ["http://www.w3.org/2000/svg"], "\(Set(addresses))")
        // Every chart is there, with the regime names in the legend and the figures in the header.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 9)
        for needle in ["Equity", "Underwater", "Rolling Sharpe", "Rolling volatility", "Monthly returns", "Distribution of returns",
                       "VaR 95%", "CVaR 95%", "Regimes on SPY", "calm", "trending", "turbulent", "Feature importance", "momentum_63",
                       "Honesty statistics", "Deflated Sharpe (DSR)", "Total return", "CAGR", "Max drawdown", "out of sample",
                       "Past performance promises nothing"] {
            #expect(html.contains(needle), "missing \(needle)")
        }
        let (ok, bad) = Self.coordinatesAreNumbers(html)
        #expect(ok, "\(bad)")
    }

    @Test("text is escaped for HTML")
    func escaping() throws {
        var data = TearsheetSample.make(bars: 300, title: "<b>A&B</b> \"quoted\"")
        data.symbols = ["<script>alert(1)</script>"]
        data.featureImportance = [TearsheetImportance(feature: "x<y & 'z'", value: 1)]
        data.trades[0].symbol = "</td><img>"
        let html = try Tearsheet.html(data)
        #expect(!html.contains("<b>A&B</b>") && html.contains("&lt;b&gt;A&amp;B&lt;/b&gt; &quot;quoted&quot;"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("x&lt;y &amp; &apos;z&apos;") && !html.contains("<img>"))
    }

    @Test("NaN and infinite values are skipped, never written as coordinates")
    func nonFinite() throws {
        var data = TearsheetSample.make(bars: 400)
        for i in [0, 5, 6, 7, 100, 399] { data.equity[i] = .nan }
        data.equity[50] = .infinity
        data.benchmarkEquity![10] = -.infinity
        data.exposure[20] = .nan
        data.regimes!.prices[30] = .nan
        data.featureImportance![0].value = .nan
        let html = try Tearsheet.html(data)
        let (ok, bad) = Self.coordinatesAreNumbers(html)
        #expect(ok, "\(bad)")
        #expect(!html.lowercased().contains("nan") && !html.lowercased().contains("inf\""))
        // An all-missing series draws nothing rather than failing.
        data.exposure = [Double](repeating: .nan, count: 400)
        data.equity = [Double](repeating: .nan, count: 400)
        let empty = try Tearsheet.html(data)
        #expect(Self.coordinatesAreNumbers(empty).0 && !empty.lowercased().contains("nan"))
    }

    @Test("degenerate runs still render: two bars, flat equity, no trades, no regimes or importance")
    func degenerate() throws {
        let t = [Timestamp(year: 2024, month: 2, day: 29), Timestamp(year: 2024, month: 3, day: 1)]
        let two = try Tearsheet.html(TearsheetData(title: "two bars", timestamps: t, equity: [100, 101]))
        #expect(Self.coordinatesAreNumbers(two).0 && two.contains("No trades.") && !two.contains("Feature importance"))
        #expect(two.components(separatedBy: "<svg ").count - 1 == 7)
        let days = (0..<300).map { Timestamp(year: 2024, month: 1, day: 1) + Int64($0) * Timestamp.nanosPerDay }
        let flat = TearsheetData(title: "flat", timestamps: days, equity: [Double](repeating: 5, count: 300), exposure: [Double](repeating: 0, count: 300))
        let html = try Tearsheet.html(flat)
        #expect(Self.coordinatesAreNumbers(html).0 && !html.lowercased().contains("nan"))
        let derived = try TearsheetDerived(flat)
        #expect(derived.summary.totalReturn == 0 && derived.summary.sharpe == nil && derived.rollingSharpe.allSatisfy { $0 == nil })
        #expect(derived.rollingVolatility.last! == 0 && derived.histogram.counts.reduce(0, +) == 299)
    }

    @Test("a million bars are downsampled: the page stays under 2 MB")
    func longSeries() throws {
        let data = TearsheetSample.make(bars: 1_000_000, step: 60 * Timestamp.nanosPerSecond, periodsPerYear: 365 * 24 * 60)
        let html = try Tearsheet.html(data)
        #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
        // Each line keeps at most four points per pixel column of a 1232-wide chart.
        let longest = Self.matches(#" d="([^"]*)""#, in: html).map { $0.filter { $0 == "L" }.count }.max() ?? 0
        #expect(longest < 4 * 1232 && longest > 1000, "\(longest) points in the longest path")
        #expect(data.trades.count > Tearsheet.tradeRowLimit && html.contains("\(data.trades.count - Tearsheet.tradeRowLimit) more in the JSON"))
        #expect(html.components(separatedBy: "<tr><td>").count - 1 == Tearsheet.tradeRowLimit)
    }

    @Test("dates along the x axis: years for multi-year data, months, days or clock times for shorter spans")
    func dateTicks() throws {
        let years = try Tearsheet.html(TearsheetSample.make(bars: 1500))
        for y in 2019...2022 { #expect(years.contains(">\(y)</text>"), "year \(y)") }
        let months = try Tearsheet.html(TearsheetSample.make(bars: 200))
        #expect(months.contains(">2018-03</text>") && !months.contains(">2019</text>"))
        let hours = try Tearsheet.html(TearsheetSample.make(bars: 600, step: 60 * Timestamp.nanosPerSecond, periodsPerYear: 525_600))
        #expect(hours.contains(">02:00</text>") || hours.contains(">01:00</text>"))
    }

    @Test("the JSON twin holds the data and the derived series, with sorted keys, and reads back")
    func jsonTwin() throws {
        var data = TearsheetSample.make(bars: 500)
        data.equity[3] = .nan
        let json = try Tearsheet.json(data)
        var document = try Tearsheet.decoder.decode(TearsheetDocument.self, from: json)
        #expect(document.schema == "barbell.tearsheet/1")
        #expect(document.data.equity[3].isNaN)
        document.data.equity[3] = 0
        var expected = data
        expected.equity[3] = 0
        #expect(document.data == expected)
        let derived = try TearsheetDerived(data)
        #expect(document.derived == derived && !derived.monthlyReturns.isEmpty && derived.rollingSharpe.contains { $0 != nil })
        let object = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        #expect(Set(object.keys) == ["schema", "data", "derived"])
        let derivedObject = object["derived"] as! [String: Any]
        for key in ["returns", "drawdown", "rollingSharpe", "rollingVolatility", "monthlyReturns", "yearlyReturns", "histogram", "summary"] {
            #expect(derivedObject[key] != nil, "derived.\(key)")
        }
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"return\":") && text.range(of: #""data":\{"benchmarkEquity""#, options: .regularExpression) != nil)
        // Same bytes every time.
        #expect(try Tearsheet.json(data) == json)
    }

    @Test("write puts both files in place and refuses bad data without writing")
    func write() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tearsheet-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = TearsheetSample.make(bars: 300)
        let html = dir.appendingPathComponent("report.html"), json = dir.appendingPathComponent("report.json")
        try Tearsheet.write(data, htmlTo: html, jsonTo: json)
        #expect(try String(contentsOf: html, encoding: .utf8) == Tearsheet.html(data))
        #expect(try Data(contentsOf: json) == Tearsheet.json(data))
        var bad = data
        bad.exposure = [1]
        let other = dir.appendingPathComponent("bad.html")
        #expect(throws: BacktestError.self) { try Tearsheet.write(bad, htmlTo: other, jsonTo: nil) }
        #expect(!FileManager.default.fileExists(atPath: other.path))
        let contents = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(contents == ["report.html", "report.json"], "no temporary files left: \(contents)")
    }
}
