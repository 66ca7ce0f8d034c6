import ArgumentParser
import BarbellData
import BarbellStore
import Foundation

/// `barbell data import FILE`: load, validate and store bars, all or nothing.
struct DataImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import bars from a file into the store (transactional and idempotent).",
        discussion: """
        The file is validated first; data with errors are refused (exit 2) unless repairs are \
        asked for. Importing the same file twice adds nothing. Rows that clash with stored bars \
        are refused unless --replace is given.
        """
    )

    @Argument(help: "CSV (optionally .gz) or candle JSON file.")
    var file: String

    @OptionGroup var input: InputOptions
    @OptionGroup var repair: RepairFlags
    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Overwrite stored bars that differ from the file.")
    var replace = false

    @Flag(help: "Import even when validation finds errors (they are still reported).")
    var force = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        let options = try input.loadOptions()
        var loaded = try MarketFile.loadBars(file, options: options)
        var reports: [DataQualityReport] = []
        var logs: [RepairLog] = []
        for k in loaded.indices {
            let (fixed, log) = loaded[k].repaired(repair.options, checkVolume: loaded[k].hasVolume)
            loaded[k] = fixed
            logs.append(log)
            var validation = repair.validationOptions
            validation.calendar = try repair.calendarChoice().calendar(for: fixed.series)
            reports.append(BarValidator(options: validation).validate(fixed))
        }
        let failing = reports.filter(\.hasErrors)
        if !failing.isEmpty && !force {
            var lines = ["\(file): refusing to import: validation found errors (nothing was written)."]
            for r in failing {
                lines.append("  \(r.symbol): \(r.errorCount) errors")
                lines += r.firstErrors(10).map { "    " + $0 }
            }
            lines.append("Use `barbell data validate` for the full report, or repair options such as --sort, --drop-duplicates, --forward-fill, --drop-invalid.")
            throw CommandFailure(message: lines.joined(separator: "\n"))
        }
        for s in loaded where s.series.timeframe == nil {
            throw CommandFailure(message: "\(file): cannot infer the timeframe of \(s.series.symbol); pass --timeframe", exitCode: ExitStatus.usage)
        }
        let store = try await storeOptions.open()
        let summary: ImportSummary
        do {
            summary = try await store.importBars(loaded.map(\.series), source: file, replace: replace)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        let warnings = reports.map(\.warningCount).reduce(0, +)
        if json {
            try printJSON(ImportOutput(file: file, store: storeOptions.location, series: loaded.map(\.series.symbol.name),
                                       rows: summary.rowsGiven, inserted: summary.rowsInserted, present: summary.rowsPresent,
                                       replaced: summary.rowsReplaced, contentHash: summary.contentHash,
                                       repairs: logs.map(\.summary), warnings: warnings))
            return
        }
        var table = TextTable(["symbol", "timeframe", "rows", "first", "last", "adjustment"], rightAligned: [2])
        for (k, s) in loaded.enumerated() {
            table.add([s.series.symbol.name, s.series.timeframe?.description ?? "-", String(s.count),
                       s.series.timestamps.first?.display ?? "-", s.series.timestamps.last?.display ?? "-", s.series.adjustment.description])
            if logs[k].changedAnything { print("\(s.series.symbol): repaired: \(logs[k].summary)") }
        }
        print(table.render())
        print("\(summary.rowsInserted) bars new, \(summary.rowsPresent) already stored, \(summary.rowsReplaced) replaced")
        if warnings > 0 { print("\(warnings) warnings (gaps, outliers, stale runs); see `barbell data validate \(file)`.") }
        print("stored in \(storeOptions.location)")
    }
}

struct ImportOutput: Encodable {
    var file: String
    var store: String
    var series: [String]
    var rows: Int
    var inserted: Int
    var present: Int
    var replaced: Int
    var contentHash: String
    var repairs: [String]
    var warnings: Int
}

/// Repair and validation switches shared by `import` and `validate`.
struct RepairFlags: ParsableArguments {
    @Flag(help: "Sort rows by timestamp.")
    var sort = false
    @Flag(name: .customLong("drop-duplicates"), help: "Keep the first of rows with equal timestamps.")
    var dropDuplicates = false
    @Flag(name: .customLong("forward-fill"), help: "Fill missing prices from the previous close, missing volume with 0.")
    var forwardFill = false
    @Flag(name: .customLong("drop-invalid"), help: "Drop rows that still have errors.")
    var dropInvalid = false
    @Option(name: .customLong("outlier-z"), help: "Robust z-score above which a return is flagged.")
    var outlierZ: Double = 10
    @Option(name: .customLong("stale-run"), help: "Flag runs of at least this many unchanged closes.")
    var staleRun: Int = 10
    @Option(help: "Exchange calendar for gap detection: auto, crypto, nyse, none.")
    var calendar: String = "auto"

    func calendarChoice() throws -> CalendarChoice {
        guard let c = CalendarChoice(rawValue: calendar) else {
            throw ValidationError("--calendar: expected auto, crypto, nyse or none, got '\(calendar)'")
        }
        return c
    }

    var options: RepairOptions {
        var o: RepairOptions = []
        if sort { o.insert(.sort) }
        if dropDuplicates { o.insert(.dropDuplicates) }
        if forwardFill { o.insert(.forwardFill) }
        if dropInvalid { o.insert(.dropInvalid) }
        return o
    }

    var validationOptions: ValidationOptions {
        var v = ValidationOptions()
        v.outlierZ = outlierZ
        v.staleRunLength = staleRun
        return v
    }
}
