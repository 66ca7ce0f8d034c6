/// The out-of-sample score a tuning trial returns: one of an experiment's aggregate metrics.
public enum TuneMetric: String, Sendable, Equatable, CaseIterable, Codable {
    case ic, rankIC, icir, rankICIR, hitRate

    /// The metric's value in `metrics`; NaN when it is undefined (an ICIR from one fold), which
    /// marks the trial failed rather than scoring it.
    public func value(_ metrics: ExperimentMetrics) -> Double {
        switch self {
        case .ic: metrics.ic
        case .rankIC: metrics.rankIC
        case .icir: metrics.icir ?? .nan
        case .rankICIR: metrics.rankICIR ?? .nan
        case .hitRate: metrics.hitRate
        }
    }
}
