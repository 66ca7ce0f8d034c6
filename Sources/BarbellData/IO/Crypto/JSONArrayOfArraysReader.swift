extension JSONArrayOfArraysTokenizer {
    /// Streams the rows of the JSON array-of-arrays file at `path` (plain or gzip) through
    /// `body`; return false from `body` to stop early.
    ///
    /// Decompression and I/O errors are located at the line the tokenizer had reached, so a
    /// truncated `.json.gz` reports roughly where the data stop.
    static func forEachRow(path: String, chunkSize: Int = 1 << 20,
                           _ body: (Row) throws(DataError) -> Bool) throws(DataError) {
        var tokenizer = JSONArrayOfArraysTokenizer(path: path)
        var stopped = false
        do throws(DataError) {
            try DecompressingChunkReader(path: path, chunkSize: chunkSize).forEachChunk { (chunk) throws(DataError) -> Bool in
                let keepGoing = try tokenizer.feed(chunk, onRow: body)
                if !keepGoing { stopped = true }
                return keepGoing
            }
        } catch {
            if error.line != nil || error.code == .fileNotFound { throw error }
            var located = error
            located.line = tokenizer.line
            throw located
        }
        if !stopped { try tokenizer.finish() }
    }
}
