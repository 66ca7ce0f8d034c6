/// A parsed JSON text held as a flat array of nodes pointing into the source bytes.
///
/// Stream captures have one small JSON message per line and millions of lines. Foundation's
/// `JSONSerialization` builds boxed dictionaries per message (about 13 MB/s on the Binance
/// captures); this parser reuses one node array and never copies scalars, so decoding a line
/// costs a few hundred nanoseconds. Scalars are read on demand through ``DecimalParser``.
///
/// The node array is only meaningful together with the bytes it was parsed from, and those
/// bytes must stay alive while nodes are read (a ``LineReader`` line during its callback).
struct FlatJSONDocument {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    struct Node {
        var kind: Kind
        /// Value bytes: for strings the content between the quotes, for containers the whole text.
        var start: Int
        var end: Int
        /// The member name's bytes (between quotes) when the node is an object member.
        var keyStart = 0
        var keyEnd = 0
        /// First child and next sibling node indices, -1 for none.
        var firstChild = -1
        var nextSibling = -1
        var childCount = 0
        /// A string containing backslash escapes (its raw bytes are not its value).
        var hasEscapes = false
    }

    private(set) var nodes: [Node] = []
    /// Deeper nesting is rejected so hostile input cannot overflow the stack.
    let maxDepth = 64

    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    /// Parses `bytes[start..<end]` as exactly one JSON value (surrounding whitespace allowed).
    /// The root is node 0.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(SyntaxError) {
        nodes.removeAll(keepingCapacity: true)
        var cursor = Cursor(bytes: bytes, position: start, end: end)
        cursor.skipWhitespace()
        _ = try parseValue(&cursor, depth: 0)
        cursor.skipWhitespace()
        if cursor.position < end {
            throw SyntaxError(offset: cursor.position, message: "unexpected \(JSONByte.describe(bytes[cursor.position])) after the JSON value")
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let end: Int

        var atEnd: Bool { position >= end }
        var current: UInt8 { bytes[position] }

        mutating func skipWhitespace() {
            while position < end {
                let c = bytes[position]
                guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
                position += 1
            }
        }

        func failure(_ expected: String) -> SyntaxError {
            let found = atEnd ? "the end of the line" : JSONByte.describe(current)
            return SyntaxError(offset: position, message: "expected \(expected), found \(found)")
        }
    }

    /// Parses one value at the cursor, appends its node (and its children's) and returns its index.
    private mutating func parseValue(_ c: inout Cursor, depth: Int) throws(SyntaxError) -> Int {
        guard !c.atEnd else { throw c.failure("a value") }
        switch c.current {
        case 0x7B: return try parseContainer(&c, depth: depth, isObject: true)
        case 0x5B: return try parseContainer(&c, depth: depth, isObject: false)
        case 0x22:
            let (s, e, escaped) = try parseString(&c)
            nodes.append(Node(kind: .string, start: s, end: e, hasEscapes: escaped))
            return nodes.count - 1
        case 0x74: return try parseLiteral(&c, "true", .true)
        case 0x66: return try parseLiteral(&c, "false", .false)
        case 0x6E: return try parseLiteral(&c, "null", .null)
        default:
            let s = c.position
            try scanNumber(&c)
            nodes.append(Node(kind: .number, start: s, end: c.position))
            return nodes.count - 1
        }
    }

    private mutating func parseContainer(_ c: inout Cursor, depth: Int, isObject: Bool) throws(SyntaxError) -> Int {
        guard depth < maxDepth else { throw SyntaxError(offset: c.position, message: "JSON nested deeper than \(maxDepth) levels") }
        let index = nodes.count
        nodes.append(Node(kind: isObject ? .object : .array, start: c.position, end: c.position))
        let close: UInt8 = isObject ? 0x7D : 0x5D
        c.position += 1
        c.skipWhitespace()
        var previous = -1
        var count = 0
        if !c.atEnd && c.current == close {
            c.position += 1
        } else {
            while true {
                var keyStart = 0, keyEnd = 0
                if isObject {
                    guard !c.atEnd, c.current == 0x22 else { throw c.failure("a quoted member name") }
                    (keyStart, keyEnd, _) = try parseString(&c)
                    c.skipWhitespace()
                    guard !c.atEnd, c.current == 0x3A else { throw c.failure("':' after a member name") }
                    c.position += 1
                    c.skipWhitespace()
                }
                let child = try parseValue(&c, depth: depth + 1)
                nodes[child].keyStart = keyStart
                nodes[child].keyEnd = keyEnd
                if previous < 0 { nodes[index].firstChild = child } else { nodes[previous].nextSibling = child }
                previous = child
                count += 1
                c.skipWhitespace()
                guard !c.atEnd else { throw c.failure(isObject ? "',' or '}'" : "',' or ']'") }
                if c.current == 0x2C {
                    c.position += 1
                    c.skipWhitespace()
                } else if c.current == close {
                    c.position += 1
                    break
                } else {
                    throw c.failure(isObject ? "',' or '}'" : "',' or ']'")
                }
            }
        }
        nodes[index].end = c.position
        nodes[index].childCount = count
        return index
    }

