/// Which corporate-action adjustments a price series already carries.
///
/// Recorded on every ``BarSeries`` and in the store so that an adjustment is applied
/// explicitly, once: adjusting an already adjusted series is an error, not a silent no-op.
public struct PriceAdjustment: OptionSet, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Prices divided by later split ratios (volume multiplied).
    public static let splits = PriceAdjustment(rawValue: 1)
    /// Prices scaled down by later cash dividends (CRSP-style total-return factor).
    public static let dividends = PriceAdjustment(rawValue: 2)
    public static let none: PriceAdjustment = []
    public static let all: PriceAdjustment = [.splits, .dividends]

    public var description: String {
        switch self {
        case .none: return "raw"
        case .splits: return "splits"
        case .dividends: return "dividends"
        default: return "splits+dividends"
        }
    }

    public init?(text: String) {
        switch text.lowercased() {
        case "raw", "none", "": self = .none
        case "splits", "split": self = .splits
        case "dividends", "dividend": self = .dividends
        case "splits+dividends", "all", "adjusted": self = .all
        default: return nil
        }
    }
}
