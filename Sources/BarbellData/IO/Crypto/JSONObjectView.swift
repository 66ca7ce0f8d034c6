/// Typed, error-reporting access to one object of a ``FlatJSONDocument``.
///
/// Every accessor names the member in the error (as ``DataError/field``) together with the
/// file and line, so a bad capture line can be found and inspected directly.
struct JSONObjectView {
    let document: FlatJSONDocument
    let bytes: UnsafeBufferPointer<UInt8>
    let node: Int
    let path: String
    let line: Int
    /// What the object is, for messages ("trade message", "depth snapshot").
    let what: String

    func withWhat(_ what: String) -> JSONObjectView {
        JSONObjectView(document: document, bytes: bytes, node: node, path: path, line: line, what: what)
    }

    func error(_ code: DataError.Code, _ field: String, _ problem: String) -> DataError {
        DataError(code, "\(what): \(problem)", file: path, line: line, field: field)
    }

    /// The member node, nil when absent or `null`.
    func member(_ key: StaticString) -> Int? {
        guard let m = document.member(node, key, in: bytes), document.nodes[m].kind != .null else { return nil }
        return m
    }

    func has(_ key: StaticString) -> Bool { member(key) != nil }

    private func required(_ key: StaticString) throws(DataError) -> Int {
        guard let m = member(key) else { throw error(.badJSON, "\(key)", "required field '\(key)' is missing") }
        return m
    }

    private func describe(_ m: Int) -> String {
        switch document.nodes[m].kind {
        case .object: return "an object"
        case .array: return "an array"
        default: return document.text(m, in: bytes)
        }
    }

    func string(_ key: StaticString) throws(DataError) -> String {
        let m = try required(key)
        guard document.nodes[m].kind == .string else { throw error(.badJSON, "\(key)", "expected a string, found \(describe(m))") }
        return document.string(m, in: bytes)
    }

    /// The member's string value, nil when absent or not a string.
    func optionalString(_ key: StaticString) -> String? {
        guard let m = member(key), document.nodes[m].kind == .string else { return nil }
        return document.string(m, in: bytes)
    }

    /// A price or quantity. Binance writes them as strings to keep exact decimals; plain
    /// JSON numbers are accepted too.
    func decimal(_ key: StaticString) throws(DataError) -> Double {
        let m = try required(key)
        guard let v = decimalValue(m) else {
            throw error(.badNumber, "\(key)", "expected a decimal number, found \(describe(m))")
        }
        return v
    }

    func int64(_ key: StaticString) throws(DataError) -> Int64 {
        let m = try required(key)
        let n = document.nodes[m]
        guard n.kind == .number || n.kind == .string, let v = DecimalParser.parseInt(bytes, n.start, n.end) else {
            throw error(.badNumber, "\(key)", "expected a whole number, found \(describe(m))")
        }
        return v
    }

    /// Absent (or null) is nil; present but not a whole number is an error.
    func optionalInt64(_ key: StaticString) throws(DataError) -> Int64? {
        has(key) ? try int64(key) : nil
    }

    /// Epoch milliseconds as a timestamp; nil when the member is absent.
    func optionalMilliseconds(_ key: StaticString) throws(DataError) -> Timestamp? {
        guard let ms = try optionalInt64(key) else { return nil }
        let (ns, overflow) = ms.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow, ms >= 0 else { throw error(.badTimestamp, "\(key)", "\(ms) is not an epoch time in milliseconds") }
        return Timestamp(nanoseconds: ns)
    }

    func bool(_ key: StaticString) throws(DataError) -> Bool {
        let m = try required(key)
        switch document.nodes[m].kind {
        case .true: return true
        case .false: return false
        default: throw error(.badJSON, "\(key)", "expected true or false, found \(describe(m))")
        }
    }

    /// A nested object (the `data` of a combined-stream message).
    func object(_ key: StaticString, what: String) throws(DataError) -> JSONObjectView {
        let m = try required(key)
        guard document.nodes[m].kind == .object else { throw error(.badJSON, "\(key)", "expected an object, found \(describe(m))") }
        return JSONObjectView(document: document, bytes: bytes, node: m, path: path, line: line, what: what)
    }

    /// Book levels written as `[["price", "size"], ...]`.
    func levels(_ key: StaticString) throws(DataError) -> [BookLevel] {
        let m = try required(key)
        guard document.nodes[m].kind == .array else {
            throw error(.badJSON, "\(key)", "expected an array of [price, size] levels, found \(describe(m))")
        }
        var out: [BookLevel] = []
        out.reserveCapacity(document.nodes[m].childCount)
        var level = document.nodes[m].firstChild
        var i = 0
        while level >= 0 {
            let pair = document.nodes[level]
            guard pair.kind == .array, pair.childCount >= 2 else {
                throw error(.badJSON, "\(key)[\(i)]", "level \(i) is not a [price, size] pair: \(describe(level))")
            }
            let priceNode = pair.firstChild
            let sizeNode = document.nodes[priceNode].nextSibling
            guard let price = decimalValue(priceNode) else {
                throw error(.badNumber, "\(key)[\(i)]", "level \(i): price \(describe(priceNode)) is not a number")
            }
            guard let size = decimalValue(sizeNode) else {
                throw error(.badNumber, "\(key)[\(i)]", "level \(i): size \(describe(sizeNode)) is not a number")
            }
            out.append(BookLevel(price: price, size: size))
            level = pair.nextSibling
            i += 1
        }
        return out
    }

    /// A number or numeric string node's value; nil for anything else (missing markers included).
    private func decimalValue(_ m: Int) -> Double? {
        let n = document.nodes[m]
        guard n.kind == .number || n.kind == .string, !n.hasEscapes,
              case .value(let v) = DecimalParser.parse(bytes, n.start, n.end) else { return nil }
        return v
    }
}
