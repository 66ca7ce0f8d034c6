import BarbellData
import Foundation

/// Fama-French factor returns as Kenneth French's data library publishes them: a CSV with a
/// `YYYYMM` (monthly) or `YYYYMMDD` (daily) date column and factor columns in **percent**
/// (`Date,Mkt-RF,SMB,HML,RF`). Values are stored as decimal returns (percent / 100).
///
/// `Samples/arch_frenchdata.csv.gz` bundles the monthly three factors, 1926-07 to 2018-11.
public struct FamaFrenchFactors: Sendable {
    /// The factor column names in file order, e.g. `["Mkt-RF", "SMB", "HML", "RF"]`.
    public var names: [String]
    /// The period of each row as written, `YYYYMM` or `YYYYMMDD`.
    public var periods: [Int]
    /// `values[t][j]`: factor `j` in period `t`, as a decimal return.
    public var values: [[Double]]

    /// Reads a factor file (plain or gzip).
    ///
    /// - Throws: `DataError` naming the file and line: `badHeader` when the first column is not
    ///   a date or there are no factor columns, `fieldCount` for a short or long row,
    ///   `badTimestamp` for a date that is not `YYYYMM` / `YYYYMMDD` or not increasing,
    ///   `badNumber` for a value that is not a number, `noDataRows` for an empty file.
    public static func load(_ path: String) throws(DataError) -> FamaFrenchFactors {
        var names: [String] = []
        var periods: [Int] = [], values: [[Double]] = []
        try LineReader(path: path).forEachLine { (bytes, line) throws(DataError) -> Bool in
            var text = String(decoding: bytes, as: UTF8.self)
            if line == 1, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return true }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if names.isEmpty {
                guard fields.count >= 2, fields[0].lowercased() == "date" || fields[0].isEmpty else {
                    throw DataError(.badHeader, "expected a header 'Date,<factor>,...' (Kenneth French's layout), got '\(text.prefix(80))'", file: path, line: line)
                }
                names = Array(fields.dropFirst())
                return true
            }
            guard fields.count == names.count + 1 else {
                throw DataError(.fieldCount, "expected \(names.count + 1) fields (date and \(names.joined(separator: ", "))), got \(fields.count)", file: path, line: line)
            }
            guard let period = Int(fields[0]), Self.isValidPeriod(period) else {
                throw DataError(.badTimestamp, "date '\(fields[0])' is not YYYYMM or YYYYMMDD", file: path, line: line)
            }
            if let last = periods.last, period <= last {
                throw DataError(.badTimestamp, "date \(period) does not follow \(last); rows must be in increasing date order", file: path, line: line)
            }
            var row: [Double] = []
            for (j, field) in fields.dropFirst().enumerated() {
                guard let v = Double(field), v.isFinite else {
                    throw DataError(.badNumber, "\(names[j]) is '\(field)', expected a number (percent)", file: path, line: line)
                }
                row.append(v / 100)
            }
            periods.append(period)
            values.append(row)
            return true
        }
        guard !values.isEmpty else { throw DataError(.noDataRows, "no factor rows", file: path) }
        return FamaFrenchFactors(names: names, periods: periods, values: values)
    }

    static func isValidPeriod(_ p: Int) -> Bool {
        if p >= 100_000 && p <= 999_999 { return (1...12).contains(p % 100) }
        if p >= 10_000_000 && p <= 99_999_999 { return (1...12).contains(p / 100 % 100) && (1...31).contains(p % 100) }
        return false
    }

    /// The column of factor `name`.
    public func column(_ name: String) throws -> [Double] {
        guard let j = names.firstIndex(of: name) else {
            throw QuantError(.invalidArgument, "no factor '\(name)'; the file has \(names.joined(separator: ", "))")
        }
        return values.map { $0[j] }
    }
}

/// Month-end to month-end simple returns from daily (or finer) prices, keyed `YYYYMM` like the
/// Fama-French monthly file. The first month, which has no previous month-end, is dropped; a
/// month is kept only if the previous calendar month also has a price.
public func monthlyReturns(timestamps: [Timestamp], prices: [Double]) throws -> (periods: [Int], returns: [Double]) {
    guard timestamps.count == prices.count else {
        throw QuantError(.shapeMismatch, "\(timestamps.count) timestamps but \(prices.count) prices")
    }
    var lastOfMonth: [(period: Int, price: Double)] = []
    for (t, p) in zip(timestamps, prices) where p.isFinite {
        guard p > 0 else { throw QuantError(.invalidArgument, "price \(p) at \(t.iso8601) is not positive") }
        let (y, m, _) = CivilDate.civilFromDays(t.epochDay)
        let period = y * 100 + m
        if lastOfMonth.last?.period == period { lastOfMonth[lastOfMonth.count - 1].price = p } else { lastOfMonth.append((period, p)) }
    }
    var periods: [Int] = [], returns: [Double] = []
    for (a, b) in zip(lastOfMonth, lastOfMonth.dropFirst()) {
        let previous = a.period % 100 == 12 ? (a.period / 100 + 1) * 100 + 1 : a.period + 1
        guard previous == b.period else { continue }
        periods.append(b.period)
        returns.append(b.price / a.price - 1)
    }
    return (periods, returns)
}
