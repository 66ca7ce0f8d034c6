import Foundation
import Testing
@testable import BarbellData

/// A plain OHLCV file salted with rows only the general path can read: quoted and padded
/// fields, empty and `NaN` values, exponents, long mantissas, `+` signs, CRLF endings,
/// trailing delimiters and blank lines. Large enough for several blocks and the parallel path.
private func awkwardFile(rows: Int, seed: UInt64, trailingNewline: Bool = true, saltEvery: UInt64 = 400) -> String {
    var rng = SplitMix64(seed: seed)
    var text = "timestamp,open,high,low,close,volume\n"
    var price = 100.0
    for i in 0..<rows {
        price *= 1 + (rng.nextUniform() - 0.5) * 0.002
        let o = (price * 100).rounded() / 100
        let c = ((price * (1 + (rng.nextUniform() - 0.5) * 0.001)) * 100).rounded() / 100
        let h = max(o, c) + 0.01, l = min(o, c) - 0.01
        let v = (rng.nextUniform() * 1000 * 1000).rounded() / 1000
        let (y, m, d) = CivilDate.civilFromDays(18_000 + Int64(i / 1440))
        let minute = String(format: "%04d-%02d-%02dT%02d:%02d:00Z", y, m, d, (i / 60) % 24, i % 60)
        var fields = [minute, "\(o)", "\(h)", "\(l)", "\(c)", "\(v)"]
        var ending = "\n"
        switch rng.next() % saltEvery {
        case 0: fields[1] = "\"\(o)\""
        case 1: fields[2] = " \(h) "
        case 2: fields[5] = ""
        case 3: fields[5] = "NaN"
        case 4: fields[4] = String(format: "%.6e", c)
        case 5: fields[3] = "\(l)0000000000000000000001"
        case 6: fields[1] = "+\(o)"
        case 7: ending = "\r\n"
        case 8: fields.append("")
        case 9: ending = "\n\n"
        case 10: fields[0] = "\"\(minute)\""
        default: break
        }
        text += fields.joined(separator: ",") + ending
    }
    if !trailingNewline { text.removeLast() }
    return text
}

private func read(_ path: String, fastPath: Bool, threads: Int) throws -> LoadedSeries {
    var options = BarCSVOptions()
    options.allowsFastPath = fastPath
    options.threads = threads
    let loaded = try BarCSVReader(options: options).read(path)
    #expect(loaded.count == 1)
    return loaded[0]
}

/// The first row where two columns differ bitwise (NaN equals NaN, -0.0 differs from 0.0),
/// or nil; reported instead of the columns, which are too long to print.
private func firstDifference(_ a: [Double], _ b: [Double]) -> Int? {
    firstDifference(a.map(\.bitPattern), b.map(\.bitPattern))
}

private func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? {
    if let k = a.indices.first(where: { $0 >= b.count || a[$0] != b[$0] }) { return k }
    return a.count == b.count ? nil : a.count
}

private func expectIdentical(_ a: LoadedSeries, _ b: LoadedSeries, sourceLocation: SourceLocation = #_sourceLocation) {
    let columns: [(String, Int?)] = [
        ("timestamps", firstDifference(a.series.timestamps, b.series.timestamps)),
        ("open", firstDifference(a.series.open, b.series.open)),
        ("high", firstDifference(a.series.high, b.series.high)),
        ("low", firstDifference(a.series.low, b.series.low)),
        ("close", firstDifference(a.series.close, b.series.close)),
        ("volume", firstDifference(a.series.volume, b.series.volume)),
        ("lines", firstDifference(a.lines, b.lines)),
    ]
    for (name, row) in columns {
        #expect(row == nil, "\(name) differ from row \(row ?? 0)", sourceLocation: sourceLocation)
    }
}

