import BarbellBacktest
import Foundation

/// The human tables of a backtest report.
enum BacktestTables {
    static func render(_ report: BacktestReport) -> String {
        var lines: [String] = []
        lines.append("\(report.name): \(report.symbols.count) symbol\(report.symbols.count == 1 ? "" : "s"), \(report.first.display) – \(report.last.display), \(report.bars) bars, \(report.fills) fills")
        var table = TextTable(["", "strategy", report.benchmarkName ?? "benchmark"], rightAligned: [1, 2])
        for row in report.statisticRows {
            table.add([row.name, row.formatted, row.note?.replacingOccurrences(of: "benchmark ", with: "") ?? ""])
        }
        lines.append(table.render())
        var honesty = TextTable(["honesty", "value", "meaning"], rightAligned: [1])
        for row in report.honestyRows { honesty.add([row.name, row.formatted, row.note ?? ""]) }
        lines.append(honesty.render())
        if let regimes = report.regimes {
            var t = TextTable(["regime", "share of bars", "annual return", "volatility", "Sharpe", "max drawdown"], rightAligned: [1, 2, 3, 4, 5])
            for r in regimes.regimes {
                t.add([r.name ?? "regime \(r.label)", String(format: "%.1f%%", r.fraction * 100),
                       String(format: "%+.1f%%", r.compoundedAnnualReturn * 100),
                       r.annualVolatility.map { String(format: "%.1f%%", $0 * 100) } ?? "-",
                       r.sharpe.map { String(format: "%.2f", $0) } ?? "-", String(format: "%.1f%%", r.maxDrawdown * 100)])
            }
            lines.append("performance by market regime (HMM on the benchmark's returns; each bar's regime predicted from earlier bars only)")
            lines.append(t.render())
        }
        lines.append(String(format: "costs: commission %.2f, slippage %.2f, borrow %.2f (%.2f%% of initial cash)",
                            report.costs.commission, report.costs.slippage, report.costs.borrow, report.costs.fractionOfInitialCash * 100))
        if !report.orderExceptions.isEmpty {
            lines.append("order log: " + report.orderExceptions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                         + " (each with its reason in the tearsheet's JSON)")
        }
        for note in report.notes { lines.append("note: \(note)") }
        lines.append("Every figure is out of sample and after costs; past performance promises nothing.")
        return lines.joined(separator: "\n")
    }
}
