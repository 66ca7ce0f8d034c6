/// The six market regimes a hidden state can be named after (issue 5).
public enum RegimeLabel: String, Sendable, CaseIterable, Codable {
    /// Rising prices at moderate volatility.
    case bull
    /// Falling prices.
    case bear
    /// No clear direction at moderate volatility.
    case sideways
    /// No clear direction at high volatility.
    case volatile
    /// Extreme volatility with losses or a deep drawdown.
    case crisis
    /// Gains entered from a Bear or Crisis state, or while still deep in a drawdown.
    case recovery
}
