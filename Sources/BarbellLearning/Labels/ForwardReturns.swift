import Foundation

/// How a return between two closes is measured.
public enum ReturnKind: String, Sendable, Equatable, Codable {
    /// `close[b] / close[a] − 1`.
    case simple
    /// `log(close[b] / close[a])`.
    case log
}

/// One forward-return label: decided at bar `index`, reading bars `span` (index+1 ... index+h).
public struct ForwardReturnLabel: Sendable, Equatable {
    /// The bar the label belongs to (features may use data up to and including it).
    public let index: Int
    /// The return from `index` to `index + h`.
    public let value: Double
    /// The bars the label reads: `index + 1 ... index + h`.
    public let span: LabelSpan
}

/// Forward returns over a fixed horizon, and their direction with a dead zone.
public enum ForwardReturns {
    /// The return over the next `horizon` bars for every bar that has them: bars
    /// `0 ..< close.count − horizon`, in order (the last `horizon` bars have no future and get no
    /// label, so the result is shorter than `close` rather than padded with NaN).
    /// - Throws: ``LearningError`` when `horizon < 1`, there are not more than `horizon` closes,
    ///   or a close is not finite and positive.
    public static func labels(close: [Double], horizon: Int, kind: ReturnKind = .simple) throws(LearningError) -> [ForwardReturnLabel] {
        try CloseSeriesCheck.horizon(horizon, barCount: close.count)
        try CloseSeriesCheck.validate(close)
        var out: [ForwardReturnLabel] = []
        out.reserveCapacity(close.count - horizon)
        for t in 0..<(close.count - horizon) {
            let ratio = close[t + horizon] / close[t]
            let value = kind == .simple ? ratio - 1 : Foundation.log(ratio)
            out.append(ForwardReturnLabel(index: t, value: value, span: try LabelSpan(start: t + 1, end: t + horizon)))
        }
        return out
    }

    /// The direction of a return: −1, 0 or +1, with `|r| ≤ deadZone` mapped to 0 so that moves
    /// too small to trade are not taught as signals.
    /// - Throws: ``LearningError`` when `r` is not finite or `deadZone` is negative or not finite.
    public static func direction(_ r: Double, deadZone: Double) throws(LearningError) -> Int {
        guard deadZone.isFinite, deadZone >= 0 else {
            throw LearningError(.invalidArgument, "dead zone \(deadZone): expected a finite value ≥ 0")
        }
        guard r.isFinite else {
            throw LearningError(.nonFinite, "return \(r): expected a finite value")
        }
        if abs(r) <= deadZone { return 0 }
        return r > 0 ? 1 : -1
    }

    /// The direction of each label's return (see ``direction(_:deadZone:)``), in the labels' order.
    public static func directions(_ labels: [ForwardReturnLabel], deadZone: Double) throws(LearningError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(labels.count)
        for label in labels { out.append(try direction(label.value, deadZone: deadZone)) }
        return out
    }
}
