/// An incremental tokenizer for one JSON shape: an array of flat arrays of scalars,
/// `[[1515560100000, 0.0984, "0.0994", null], [...], ...]`.
///
/// Candle dumps (freqtrade, Binance klines) and freqtrade trade dumps have this shape and are
/// often a single line many gigabytes long, so a general JSON parser that builds the whole
/// document, or a line splitter, would need the whole file in memory. The tokenizer is fed
/// arbitrary chunks and keeps only the row being read, so memory is bounded by the longest
/// row (``maxRowBytes``).
///
/// It checks structure only (brackets, commas, strings); it does not judge what scalars mean.
/// Bare tokens other than `null`, `true` and `false` are handed over as ``ElementKind/number``
/// so the consumer's number parser reports them with the element's name.
struct JSONArrayOfArraysTokenizer {
    enum ElementKind: Equatable {
        case number, string, null, boolean
    }

    /// One scalar of a row: its bytes are `row.bytes[start..<end]` (strings without quotes).
    struct Element {
        var start: Int
        var end: Int
        var kind: ElementKind
        /// 1-based line the element starts on.
        var line: Int
    }

    let path: String
    /// A row longer than this is rejected instead of growing the buffer without bound
    /// (it usually means the file is not an array of small rows).
    var maxRowBytes: Int

    /// 1-based line of the byte being read (newlines counted so far plus one).
    private(set) var line = 1
    /// Rows delivered so far; also the 0-based index of the row being read.
    private(set) var rowIndex = 0

    private enum State {
        case beforeOuter, expectRowOrClose, expectRow
        case expectElementOrClose, expectElement, inBare, inString, inStringEscape
        case afterElement, afterRow, afterOuter
    }

    private var state = State.beforeOuter
    private var scratch: [UInt8] = []
    private var elements: [Element] = []
    private var rowLine = 1
    private var elementStart = 0
    private var elementLine = 1

    init(path: String, maxRowBytes: Int = 1 << 20) {
        self.path = path
        self.maxRowBytes = maxRowBytes
    }

