import ArgumentParser
import BarbellData

/// How to read a market-data file: format, CSV layout, timestamps, symbol and timeframe.
struct InputOptions: ParsableArguments {
    @Option(help: "File format: \(MarketFileFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: MarketFileFormat = .auto

    @Option(help: "CSV layout: auto, ohlcv, long (ticker column), wide (one close column per ticker).")
    var layout: BarCSVOptions.Layout = .auto

    @Option(help: "CSV field separator (',', ';', 'tab', '|'); sniffed from the first line by default.")
    var delimiter: String?

    @Flag(name: .customLong("no-header"), help: "The CSV file has no header line.")
    var noHeader = false

    @Option(help: "Comma-separated column roles by position, e.g. timestamp,open,high,low,close,volume.")
    var columns: String?

    @Option(name: .customLong("map"), help: "Map a header to a role, e.g. --map 'Last Price=close' (repeatable).")
    var mappings: [String] = []

    @Option(name: .customLong("time-format"), help: "Timestamps: auto, iso, mdy (M/D/YYYY), yyyymmdd, s, ms, us, ns.")
    var timeFormat: TimestampFormat = .auto

    @Option(help: "Time zone of naive timestamps: UTC, an offset like -05:00, EST, or an IANA name like America/New_York.")
    var timezone: String = "UTC"

    @Option(help: "Symbol for single-instrument files (default: the file name).")
    var symbol: String?

    @Option(help: "Bar timeframe, e.g. 1m, 5m, 1h, 1d (default: inferred from the timestamps).")
    var timeframe: String?

    @Option(help: "Adjustments the file's prices already carry: raw, splits, dividends, all.")
    var prices: String = "raw"

    @Option(help: "Adjust prices while loading: adj-close, splits, dividends, all.")
    var adjust: PriceAdjustmentMethod?

    func loadOptions() throws -> MarketFileOptions {
        var csv = BarCSVOptions()
        csv.layout = layout
        if let d = delimiter {
            switch d {
            case "tab", "\\t", "\t": csv.delimiter = 0x09
            default:
                guard d.utf8.count == 1 else { throw ValidationError("--delimiter takes one character or 'tab', got '\(d)'") }
                csv.delimiter = d.utf8.first
            }
        }
        if noHeader { csv.hasHeader = false }
        if let columns {
            csv.columns = try columns.split(separator: ",").map { name in
                let n = name.trimmingCharacters(in: .whitespaces)
                guard let role = CSVColumnRole(rawValue: n) ?? CSVColumnRole.recognise(n) ?? (n == "skip" ? .ignored : nil) else {
                    throw ValidationError("--columns: unknown role '\(n)'; use \(CSVColumnRole.allCases.map(\.rawValue).joined(separator: ", ")) or skip")
                }
                return role
            }
        }
        for m in mappings {
            let parts = m.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let role = CSVColumnRole(rawValue: parts[1]) ?? CSVColumnRole.recognise(parts[1]) else {
                throw ValidationError("--map expects HEADER=ROLE with ROLE one of \(CSVColumnRole.allCases.map(\.rawValue).joined(separator: ", ")), got '\(m)'")
            }
            csv.columnMapping[parts[0]] = role
        }
        csv.timestampFormat = timeFormat
        guard let zone = SourceTimeZone(timezone) else {
            throw ValidationError("--timezone: unknown time zone '\(timezone)'")
        }
        csv.timeZone = zone
        csv.symbol = symbol.map { Symbol($0) }
        if let timeframe {
            guard let tf = Timeframe(timeframe) else { throw ValidationError("--timeframe: expected e.g. 1m, 5m, 1h, 1d, got '\(timeframe)'") }
            csv.timeframe = tf
        }
        guard let adjustment = PriceAdjustment(text: prices) else {
            throw ValidationError("--prices: expected raw, splits, dividends or all, got '\(prices)'")
        }
        csv.adjustment = adjustment
        var options = MarketFileOptions(csv: csv)
        options.format = format
        options.adjust = adjust
        return options
    }
}

extension BarCSVOptions.Layout: ExpressibleByArgument {}
extension TimestampFormat: ExpressibleByArgument {}
extension PriceAdjustmentMethod: ExpressibleByArgument {}
extension MarketFileFormat: ExpressibleByArgument {}
