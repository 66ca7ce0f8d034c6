/// An instrument identifier such as `AAPL`, `BTCUSDT` or `ETH/BTC`.
///
/// Symbols are case-sensitive and stored exactly as given, because exchanges disagree on
/// casing conventions and silently upper-casing would merge distinct instruments.
public struct Symbol: Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }
    public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.name < rhs.name }
}
