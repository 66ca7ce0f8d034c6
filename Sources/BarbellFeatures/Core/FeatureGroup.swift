/// The families the catalogue is organised in; `barbell features list` groups by these.
public enum FeatureGroup: String, Sendable, Codable, CaseIterable {
    // TA-Lib's groups, named as TA-Lib names them.
    case overlapStudies = "Overlap Studies"
    case momentum = "Momentum Indicators"
    case volume = "Volume Indicators"
    case volatility = "Volatility Indicators"
    case priceTransform = "Price Transform"
    case cycle = "Cycle Indicators"
    case statistic = "Statistic Functions"
    case pattern = "Pattern Recognition"
    // Barbell's own families.
    case statistical = "Statistical"
    case realizedVolatility = "Realized Volatility"
    case tailRisk = "Tail Risk"
    case regime = "Regime"
    case crossAsset = "Cross-Asset"
    case microstructure = "Microstructure"
    case alpha158 = "Alpha158"
    case alpha360 = "Alpha360"
}
