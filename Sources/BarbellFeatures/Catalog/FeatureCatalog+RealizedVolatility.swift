import Foundation

extension FeatureCatalog {
    /// Rolling realized-volatility estimators over `window` bars, annualised by
    /// `√annualization` (default 252; 1 gives per-bar volatility). Close-to-close and Yang–Zhang
    /// use the previous close, so their lookback is `window`; the range estimators use only the
    /// bar itself (lookback `window − 1`).
    static let realizedVolatility: [FeatureDescriptor] = {
        typealias R = RollingStat
        return [
            .rollingStat(
                "VOL_CC", group: .realizedVolatility, summary: "Close-to-close volatility: annualised sample std of log returns",
                parameters: [.statWindow(20), .statAnnualization], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.LogReturn(powers: 2), rows: $0.int("window"), R.StandardDeviation(annualization: $0.double("annualization"))) }
            ),
            .rollingStat(
                "VOL_PARKINSON", group: .realizedVolatility, summary: "Parkinson (1980) high-low range volatility",
                inputs: [.high, .low], parameters: [.statWindow(20, "number of bars in the rolling window"), .statAnnualization],
                streamingCost: "O(1)", lookback: { $0.int("window") - 1 },
                make: { R.MomentFeature(R.ParkinsonTerm(), rows: $0.int("window"), R.RootMeanTerm(factor: 1 / (4 * RollingStat.ln2), annualization: $0.double("annualization"))) }
            ),
            .rollingStat(
                "VOL_GK", group: .realizedVolatility, summary: "Garman-Klass (1980) OHLC volatility",
                inputs: InputField.ohlc, parameters: [.statWindow(20, "number of bars in the rolling window"), .statAnnualization],
                streamingCost: "O(1)", lookback: { $0.int("window") - 1 },
                make: { R.MomentFeature(R.GarmanKlassTerm(), rows: $0.int("window"), R.RootMeanTerm(factor: 1, annualization: $0.double("annualization"))) }
            ),
            .rollingStat(
                "VOL_RS", group: .realizedVolatility, summary: "Rogers-Satchell (1991) drift-independent OHLC volatility",
                inputs: InputField.ohlc, parameters: [.statWindow(20, "number of bars in the rolling window"), .statAnnualization],
                streamingCost: "O(1)", lookback: { $0.int("window") - 1 },
                make: { R.MomentFeature(R.RogersSatchellTerm(), rows: $0.int("window"), R.RootMeanTerm(factor: 1, annualization: $0.double("annualization"))) }
            ),
            .rollingStat(
                "VOL_YZ", group: .realizedVolatility, summary: "Yang-Zhang (2000) volatility: overnight, open-close and Rogers-Satchell parts",
                inputs: InputField.ohlc, parameters: [.statWindow(20, "number of bars in the rolling window"), .statAnnualization],
                streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.YangZhangTerms(), rows: $0.int("window"), R.YangZhang(annualization: $0.double("annualization"))) }
            ),
        ]
    }()
}