    /// Returns the content range (without quotes) and whether it contains escapes.
    private func parseString(_ c: inout Cursor) throws(SyntaxError) -> (Int, Int, Bool) {
        c.position += 1
        let start = c.position
        var escaped = false
        while c.position < c.end {
            let b = c.bytes[c.position]
            if b == 0x22 {
                c.position += 1
                return (start, c.position - 1, escaped)
            }
            if b == 0x5C {
                escaped = true
                c.position += 2
                continue
            }
            if b < 0x20 { throw SyntaxError(offset: c.position, message: "control character inside a string") }
            c.position += 1
        }
        throw SyntaxError(offset: start - 1, message: "unterminated string")
    }

    private mutating func parseLiteral(_ c: inout Cursor, _ word: StaticString, _ kind: Kind) throws(SyntaxError) -> Int {
        let n = word.utf8CodeUnitCount
        let s = c.position
        guard c.end - s >= n else { throw c.failure("'\(word)'") }
        for k in 0..<n where c.bytes[s + k] != word.utf8Start[k] { throw c.failure("'\(word)'") }
        c.position += n
        nodes.append(Node(kind: kind, start: s, end: c.position))
        return nodes.count - 1
    }

    /// JSON number grammar: `-? digits (. digits)? ([eE] [+-]? digits)?`.
    private func scanNumber(_ c: inout Cursor) throws(SyntaxError) {
        let start = c.position
        if !c.atEnd && c.current == 0x2D { c.position += 1 }
        func digits(_ c: inout Cursor) -> Int {
            let s = c.position
            while !c.atEnd, c.current >= 0x30 && c.current <= 0x39 { c.position += 1 }
            return c.position - s
        }
        guard digits(&c) > 0 else {
            c.position = start
            throw c.failure("a value")
        }
        if !c.atEnd && c.current == 0x2E {
            c.position += 1
            guard digits(&c) > 0 else { throw c.failure("digits after the decimal point") }
        }
        if !c.atEnd && (c.current == 0x65 || c.current == 0x45) {
            c.position += 1
            if !c.atEnd && (c.current == 0x2B || c.current == 0x2D) { c.position += 1 }
            guard digits(&c) > 0 else { throw c.failure("exponent digits") }
        }
    }

    // MARK: - Reading

    /// The child of object `node` named `key`, if any.
    func member(_ node: Int, _ key: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var child = nodes[node].firstChild
        let n = key.utf8CodeUnitCount
        let k = key.utf8Start
        while child >= 0 {
            let m = nodes[child]
            if m.keyEnd - m.keyStart == n {
                var equal = true
                for i in 0..<n where bytes[m.keyStart + i] != k[i] { equal = false; break }
                if equal { return child }
            }
            child = m.nextSibling
        }
        return nil
    }

    /// The member names of an object, for messages about unrecognised objects.
    func memberNames(_ node: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var names: [String] = []
        var child = nodes[node].firstChild
        while child >= 0 {
            let m = nodes[child]
            names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[m.keyStart..<m.keyEnd]), as: UTF8.self))
            child = m.nextSibling
        }
        return names
    }

    /// The decoded value of a string node (escapes resolved).
    func string(_ node: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = nodes[node]
        let raw = UnsafeBufferPointer(rebasing: bytes[n.start..<n.end])
        guard n.hasEscapes else { return String(decoding: raw, as: UTF8.self) }
        return Self.unescape(raw)
    }

    /// The source text of any node, for error messages.
    func text(_ node: Int, in bytes: UnsafeBufferPointer<UInt8>, limit: Int = 40) -> String {
        let n = nodes[node]
        let s = n.kind == .string ? n.start - 1 : n.start
        let e = n.kind == .string ? n.end + 1 : n.end
        let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<min(e, s + limit)]), as: UTF8.self)
        return e - s > limit ? shown + "…" : shown
    }

    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = 0
        func flush() {
            if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var v: UInt32 = 0
            for k in at..<at + 4 {
                guard let d = Character(Unicode.Scalar(raw[k])).hexDigitValue else { return nil }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        while i < raw.count {
            let b = raw[i]
            guard b == 0x5C, i + 1 < raw.count else { utf8.append(b); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case 0x6E: utf8.append(0x0A)
            case 0x74: utf8.append(0x09)
            case 0x72: utf8.append(0x0D)
            case 0x62: utf8.append(0x08)
            case 0x66: utf8.append(0x0C)
            case 0x75:
                guard var v = hex4(i) else { utf8.append(contentsOf: [0x5C, e]); continue }
                i += 4
                if v >= 0xD800 && v < 0xDC00, i + 6 <= raw.count, raw[i] == 0x5C, raw[i + 1] == 0x75, let low = hex4(i + 2),
                   low >= 0xDC00 && low < 0xE000 {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                flush()
                scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: utf8.append(e)
            }
        }
        flush()
        return String(scalars)
    }
}
