import ArgumentParser
import BarbellData
import Foundation

/// `barbell data validate FILE`: the data-quality report; exit 0 when clean, 2 when not.
struct DataValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Report data-quality problems in a file (exit 0 clean, 2 problems found).",
        discussion: "Errors: missing values, duplicate or non-increasing timestamps, OHLC inconsistencies, non-positive prices, negative volume. Warnings: calendar gaps, return outliers, stale runs. Only errors make the exit code 2."
    )

    @Argument(help: "CSV (optionally .gz) or candle JSON file.")
    var file: String

    @OptionGroup var input: InputOptions
    @OptionGroup var repair: RepairFlags

    @Option(help: "Show at most this many issues per series in the table.")
    var limit: Int = 20

    @Flag(help: "Print the full report as JSON.")
    var json = false

    func run() async throws {
        let loaded = try MarketFile.loadBars(file, options: try input.loadOptions())
        var reports: [DataQualityReport] = []
        var logs: [String] = []
        for s in loaded {
            let (fixed, log) = s.repaired(repair.options, checkVolume: s.hasVolume)
            if log.changedAnything { logs.append("\(s.series.symbol): \(log.summary)") }
            var options = repair.validationOptions
            options.calendar = try repair.calendarChoice().calendar(for: fixed.series)
            reports.append(BarValidator(options: options).validate(fixed))
        }
        if json {
            try printJSON(reports)
        } else {
            for r in reports { print(render(r)) }
            for l in logs { print("repaired: \(l)") }
        }
        if reports.contains(where: \.hasErrors) {
            throw CommandFailure(message: "\(file): validation found errors", exitCode: ExitStatus.dataError)
        }
    }

    func render(_ r: DataQualityReport) -> String {
        var out = "\(r.symbol): \(r.rows) rows, \(r.first?.display ?? "-") .. \(r.last?.display ?? "-"): "
        out += r.counts.isEmpty ? "clean" : "\(r.errorCount) errors, \(r.warningCount) warnings"
        guard !r.issues.isEmpty else { return out }
        var table = TextTable(["line", "timestamp", "severity", "problem", "field", "detail"], rightAligned: [0])
        for issue in r.sortedIssues.prefix(limit) {
            table.add([issue.line.map(String.init) ?? "-", issue.timestamp.display, issue.severity.rawValue,
                       issue.kind.rawValue, issue.field ?? "", issue.detail])
        }
        out += "\n" + table.render()
        let kept = min(limit, r.issues.count)
        let total = r.counts.values.reduce(0, +)
        if total > kept { out += "\n… \(total - kept) more; use --json or --limit." }
        return out
    }
}
