import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fast path does with each column of a plain single-instrument OHLCV file.
enum FastColumnSlot: UInt8 {
    case timestamp, open, high, low, close, volume, adjClose, skip
}

/// The row plan for files the fast path can take: one instrument, columns that are a
/// timestamp, open/high/low/close, optionally volume and adjusted close, or ignored.
struct FastRowPlan {
    let slots: [FastColumnSlot]
    let delimiter: UInt8
    let hasVolume: Bool
    let hasAdjClose: Bool

    /// Nil when the file has columns only the general path handles (dividends, splits, vwap,
    /// trade counts, tickers) or lacks one of open, high, low and close.
    init?(roles: [CSVColumnRole], columnOf: [CSVColumnRole: Int], delimiter: UInt8) {
        guard columnOf[.open] != nil, columnOf[.high] != nil, columnOf[.low] != nil, columnOf[.close] != nil,
              delimiter != 0x22, delimiter != 0x0A, delimiter != 0x0D else { return nil }
        var slots: [FastColumnSlot] = []
        for (k, role) in roles.enumerated() {
            // Only the column the general path reads for a role gets that role here too.
            let owns = columnOf[role] == k
            switch role {
            case .timestamp: slots.append(owns ? .timestamp : .skip)
            case .open: slots.append(owns ? .open : .skip)
            case .high: slots.append(owns ? .high : .skip)
            case .low: slots.append(owns ? .low : .skip)
            case .close: slots.append(owns ? .close : .skip)
            case .volume: slots.append(owns ? .volume : .skip)
            case .adjClose: slots.append(owns ? .adjClose : .skip)
            case .ignored: slots.append(.skip)
            case .vwap, .trades, .dividend, .split, .ticker: return nil
            }
        }
        self.slots = slots
        self.delimiter = delimiter
        self.hasVolume = columnOf[.volume] != nil
        self.hasAdjClose = columnOf[.adjClose] != nil
    }
}

/// The columns of builder 0, moved out while a block is parsed so appends touch plain locals.
struct FastColumns {
    var timestamps: [Timestamp] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []
    var adjClose: [Double] = []

    mutating func removeAll() {
        timestamps.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        high.removeAll(keepingCapacity: true)
        low.removeAll(keepingCapacity: true)
        close.removeAll(keepingCapacity: true)
        volume.removeAll(keepingCapacity: true)
        adjClose.removeAll(keepingCapacity: true)
    }

    /// Swaps these columns with builder's (no copies: each array has one owner at a time).
    mutating func exchange(with builder: inout SeriesBuilder) {
        swap(&timestamps, &builder.series.timestamps)
        swap(&open, &builder.series.open)
        swap(&high, &builder.series.high)
        swap(&low, &builder.series.low)
        swap(&close, &builder.series.close)
        swap(&volume, &builder.series.volume)
        swap(&adjClose, &builder.adjClose)
    }
}

extension SeriesBuilder {
    /// Appends a worker's rows (their line numbers are appended by the caller).
    mutating func append(_ part: FastColumns) {
        series.timestamps.append(contentsOf: part.timestamps)
        series.open.append(contentsOf: part.open)
        series.high.append(contentsOf: part.high)
        series.low.append(contentsOf: part.low)
        series.close.append(contentsOf: part.close)
        series.volume.append(contentsOf: part.volume)
        adjClose.append(contentsOf: part.adjClose)
    }
}

/// The per-worker state of ``ReaderState/parseInParallel(_:_:from:maxLineLength:)``. Each
/// worker touches only its own index, which is what makes sharing the buffers safe.
struct WorkerBuffers: @unchecked Sendable {
    let block: UnsafeBufferPointer<UInt8>
    let bounds: [Int]
    let parsers: UnsafeMutableBufferPointer<FastRowParser>
    let columns: UnsafeMutableBufferPointer<FastColumns>
    let results: UnsafeMutableBufferPointer<(position: Int, rows: Int)>
}

/// One row's values as the fast path parsed them.
struct FastRow {
    var timestamp: Int64 = 0
    var open = 0.0, high = 0.0, low = 0.0, close = 0.0
    var volume = Double.nan, adjClose = Double.nan

