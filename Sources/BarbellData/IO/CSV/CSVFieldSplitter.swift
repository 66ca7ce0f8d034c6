/// Splits one CSV line into field byte ranges without allocating per line.
///
/// Supports RFC 4180 double-quoted fields (delimiters inside quotes are data). Field ranges
/// exclude the quotes; doubled quotes inside a quoted field are left as-is because no
/// numeric or date field contains them.
struct CSVFieldSplitter {
    let delimiter: UInt8
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    var count: Int { starts.count }

    /// Splits `line`; afterwards fields are `starts[i]..<ends[i]`.
    @inline(__always)
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        let n = line.count
        var i = 0
        var fieldStart = 0
        while i < n {
            let c = line[i]
            if c == 0x22 && i == fieldStart {
                // Quoted field: scan to the closing quote (a doubled quote is an escaped quote).
                var j = i + 1
                while j < n {
                    if line[j] == 0x22 {
                        if j + 1 < n && line[j + 1] == 0x22 { j += 2; continue }
                        break
                    }
                    j += 1
                }
                starts.append(i + 1)
                ends.append(min(j, n))
                i = j + 1
                while i < n && line[i] != delimiter { i += 1 }
                i += 1
                fieldStart = i
                if i > n { return }
                continue
            }
            if c == delimiter {
                starts.append(fieldStart)
                ends.append(i)
                fieldStart = i + 1
            }
            i += 1
        }
        starts.append(fieldStart)
        ends.append(n)
    }

    /// The text of field `k` (for headers and error messages).
    func text(_ line: UnsafeBufferPointer<UInt8>, _ k: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[starts[k]..<ends[k]]), as: UTF8.self)
    }

    /// Picks the most frequent candidate separator in a header line; `,` when none occurs.
    static func sniffDelimiter(_ line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]   // , ; tab |
        var best: UInt8 = 0x2C
        var bestCount = 0
        for d in candidates {
            let n = line.reduce(0) { $0 + ($1 == d ? 1 : 0) }
            if n > bestCount { best = d; bestCount = n }
        }
        return best
    }

    static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case 0x09: return "tab"
        default: return "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}
