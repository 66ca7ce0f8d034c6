#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineReader {
    /// Bytes of file mapped at a time; the window slides, so memory stays bounded on any file.
    static let mappedWindow = 64 << 20
    /// Largest block handed to the body (parsers size their scratch space by it).
    static let mappedBlock = 4 << 20

    /// The size of the open file when it can be read through a memory map: a non-empty
    /// regular file that is not gzip. Nil sends the caller to the read()-and-copy path.
    static func mappableSize(_ fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) }
        if n == 2 && magic.0 == 0x1F && magic.1 == 0x8B { return nil }
        return Int(info.st_size)
    }

    /// ``forEachBlock(_:)`` over a memory-mapped plain file: blocks point straight into the
    /// page cache, so the file is neither copied into a read buffer nor moved around in
    /// one. Returns false, having handed out nothing, when the first window cannot be
    /// mapped.
    ///
    /// The file must not shrink while it is read (a mapped page past the new end faults);
    /// market data files are written once and then read.
    func forEachMappedBlock(_ fd: Int32, size: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) throws(DataError) -> Int?) throws(DataError) -> Bool {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var offset = 0          // file offset of the first byte not yet handed out
        var linesDone = 0
        var window = Self.mappedWindow
        var mappedAny = false
        while offset < size {
            let mapStart = offset / page * page
            let mapEnd = Swift.min(size, mapStart + window)
            let length = mapEnd - mapStart
            guard let map = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(mapStart)), map != MAP_FAILED else {
                if !mappedAny { return false }
                throw DataError(.ioFailure, "cannot map the file: \(String(cString: strerror(errno)))", file: path, line: linesDone + 1)
            }
            mappedAny = true
            defer { munmap(map, length) }
            _ = madvise(map, length, MADV_SEQUENTIAL)
            let bytes = UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self) + (offset - mapStart), count: mapEnd - offset)
            var position = 0
            while position < bytes.count {
                // A block ends at the last newline before the size limit, or at the first
                // newline after it when a line is longer than that.
                var end = Swift.min(bytes.count, position + Self.mappedBlock)
                while end > position && bytes[end - 1] != 0x0A { end -= 1 }
                if end == position {
                    let from = Swift.min(bytes.count, position + Self.mappedBlock)
                    guard let nl = memchr(bytes.baseAddress! + from, 0x0A, bytes.count - from) else { break }
                    end = bytes.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                }
                guard let lines = try body(UnsafeBufferPointer(rebasing: bytes[position..<end]), linesDone + 1) else { return true }
                linesDone += lines
                position = end
            }
            offset += position
            if offset == size { break }
            if mapEnd == size {
                // The last line has no newline: hand it out with one.
                if bytes.count - position > maxLineLength {
                    throw DataError(.lineTooLong, "line is \(bytes.count - position) bytes, longer than the \(maxLineLength)-byte limit", file: path, line: linesDone + 1)
                }
                var last = Array(bytes[position...])
                last.append(0x0A)
                _ = try last.withUnsafeBufferPointer { (block) throws(DataError) -> Int? in try body(block, linesDone + 1) }
                return true
            }
            if position == 0 {
                // No newline in the whole window: a very long line.
                if mapEnd - offset > maxLineLength {
                    throw DataError(.lineTooLong, "line exceeds the \(maxLineLength)-byte limit (no newline found)", file: path, line: linesDone + 1)
                }
                window *= 2
            }
        }
        return true
    }
}
