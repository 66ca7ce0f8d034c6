/// Which label a dataset teaches: a named, serialisable choice so an experiment and its artifact
/// can say exactly what the model learned to predict.
public enum LabelDefinition: Sendable, Equatable, Codable {
    /// The return over the next `horizon` bars.
    case forwardReturn(horizon: Int, kind: ReturnKind)
    /// The direction of that return: −1, 0 or +1, with `|r| ≤ deadZone` mapped to 0.
    case direction(horizon: Int, kind: ReturnKind, deadZone: Double)
    /// The triple-barrier label (−1 or +1, or 0 at the vertical barrier when so configured).
    case tripleBarrier(TripleBarrierConfig)

    /// The labels of one series: for each labelled bar, its value and the bars it reads.
    func labels(close: [Double]) throws(LearningError) -> [(index: Int, value: Double, span: LabelSpan)] {
        switch self {
        case .forwardReturn(let h, let kind):
            return try ForwardReturns.labels(close: close, horizon: h, kind: kind).map { ($0.index, $0.value, $0.span) }
        case .direction(let h, let kind, let deadZone):
            var out: [(index: Int, value: Double, span: LabelSpan)] = []
            for label in try ForwardReturns.labels(close: close, horizon: h, kind: kind) {
                out.append((label.index, Double(try ForwardReturns.direction(label.value, deadZone: deadZone)), label.span))
            }
            return out
        case .tripleBarrier(let config):
            return try TripleBarrier.labels(close: close, config: config).map { ($0.event, Double($0.label), $0.span) }
        }
    }
}

extension LabelDefinition {
    /// The most bars a label looks ahead: what must separate training labels from a later
    /// backtest's trades so the two share no returns.
    public var horizon: Int {
        switch self {
        case .forwardReturn(let h, _), .direction(let h, _, _): h
        case .tripleBarrier(let config): config.horizon
        }
    }
}
