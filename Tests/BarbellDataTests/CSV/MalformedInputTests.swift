import Foundation
import Testing
@testable import BarbellData

/// Every malformed file gives a DataError naming the file, line and (where relevant) field.
@Suite("Malformed input")
struct MalformedInputTests {
    func expectError(_ path: String, _ code: DataError.Code, line: Int?, field: String? = nil,
                     options: BarCSVOptions = BarCSVOptions(), sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try BarCSVReader(options: options).read(path)
            Issue.record("expected \(code) error", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(error.file == path, sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
        }
    }

    @Test func emptyFile() {
        expectError(Fixtures.temporaryFile(""), .emptyFile, line: nil)
    }

    @Test func headerOnly() {
        expectError(Fixtures.temporaryFile("Date,Open,High,Low,Close,Volume\n"), .noDataRows, line: 1)
    }

    @Test func wrongDelimiterExplicit() throws {
        var options = BarCSVOptions()
        options.delimiter = UInt8(ascii: ",")
        let path = Fixtures.temporaryFile("Date;Open;High;Low;Close\n2024-01-02;1;2;0.5;1.5\n")
        expectError(path, .badHeader, line: 1, options: options)
        do { _ = try BarCSVReader(options: options).read(path) } catch {
            #expect(error.message.contains("';'"))
        }
    }

    @Test func dataRowsWithOtherDelimiter() {
        expectError(Fixtures.temporaryFile("Date,Open,High,Low,Close\n2024-01-02;1;2;0.5;1.5\n"), .fieldCount, line: 2)
    }

    @Test func nonNumericField() {
        expectError(Fixtures.temporaryFile("Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n2024-01-03,1,abc,0.5,1.5\n"),
                    .badNumber, line: 3, field: "High")
    }

    @Test func unparseableDate() {
        expectError(Fixtures.temporaryFile("Date,Open,High,Low,Close\n2024-01-02,1,2,0.5,1.5\n2024-13-45,1,2,0.5,1.5\n"),
                    .badTimestamp, line: 3, field: "Date")
    }

    @Test func mixedTimestampUnits() {
        expectError(Fixtures.temporaryFile("timestamp,open,high,low,close\n1700000000000,1,2,0.5,1.5\n1700000060000000,1,2,0.5,1.5\n"),
                    .mixedTimestampUnits, line: 3, field: "timestamp")
    }

    @Test func truncatedGzip() throws {
        let original = Fixtures.sample("arch_sp500.csv.gz")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: original)))
        let path = Fixtures.temporaryFile(bytes: Array(bytes.prefix(bytes.count / 2)), name: "cut.csv.gz")
        do {
            _ = try BarCSVReader().read(path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .corruptCompression)
            #expect(error.file == path)
            #expect((error.line ?? 0) > 1000)   // the rows before the cut were read
        }
    }

    @Test func noTimestampColumn() {
        expectError(Fixtures.temporaryFile("Foo,Open,High,Low,Close\nx,1,2,0.5,1.5\n"), .badTimestamp, line: 2, field: "Foo")
    }

    @Test func headerlessWithUnknownColumnCount() {
        expectError(Fixtures.temporaryFile("2024-01-02,1,2\n"), .badHeader, line: 1)
    }

    @Test("a line longer than the limit is refused without loading it")
    func hugeLine() throws {
        // 70 MiB with no newline: past the 64 MiB default limit.
        let path = Fixtures.temporaryFile("Date,Open,High,Low,Close\n", name: "huge.csv")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        let block = Data(repeating: UInt8(ascii: "9"), count: 1 << 20)
        for _ in 0..<70 { handle.write(block) }
        handle.closeFile()
        expectError(path, .lineTooLong, line: 2)
    }

    @Test func missingFile() {
        expectError("/nonexistent/dir/file.csv", .fileNotFound, line: nil)
    }

    @Test("unsorted rows load but fail validation with the line numbers")
    func unsortedRows() throws {
        let path = Fixtures.temporaryFile("Date,Open,High,Low,Close,Volume\n2024-01-03,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n")
        let s = try #require(try BarCSVReader().read(path).first)
        let report = BarValidator().validate(s)
        #expect(report.hasErrors)
        #expect(report.issues.map(\.kind) == [.timestampNotIncreasing])
        #expect(report.issues.first?.line == 3)
    }
}
