import Foundation

/// Prints an Encodable value as pretty, key-sorted JSON on stdout (stable for diffs and tests).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Formats a number compactly for tables.
func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "-" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
}
