/// TA-Lib's `TA_MAType`: the moving averages a `matype` parameter selects, with TA-Lib's codes.
public enum MovingAverageType: Int, Sendable, Codable, CaseIterable {
    case sma = 0, ema, wma, dema, tema, trima, kama, mama, t3

    /// TA-Lib's short name of the average.
    public var name: String {
        switch self {
        case .sma: "SMA"
        case .ema: "EMA"
        case .wma: "WMA"
        case .dema: "DEMA"
        case .tema: "TEMA"
        case .trima: "TRIMA"
        case .kama: "KAMA"
        case .mama: "MAMA"
        case .t3: "T3"
        }
    }
}
