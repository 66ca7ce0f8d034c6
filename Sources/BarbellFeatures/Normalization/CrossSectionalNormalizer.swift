/// Cross-sectional normalisation: each timestamp's values across symbols are normalised against
/// each other only (``CrossSection``), so there is nothing to fit and nothing can leak across
/// time. The method is the whole state, `Codable` for the same artifact as the fitted
/// normalisers.
public struct CrossSectionalNormalizer: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Sample z-score across symbols (``CrossSection/zScores(_:)``).
        case zScore
        /// Percent rank across symbols, ties averaged (``CrossSection/percentRanks(_:)``).
        case rank
    }

    public var method: Method

    public init(_ method: Method) { self.method = method }

    /// One timestamp's values, one per symbol.
    public func apply(row: [Double]) -> [Double] {
        switch method {
        case .zScore: CrossSection.zScores(row)
        case .rank: CrossSection.percentRanks(row)
        }
    }

    /// Every timestamp of a panel; `result[j]` is symbol `j`'s normalised column.
    public func apply(_ panel: CrossSectionPanel) -> [[Double]] {
        switch method {
        case .zScore: panel.zScores()
        case .rank: panel.percentRanks()
        }
    }
}
