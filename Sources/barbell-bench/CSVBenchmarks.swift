import ArgumentParser
import BarbellData
import Foundation

/// `barbell-bench gen-csv`: writes the synthetic OHLCV file both Barbell and pandas read.
struct GenerateCSV: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gen-csv", abstract: "Write a synthetic 1-minute OHLCV CSV.")

    @Option var rows = 5_000_000
    @Option var seed: UInt64 = 42
    @Option var out = "/tmp/barbell-bench-ohlcv.csv"

    func run() throws {
        var gen = SyntheticBars(seed: seed)
        let s = gen.series(count: rows)
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        var buffer = BarCSVWriter.header(for: s) + "\n"
        for i in 0..<s.count {
            buffer += BarCSVWriter.row(s, i) + "\n"
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        handle.write(Data(buffer.utf8))
        try handle.close()
        print("wrote \(rows) rows to \(out)")
    }
}

/// `barbell-bench csv-parse`: parse + validate an OHLCV CSV.
struct CSVParse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv-parse", abstract: "Parse and validate an OHLCV CSV (see gen-csv).")

    @Option var file = "/tmp/barbell-bench-ohlcv.csv"
    @Option var repeats = 3
    @Option(help: "Cores for parsing and validation: 0 = all (the default), 1 = one core.")
    var threads = 0

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("\(file) does not exist: run `barbell-bench gen-csv --out \(file)` first")
        }
        var csv = BarCSVOptions()
        csv.threads = threads
        var checks = ValidationOptions()
        checks.concurrentChecks = threads != 1
        let parse = try bestOf(repeats) { try BarCSVReader(options: csv).read(file) }
        let rows = parse.result.first?.count ?? 0
        report("csv parse", items: rows, seconds: parse.seconds, unit: "rows")
        let validate = bestOf(repeats) { BarValidator(options: checks).validate(parse.result[0]) }
        report("validate", items: rows, seconds: validate.seconds, unit: "rows")
        report("csv parse + validate", items: rows, seconds: parse.seconds + validate.seconds, unit: "rows")
        if validate.result.hasErrors { print("note: validation found errors: \(validate.result.firstErrors(3))") }
    }
}
