#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a file's bytes in fixed-size chunks, gunzipping transparently, without any notion
/// of lines.
///
/// ``LineReader`` needs a newline every so often; a JSON candle dump is often one multi-gigabyte
/// line, so byte-oriented tokenizers read through this reader instead. Memory stays bounded by
/// the chunk size (plus zlib's inflation of one chunk).
///
/// Errors thrown here name the file but not the line: only the consumer counts lines, so it
/// is expected to add the line (see ``DataError/located(in:)`` and the loaders' catch blocks).
struct DecompressingChunkReader {
    let path: String
    var chunkSize: Int

    init(path: String, chunkSize: Int = 1 << 20) {
        self.path = path
        self.chunkSize = max(chunkSize, 16)
    }

    /// Calls `body` with each chunk of decompressed bytes (valid only during the call).
    /// Return false from `body` to stop early. A gzip file that ends inside a member throws
    /// ``DataError/Code/corruptCompression`` after the last good chunk was delivered.
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> Bool) throws(DataError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw DataError(errno == ENOENT ? .fileNotFound : .ioFailure, "cannot open: \(reason)", file: path)
        }
        defer { close(fd) }

        var raw = [UInt8](repeating: 0, count: chunkSize)
        var inflated: [UInt8] = []
        var inflater: GzipInflater?
        var firstRead = true

        while true {
            let n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                throw DataError(.ioFailure, "read failed: \(String(cString: strerror(errno)))", file: path)
            }
            if n == 0 { break }
            if firstRead {
                firstRead = false
                // The gzip magic number; anything else is read as plain bytes.
                if n >= 2 && raw[0] == 0x1F && raw[1] == 0x8B { inflater = try GzipInflater() }
            }
            let keepGoing: Bool
            if let inflater {
                inflated.removeAll(keepingCapacity: true)
                let result = raw.withUnsafeBytes { bytes in
                    Result { () throws(DataError) in
                        try inflater.inflate(UnsafeRawBufferPointer(rebasing: bytes[0..<n]), into: &inflated)
                    }
                }
                if case .failure(let error) = result { throw error.located(in: path) }
                keepGoing = try inflated.withUnsafeBufferPointer { (buf) throws(DataError) in try body(buf) }
            } else {
                keepGoing = try raw.withUnsafeBufferPointer { (buf) throws(DataError) in
                    try body(UnsafeBufferPointer(rebasing: buf[0..<n]))
                }
            }
            if !keepGoing { return }
        }
        if let inflater {
            do throws(DataError) { try inflater.finish() } catch { throw error.located(in: path) }
        }
    }
}