    @inline(__always)
    mutating func set(_ slot: FastColumnSlot, _ value: Double) {
        switch slot {
        case .open: open = value
        case .high: high = value
        case .low: low = value
        case .close: close = value
        case .volume: volume = value
        case .adjClose: adjClose = value
        case .timestamp, .skip: break
        }
    }
}

/// Parses the rows of a plain OHLCV file, one pass per row with no per-line call or field
/// table, and stops at the first row it does not accept (quotes, empty or special values, a
/// wrong field count, anything malformed), which the general path then takes.
///
/// A value type with its own copy of the timestamp parser, so several can work on disjoint
/// parts of a block at once.
struct FastRowParser {
    let plan: FastRowPlan
    var timestamps: TimestampParser

    /// Parses rows from `from` up to `to` (a row boundary), appending their values (not line
    /// numbers) to `columns`. Returns where it stopped (`to` when every row was taken) and
    /// how many rows it took.
    mutating func parseRows(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, maxLineLength: Int,
                            into columns: inout FastColumns) -> (position: Int, rows: Int) {
        var start = from
        var rows = 0
        while start < to {
            guard let (row, next) = parseRow(b, start), next - start <= maxLineLength else { break }
            columns.timestamps.append(Timestamp(nanoseconds: row.timestamp))
            columns.open.append(row.open)
            columns.high.append(row.high)
            columns.low.append(row.low)
            columns.close.append(row.close)
            columns.volume.append(row.volume)
            if plan.hasAdjClose { columns.adjClose.append(row.adjClose) }
            start = next
            rows += 1
        }
        return (start, rows)
    }

    /// Parses the row at `p` (the block ends in a newline, so every scan stops inside it).
    /// Returns the row and the index after its newline, or nil when the general path must
    /// take the row.
    @inline(__always)
    mutating func parseRow(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> (FastRow, Int)? {
        var row = FastRow()
        var k = p
        let delimiter = plan.delimiter
        let last = plan.slots.count - 1
        for (column, slot) in plan.slots.enumerated() {
            if slot == .timestamp || slot == .skip {
                let s = k
                if b[k] == 0x22 { return nil }   // quoted: the general path unquotes
                while b[k] != delimiter && b[k] != 0x0A { k += 1 }
                if slot == .timestamp {
                    var e = k
                    if e > s && b[e - 1] == 0x0D { e -= 1 }
                    guard e > s, let t = try? timestamps.parse(b, s, e) else { return nil }
                    row.timestamp = t
                }
            } else {
                guard let v = DecimalParser.parsePlain(b, &k) else { return nil }
                row.set(slot, v)
            }
            if column == last {
                if b[k] == 0x0D { k += 1 }
                guard b[k] == 0x0A else { return nil }
            } else {
                guard b[k] == delimiter else { return nil }
            }
            k += 1
        }
        return (row, k)
    }
}

extension ReaderState {
    /// Consumes a block of whole lines from ``LineReader/forEachBlock(_:)``.
    ///
    /// Rows of a plain OHLCV file go through ``FastRowParser``, on several cores when the
    /// block is large; any row it does not accept goes through the general path, which
    /// accepts it or reports exactly what is wrong. Both paths, and any number of workers,
    /// give the same series and the same errors.
    mutating func consumeBlock(_ block: UnsafeBufferPointer<UInt8>, firstLine: Int, maxLineLength: Int) throws(DataError) -> Int {
        guard let base = block.baseAddress else { return 0 }
        var start = 0
        var lineNumber = firstLine
        // A parallel pass that stops early is not retried in this block, so a file whose rows
        // all need the general path costs one wasted pass per block, not one per row.
        var parallelAllowed = true
        while start < block.count {
            if let plan = fastPlan {
                let taken: (position: Int, rows: Int)
                let firstRow = dataLines == 0
                if parallelAllowed && workers > 1 && dataLines > 0 && block.count - start >= Self.parallelBlockBytes {
                    taken = parseInParallel(plan, block, from: start, maxLineLength: maxLineLength)
                    if taken.position < block.count { parallelAllowed = false }
                } else {
                    var parser = FastRowParser(plan: plan, timestamps: timestamps)
                    var columns = FastColumns()
                    columns.exchange(with: &builders[0])
                    // The first data row alone fixes the timestamp format; then the block may
                    // go parallel.
                    let to = firstRow ? Self.endOfLine(block, from: start) : block.count
                    taken = parser.parseRows(block, from: start, to: to, maxLineLength: maxLineLength, into: &columns)
                    columns.exchange(with: &builders[0])
                    timestamps = parser.timestamps
                }
                builders[0].lines.append(contentsOf: lineNumber..<lineNumber + taken.rows)
                dataLines += taken.rows
                lineNumber += taken.rows
                start = taken.position
                if start == block.count { break }
                if firstRow && taken.rows == 1 { continue }   // go on with the fast path
            }
            // One row through the general path.
            let nl = memchr(base + start, 0x0A, block.count - start)!
            let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            let line = try LineReader.line(block, start, end, number: lineNumber, limit: maxLineLength, path: path)
            try consume(line, lineNumber)
            start = end + 1
            lineNumber += 1
        }
        reserveForWholeFile(afterBlockOf: block.count, lines: lineNumber - firstLine)
        return lineNumber - firstLine
    }

