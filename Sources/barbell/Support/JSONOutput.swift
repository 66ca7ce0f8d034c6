import Foundation

/// Prints an Encodable value as pretty, key-sorted JSON on stdout (stable for diffs and tests).
func printJSON<T: Encodable>(_ value: T) throws {
    print(jsonText(value))
}

/// Pretty, key-sorted JSON text; NaN and infinities become strings instead of failing.
func jsonText<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    // Encoding plain value types with non-conforming floats handled cannot fail.
    return String(decoding: try! encoder.encode(value), as: UTF8.self)
}

/// Formats a number compactly for tables.
func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "-" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    return String(format: "%.6g", x)
}
