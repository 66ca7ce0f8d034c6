#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in fixed-size chunks, decompressing gzip transparently.
///
/// Plain files are read through a sliding memory map (`LineReader+Mapped.swift`), gzip and
/// other streams through read() into a buffer. Memory stays bounded by the window or chunk
/// size plus the longest line, so multi-gigabyte files stream through. Lines end at `\n`; a trailing `\r` is stripped. A line longer than
/// ``maxLineLength`` is an error instead of an unbounded allocation.
public struct LineReader {
    public let path: String
    public var chunkSize: Int
    /// Longest accepted line in bytes (default 64 MiB).
    public var maxLineLength: Int

    public init(path: String, chunkSize: Int = 1 << 20, maxLineLength: Int = 64 << 20) {
        self.path = path
        self.chunkSize = chunkSize
        self.maxLineLength = maxLineLength
    }

    /// The file's size in bytes when it is a plain (not gzip) regular file; nil otherwise.
    func uncompressedFileSize() -> Int? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return Self.mappableSize(fd)
    }

    /// Calls `body` with each line's bytes (valid only during the call) and its 1-based number.
    /// Return false from `body` to stop early.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(DataError) -> Bool) throws(DataError) {
        try forEachBlock { (block, firstLine) throws(DataError) -> Int? in
            guard let base = block.baseAddress else { return 0 }
            var start = 0
            var lineNumber = firstLine
            while start < block.count {
                // Every block ends with a newline, so memchr always finds one.
                let nl = memchr(base + start, 0x0A, block.count - start)!
                let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                let line = try Self.line(block, start, end, number: lineNumber, limit: maxLineLength, path: path)
                if try !body(line, lineNumber) { return nil }
                start = end + 1
                lineNumber += 1
            }
            return lineNumber - firstLine
        }
    }

    /// The line `block[start..<newline]` without a trailing `\r`, refused when longer than `limit`.
    @inline(__always)
    static func line(_ block: UnsafeBufferPointer<UInt8>, _ start: Int, _ newline: Int, number: Int, limit: Int, path: String) throws(DataError) -> UnsafeBufferPointer<UInt8> {
        var end = newline
        if end > start && block[end - 1] == 0x0D { end -= 1 }
        if end - start > limit {
            throw DataError(.lineTooLong, "line is \(end - start) bytes, longer than the \(limit)-byte limit", file: path, line: number)
        }
        return UnsafeBufferPointer(rebasing: block[start..<end])
    }

    /// Calls `body` with blocks of whole lines, each ending in `\n` (one is added after a last
    /// line that lacks it), and the 1-based number of the block's first line.
    ///
    /// `body` returns how many lines it consumed (all of them) or nil to stop. Parsers with a
    /// fast path use this to scan rows without a call per line; lines longer than
    /// ``maxLineLength`` are theirs to refuse (``line(_:_:_:number:limit:path:)`` does).
    func forEachBlock(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(DataError) -> Int?) throws(DataError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw DataError(errno == ENOENT ? .fileNotFound : .ioFailure, "cannot open: \(reason)", file: path)
        }
        defer { close(fd) }
        if let size = Self.mappableSize(fd), try forEachMappedBlock(fd, size: size, body) { return }

        var raw = [UInt8](repeating: 0, count: chunkSize)
        var pending: [UInt8] = []   // decompressed bytes not yet handed out as lines
        var inflater: GzipInflater?
        var firstRead = true
        var linesDone = 0
        var newlineFree = 0   // pending[..<newlineFree] is known to hold no newline
        var stopped = false

        /// Hands out everything up to the last newline in `pending`.
        func drain() throws(DataError) {
            let taken: Int? = try pending.withUnsafeBufferPointer { (buf) throws(DataError) -> Int? in
                // The last newline is near the end, so a backward scan is short (and portable:
                // Darwin has no memrchr).
                // Bytes before `newlineFree` were scanned before, so a long line costs one pass.
                var end = buf.count
                while end > newlineFree && buf[end - 1] != 0x0A { end -= 1 }
                if end == newlineFree { return 0 }
                guard let lines = try body(UnsafeBufferPointer(rebasing: buf[0..<end]), linesDone + 1) else { return nil }
                linesDone += lines
                return end
            }
            guard let taken else { stopped = true; return }
            if taken > 0 { pending.removeFirst(taken) }
            newlineFree = pending.count
            if pending.count > maxLineLength {
                throw DataError(.lineTooLong, "line exceeds the \(maxLineLength)-byte limit (no newline found)", file: path, line: linesDone + 1)
            }
        }

        while !stopped {
            let n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                throw DataError(.ioFailure, "read failed: \(String(cString: strerror(errno)))", file: path)
            }
            if n == 0 { break }
            if firstRead {
                firstRead = false
                if n >= 2 && raw[0] == 0x1F && raw[1] == 0x8B { inflater = try GzipInflater() }
            }
            do throws(DataError) {
                if let inflater {
                    let result = raw.withUnsafeBytes { b in
                        Result { () throws(DataError) in
                            try inflater.inflate(UnsafeRawBufferPointer(rebasing: b[0..<n]), into: &pending)
                        }
                    }
                    try result.get()
                } else {
                    pending.append(contentsOf: raw[0..<n])
                }
            } catch {
                throw DataError(error.code, error.message, file: path, line: linesDone + 1)
            }
            try drain()
        }
        if stopped { return }
        if let inflater {
            do throws(DataError) { try inflater.finish() } catch {
                throw DataError(error.code, error.message, file: path, line: linesDone + 1)
            }
        }
        if !pending.isEmpty {
            pending.append(0x0A)
            try drain()
        }
    }
}