    /// The index after the newline that ends the line starting at `start`.
    static func endOfLine(_ block: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let nl = memchr(block.baseAddress! + start, 0x0A, block.count - start)!
        return block.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// Below this many bytes a block is parsed on one core (the hand-off would cost more).
    static let parallelBlockBytes = 256 << 10

    /// Splits `block[from...]` into one part per worker at line boundaries, parses the parts
    /// at once, then appends them in order up to the first row any worker did not take.
    /// Only called once a data row has fixed the timestamp format, so every worker's copy of
    /// the timestamp parser behaves as the single sequential one would.
    mutating func parseInParallel(_ plan: FastRowPlan, _ block: UnsafeBufferPointer<UInt8>, from: Int, maxLineLength: Int) -> (position: Int, rows: Int) {
        var bounds = [from]
        let share = (block.count - from) / workers
        for w in 1..<workers {
            var cut = Swift.max(from + w * share, bounds[w - 1])
            while cut < block.count && block[cut - 1] != 0x0A { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(block.count)
        let prototype = FastRowParser(plan: plan, timestamps: timestamps)
        var parsers = [FastRowParser](repeating: prototype, count: workers)
        var results = [(position: Int, rows: Int)](repeating: (0, 0), count: workers)
        while scratch.count < workers { scratch.append(FastColumns()) }
        for w in 1..<workers { scratch[w].removeAll() }
        // The first worker appends straight to the series; only the others' rows are copied.
        scratch[0].exchange(with: &builders[0])
        parsers.withUnsafeMutableBufferPointer { parsers in
            scratch.withUnsafeMutableBufferPointer { scratch in
                results.withUnsafeMutableBufferPointer { results in
                    let shared = WorkerBuffers(block: block, bounds: bounds, parsers: parsers, columns: scratch, results: results)
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        shared.results[w] = shared.parsers[w].parseRows(shared.block, from: shared.bounds[w], to: shared.bounds[w + 1],
                                                                        maxLineLength: maxLineLength, into: &shared.columns[w])
                    }
                }
            }
        }
        scratch[0].exchange(with: &builders[0])
        var rows = 0
        for w in 0..<workers {
            if w > 0 { builders[0].append(scratch[w]) }
            rows += results[w].rows
            timestamps = parsers[w].timestamps
            if results[w].position < bounds[w + 1] { return (results[w].position, rows) }
        }
        return (block.count, rows)
    }

    /// After the first block of a plain file, sizes the columns for the whole file from its
    /// byte size and the block's bytes per line, so they are not regrown (and recopied) a
    /// dozen times. Compressed files do not know their size and grow as usual.
    mutating func reserveForWholeFile(afterBlockOf bytes: Int, lines: Int) {
        guard !reservedForFile, let fileBytes = expectedBytes, fastPlan != nil, lines >= 64 else { return }
        reservedForFile = true
        let perLine = Double(bytes) / Double(lines)
        let estimate = Int((Double(fileBytes) / perLine * 1.02).rounded(.up)) + 16
        builders[0].series.reserveCapacity(estimate)
        builders[0].lines.reserveCapacity(estimate)
        if fastPlan?.hasAdjClose == true { builders[0].adjClose.reserveCapacity(estimate) }
    }
}