    /// Tokenizes `chunk`, calling `onRow` for every complete row. Returns false when `onRow`
    /// asked to stop.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>,
                       onRow: (Row) throws(DataError) -> Bool) throws(DataError) -> Bool {
        var i = 0
        let n = chunk.count
        while i < n {
            let c = chunk[i]
            switch state {
            case .inString:
                if c == JSONByte.quote {
                    finishElement(kind: .string)
                } else if c == JSONByte.backslash {
                    state = .inStringEscape
                } else if c < 0x20 {
                    throw structureError("control character or line break inside a string (unterminated string?)")
                } else {
                    try append(c)
                }
                i += 1
            case .inStringEscape:
                // Keep simple escapes as the character they stand for; \uXXXX and friends are
                // left as written because numeric fields and ids never contain them.
                switch c {
                case JSONByte.quote, JSONByte.backslash, JSONByte.slash: try append(c)
                default: try append(JSONByte.backslash); try append(c)
                }
                state = .inString
                i += 1
            case .inBare:
                if JSONByte.isBareTokenByte(c) {
                    try append(c)
                    i += 1
                } else {
                    finishElement(kind: bareKind())
                    // The delimiter is handled by the `.afterElement` state on the next turn.
                }
            default:
                if c == JSONByte.newline { line += 1; i += 1; continue }
                if c == JSONByte.space || c == JSONByte.tab || c == JSONByte.carriageReturn { i += 1; continue }
                if try !structural(c, onRow: onRow) { return false }
                i += 1
            }
        }
        return true
    }

    /// Checks the input ended after the closing bracket of the outer array.
    func finish() throws(DataError) {
        switch state {
        case .afterOuter:
            return
        case .beforeOuter:
            throw DataError(.emptyFile, "the file holds no JSON (expected an array of rows)", file: path, line: line)
        case .expectRowOrClose, .expectRow, .afterRow:
            throw structureError("the JSON ends after \(rowIndex) rows without the closing ']' (truncated file?)")
        default:
            throw structureError("the JSON ends inside row index \(rowIndex) at element \(elements.count) (truncated file?)")
        }
    }

    // MARK: - Structural bytes

    private mutating func structural(_ c: UInt8, onRow: (Row) throws(DataError) -> Bool) throws(DataError) -> Bool {
        switch state {
        case .beforeOuter:
            // A UTF-8 byte-order mark before the document is tolerated.
            if c == 0xEF || c == 0xBB || c == 0xBF { return true }
            guard c == JSONByte.openBracket else {
                throw structureError("expected '[' to start an array of rows, found \(JSONByte.describe(c))")
            }
            state = .expectRowOrClose
        case .expectRowOrClose, .expectRow:
            if c == JSONByte.openBracket {
                scratch.removeAll(keepingCapacity: true)
                elements.removeAll(keepingCapacity: true)
                rowLine = line
                state = .expectElementOrClose
            } else if c == JSONByte.closeBracket && state == .expectRowOrClose {
                state = .afterOuter
            } else {
                throw structureError("expected '[' to start row index \(rowIndex), found \(JSONByte.describe(c))")
            }
        case .expectElementOrClose, .expectElement:
            if c == JSONByte.closeBracket && state == .expectElementOrClose {
                return try emitRow(onRow)
            } else if c == JSONByte.quote {
                beginElement()
                state = .inString
            } else if c == JSONByte.openBracket || c == JSONByte.openBrace {
                throw structureError("row index \(rowIndex), element \(elements.count): nested arrays or objects are not supported in a row")
            } else if JSONByte.isBareTokenByte(c) {
                beginElement()
                try append(c)
                state = .inBare
            } else {
                throw structureError("row index \(rowIndex), element \(elements.count): unexpected \(JSONByte.describe(c))")
            }
        case .afterElement:
            if c == JSONByte.comma {
                state = .expectElement
            } else if c == JSONByte.closeBracket {
                return try emitRow(onRow)
            } else {
                throw structureError("row index \(rowIndex), after element \(elements.count - 1): expected ',' or ']', found \(JSONByte.describe(c))")
            }
        case .afterRow:
            if c == JSONByte.comma {
                state = .expectRow
            } else if c == JSONByte.closeBracket {
                state = .afterOuter
            } else {
                throw structureError("after row index \(rowIndex - 1): expected ',' or ']', found \(JSONByte.describe(c))")
            }
        case .afterOuter:
            throw structureError("unexpected \(JSONByte.describe(c)) after the closing ']' of the array")
        case .inBare, .inString, .inStringEscape:
            preconditionFailure("scalar states are handled by feed")
        }
        return true
    }

    private mutating func beginElement() {
        elementStart = scratch.count
        elementLine = line
    }

    private mutating func finishElement(kind: ElementKind) {
        elements.append(Element(start: elementStart, end: scratch.count, kind: kind, line: elementLine))
        state = .afterElement
    }

    private mutating func append(_ c: UInt8) throws(DataError) {
        guard scratch.count < maxRowBytes else {
            throw DataError(.lineTooLong, "row index \(rowIndex) is longer than \(maxRowBytes) bytes; is this an array of small rows?",
                            file: path, line: line)
        }
        scratch.append(c)
    }

    /// `null`, `true` and `false` are recognised; every other bare token is left to the
    /// number parser, which names the field when it rejects it.
    private func bareKind() -> ElementKind {
        let length = scratch.count - elementStart
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == length else { return false }
            let w = word.utf8Start
            for k in 0..<length where scratch[elementStart + k] != w[k] { return false }
            return true
        }
        if matches("null") { return .null }
        if matches("true") || matches("false") { return .boolean }
        return .number
    }

    private mutating func emitRow(_ onRow: (Row) throws(DataError) -> Bool) throws(DataError) -> Bool {
        state = .afterRow
        let index = rowIndex
        rowIndex += 1
        let keepGoing = try scratch.withUnsafeBufferPointer { (bytes) throws(DataError) -> Bool in
            try elements.withUnsafeBufferPointer { (elements) throws(DataError) -> Bool in
                try onRow(Row(path: path, bytes: bytes, elements: elements, index: index, line: rowLine))
            }
        }
        return keepGoing
    }

    private func structureError(_ message: String) -> DataError {
        DataError(.badJSON, message, file: path, line: line)
    }
}
