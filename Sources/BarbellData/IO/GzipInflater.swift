import CZlib

/// Streaming gzip (and zlib) decompression over zlib's `inflate`.
///
/// Handles multi-member gzip files (as produced by `cat a.gz b.gz` or some loggers) by
/// resetting the stream after each member. A file that ends inside a member is reported as
/// truncated rather than silently yielding a short result.
final class GzipInflater {
    private var stream = z_stream()
    private var finishedMember = false
    private var sawAnyOutput = false

    init() throws(DataError) {
        // 15 + 32: maximum window, and auto-detect gzip or zlib headers.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw DataError(.ioFailure, "zlib inflateInit failed (\(status))") }
    }

    deinit { inflateEnd(&stream) }

    /// Decompresses `input`, appending to `output`. Returns the number of input bytes consumed.
    func inflate(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(DataError) {
        guard input.count > 0 else { return }
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        while offset < input.count {
            if finishedMember {
                // Another gzip member follows; bytes that are not a gzip header are trailing garbage.
                inflateReset(&stream)
                finishedMember = false
            }
            let base = input.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self)
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(input.count - offset)
            var status: Int32 = Z_OK
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { buf in
                    stream.next_out = buf.baseAddress
                    stream.avail_out = UInt32(buf.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if produced > 0 {
                    output.append(contentsOf: chunk[0..<produced])
                    sawAnyOutput = true
                }
                if status == Z_STREAM_END { break }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    throw DataError(.corruptCompression, "corrupt gzip data: \(reason)")
                }
            } while stream.avail_in > 0 || stream.avail_out == 0
            offset = input.count - Int(stream.avail_in)
            if status == Z_STREAM_END { finishedMember = true } else { break }
        }
    }

    /// Checks the stream ended on a member boundary.
    func finish() throws(DataError) {
        if !finishedMember {
            throw DataError(.corruptCompression, "gzip stream ends unexpectedly: the file is truncated or not fully written")
        }
    }
}
