import BarbellData
import Testing

/// NYSE calendar against real daily index and stock files: every trading day present, no
/// bar on a closed day.
@Suite("Exchange calendars on real data")
struct ExchangeCalendarRealDataTests {
    /// First-column dates of a CSV (after the header), `M/D/YYYY` or `YYYY-MM-DD[...]`.
    static func dates(_ relative: String) throws -> [Timestamp] {
        let lines = try AggTestData.text(relative).split(separator: "\n").dropFirst()
        return lines.compactMap { line -> Timestamp? in
            let field = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if field.contains("/") {
                let p = field.split(separator: "/").map { Int($0)! }
                return Timestamp(year: p[2], month: p[0], day: p[1])
            }
            let p = field.prefix(10).split(separator: "-").map { Int($0)! }
            return p.count == 3 ? Timestamp(year: p[0], month: p[1], day: p[2]) : nil
        }
    }

    static let files = ["equities_daily/arch_sp500.csv.gz", "equities_daily/arch_nasdaq.csv.gz",
                        "equities_daily/skfolio_sp500_index.csv.gz", "equities_daily/pypfopt_spy_prices.csv",
                        "equities_daily/pypfopt_stock_prices.csv"]

    @Test("daily equity files have zero gaps against the NYSE calendar",
          .enabled(if: AggTestData.has("equities_daily/arch_sp500.csv.gz")), arguments: files)
    func zeroGaps(file: String) throws {
        guard AggTestData.has(file) else { return }
        let days = try Self.dates(file)
        let nyse = WeekdaySessionCalendar.nyse
        #expect(days.count > 5_000)
        let gaps = nyse.gaps(in: days, timeframe: .oneDay)
        #expect(gaps.isEmpty, "\(file): \(gaps.prefix(10))")
        let unexpected = days.filter { !nyse.isExpectedBarStart($0, timeframe: .oneDay) }
        #expect(unexpected.isEmpty, "\(file): bars on closed days \(unexpected.prefix(10))")
        #expect(nyse.expectedBarCount(.oneDay, from: days.first!, to: days.last! + 1) == days.count)
        if file.hasSuffix("arch_sp500.csv.gz") { #expect(days.count == 5_031) }
    }
}
