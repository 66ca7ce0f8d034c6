extension JSONArrayOfArraysTokenizer {
    /// One complete row, valid only during the `onRow` call.
    struct Row {
        let path: String
        let bytes: UnsafeBufferPointer<UInt8>
        let elements: UnsafeBufferPointer<Element>
        /// 0-based position of the row in the outer array.
        let index: Int
        /// 1-based line of the row's opening bracket.
        let line: Int

        var count: Int { elements.count }

        func kind(_ i: Int) -> ElementKind { elements[i].kind }

        /// The element's text (strings without their quotes), for messages and ids.
        func text(_ i: Int) -> String {
            let e = elements[i]
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[e.start..<e.end]), as: UTF8.self)
        }

        /// An error located at element `i`, naming the row and element position.
        func error(_ code: DataError.Code, _ i: Int, field: String, _ problem: String) -> DataError {
            let line = i < elements.count ? elements[i].line : self.line
            return DataError(code, "row index \(index), element \(i): \(problem)", file: path, line: line, field: field)
        }

        /// A number or numeric string; `null` (and `NaN`, empty strings) is ``DecimalParser/Result/missing``.
        func decimal(_ i: Int, field: String) throws(DataError) -> DecimalParser.Result {
            let e = elements[i]
            switch e.kind {
            case .null: return .missing
            case .boolean: throw error(.badNumber, i, field: field, "expected a number, found \(text(i))")
            case .number, .string:
                let r = DecimalParser.parse(bytes, e.start, e.end)
                if r == .invalid { throw error(.badNumber, i, field: field, "expected a number, found \(quoted(i))") }
                return r
            }
        }

        /// A required number: missing values are errors too.
        func double(_ i: Int, field: String) throws(DataError) -> Double {
            switch try decimal(i, field: field) {
            case .value(let v): return v
            default: throw error(.badNumber, i, field: field, "value is missing (\(quoted(i)))")
            }
        }

        /// A number that may be `null`, which becomes NaN.
        func doubleOrNaN(_ i: Int, field: String) throws(DataError) -> Double {
            if case .value(let v) = try decimal(i, field: field) { return v }
            return .nan
        }

        /// A whole number written bare or as a string.
        func integer(_ i: Int, field: String, code: DataError.Code = .badNumber) throws(DataError) -> Int64 {
            let e = elements[i]
            guard e.kind == .number || e.kind == .string, let v = DecimalParser.parseInt(bytes, e.start, e.end) else {
                throw error(code, i, field: field, "expected a whole number, found \(quoted(i))")
            }
            return v
        }

        /// Epoch milliseconds (bare or string) as a ``Timestamp``.
        func epochMilliseconds(_ i: Int, field: String) throws(DataError) -> Timestamp {
            let ms = try integer(i, field: field, code: .badTimestamp)
            let (ns, overflow) = ms.multipliedReportingOverflow(by: 1_000_000)
            guard !overflow else { throw error(.badTimestamp, i, field: field, "\(ms) is out of range for epoch milliseconds") }
            return Timestamp(nanoseconds: ns)
        }

        private func quoted(_ i: Int) -> String {
            switch elements[i].kind {
            case .string: return "\"\(text(i))\""
            case .null: return "null"
            default: return text(i)
            }
        }
    }
}