@Suite("CSV fast path agrees with the general path")
struct FastPathEquivalenceTests {
    /// Dense salt makes the fast path hand over often; rare salt (about ten rows in a file of
    /// several blocks) lets whole blocks go parallel and be joined.
    @Test("same series and line numbers with the fast path on one or many cores as without it",
          arguments: [(true, 400), (false, 400), (true, 10_000), (false, 10_000)] as [(Bool, UInt64)])
    func sameSeries(trailingNewline: Bool, saltEvery: UInt64) throws {
        let path = Fixtures.temporaryFile(awkwardFile(rows: 100_000, seed: 7, trailingNewline: trailingNewline, saltEvery: saltEvery))
        let general = try read(path, fastPath: false, threads: 1)
        #expect(general.series.count == 100_000)
        // The salted rows really are there: some volumes are missing, some lines skipped.
        #expect(general.series.volume.contains { $0.isNaN })
        #expect(general.lines.last! > 100_001)
        for threads in [1, 2, 3, 8] {
            expectIdentical(try read(path, fastPath: true, threads: threads), general)
        }
    }

    @Test("same series from gzip (read path) and plain (mapped) files")
    func gzipAndPlain() throws {
        let text = awkwardFile(rows: 20_000, seed: 11)
        let plain = Fixtures.temporaryFile(text)
        let gz = Fixtures.temporaryFile(bytes: try gzipped(text), name: "data.csv.gz")
        expectIdentical(try read(gz, fastPath: true, threads: 2), try read(plain, fastPath: true, threads: 2))
    }

    @Test("an error deep in a large file is the same error on every path",
          arguments: ["1.5x", "", "2021-13-01T00:00:00Z"])
    func sameError(bad: String) throws {
        // Split bytes, not Characters: "\r\n" is one Character and would hide line ends.
        var lines = awkwardFile(rows: 50_000, seed: 3).utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        // Line 40 001 of the file (index 40 000): break its close, or its timestamp.
        var fields = lines[40_000].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if bad.hasPrefix("2021") { fields[0] = bad } else { fields[4] = bad }
        lines[40_000] = fields.joined(separator: ",")
        let path = Fixtures.temporaryFile(lines.joined(separator: "\n"))
        func failure(fastPath: Bool, threads: Int) -> DataError? {
            do { _ = try read(path, fastPath: fastPath, threads: threads); return nil } catch let e as DataError { return e } catch { return nil }
        }
        let general = failure(fastPath: false, threads: 1)
        // An empty close is not an error: it is a missing value the validator reports.
        if bad.isEmpty {
            #expect(general == nil)
            let series = try read(path, fastPath: true, threads: 2)
            expectIdentical(series, try read(path, fastPath: false, threads: 1))
            return
        }
        #expect(general?.line == 40_001, "\(String(describing: general))")
        #expect(general?.field == (bad.hasPrefix("2021") ? "timestamp" : "close"))
        for threads in [1, 2, 4] { #expect(failure(fastPath: true, threads: threads) == general) }
    }

    @Test("Yahoo files with Adj Close take the fast path and keep the adjusted column")
    func adjClose() throws {
        var text = "Date,Open,High,Low,Close,Adj Close,Volume\n"
        var rng = SplitMix64(seed: 5)
        for d in 0..<30_000 {
            let p = 50 + Double(Int(rng.nextUniform() * 10_000)) / 100
            let (y, m, day) = CivilDate.civilFromDays(Int64(d))
            text += String(format: "%04d-%02d-%02d", y, m, day) + ",\(p),\(p + 1),\(p - 1),\(p),\(p * 0.9),\(d)\n"
        }
        let path = Fixtures.temporaryFile(text)
        var general = BarCSVOptions()
        general.allowsFastPath = false
        let a = try BarCSVReader(options: general).read(path)[0]
        let b = try BarCSVReader().read(path)[0]
        expectIdentical(a, b)
        #expect(a.adjClose != nil && firstDifference(a.adjClose!, b.adjClose ?? []) == nil)
    }
}

/// gzip-compresses `text` with the system gzip (independent of the reader under test).
func gzipped(_ text: String) throws -> [UInt8] {
    let source = Fixtures.temporaryFile(text)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "gzip -c '\(source)'"]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return [UInt8](data)
}
