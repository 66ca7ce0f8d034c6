#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in fixed-size chunks, decompressing gzip transparently.
///
/// Memory stays bounded by the chunk size plus the longest line, so multi-gigabyte files
/// stream through. Lines end at `\n`; a trailing `\r` is stripped. A line longer than
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

    /// Calls `body` with each line's bytes (valid only during the call) and its 1-based number.
    /// Return false from `body` to stop early.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws(DataError) -> Bool) throws(DataError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw DataError(errno == ENOENT ? .fileNotFound : .ioFailure, "cannot open: \(reason)", file: path)
        }
        defer { close(fd) }

        var raw = [UInt8](repeating: 0, count: chunkSize)
        var pending: [UInt8] = []   // decompressed bytes not yet split into lines
        var inflater: GzipInflater?
        var firstRead = true
        var lineNumber = 0
        var stopped = false

        func drain(final: Bool) throws(DataError) {
            var start = 0
            let stop: Bool = try pending.withUnsafeBufferPointer { (buf) throws(DataError) -> Bool in
                let count = buf.count
                guard let base = buf.baseAddress else { return false }
                while start < count {
                    guard let nl = memchr(base + start, 0x0A, count - start) else { break }
                    let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    lineNumber += 1
                    var lineEnd = end
                    if lineEnd > start && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    if lineEnd - start > maxLineLength {
                        throw DataError(.lineTooLong, "line is \(lineEnd - start) bytes, longer than the \(maxLineLength)-byte limit", file: path, line: lineNumber)
                    }
                    let keepGoing = try body(UnsafeBufferPointer(start: base + start, count: lineEnd - start), lineNumber)
                    start = end + 1
                    if !keepGoing { return true }
                }
                if final && start < count {
                    lineNumber += 1
                    var lineEnd = count
                    if base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    _ = try body(UnsafeBufferPointer(start: base + start, count: lineEnd - start), lineNumber)
                    start = count
                }
                return false
            }
            if stop { stopped = true; return }
            if start > 0 { pending.removeFirst(start) }
            if pending.count > maxLineLength {
                throw DataError(.lineTooLong, "line exceeds the \(maxLineLength)-byte limit (no newline found)", file: path, line: lineNumber + 1)
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
                throw DataError(error.code, error.message, file: path, line: lineNumber + 1)
            }
            try drain(final: false)
        }
        if stopped { return }
        if let inflater {
            do throws(DataError) { try inflater.finish() } catch {
                throw DataError(error.code, error.message, file: path, line: lineNumber + 1)
            }
        }
        try drain(final: true)
    }
}
