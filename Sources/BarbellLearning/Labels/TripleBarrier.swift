import Foundation

/// Settings of the triple-barrier method (López de Prado, AFML ch. 3).
public struct TripleBarrierConfig: Sendable, Equatable, Codable {
    /// What a label reads when the vertical barrier is reached first.
    public enum VerticalLabel: String, Sendable, Equatable, Codable {
        /// The sign of the return at the vertical barrier (AFML snippet 3.5).
        case sign
        /// 0, "no decision" (AFML snippet 3.9).
        case zero
    }

    /// Profit-take multiple of σ_t: the upper barrier is a return above `profitTake · σ_t`; 0 turns it off.
    public var profitTake: Double
    /// Stop-loss multiple of σ_t: the lower barrier is a return below `−stopLoss · σ_t`; 0 turns it off.
    public var stopLoss: Double
    /// Bars to the vertical barrier: an event at t ends at t + horizon at the latest.
    public var horizon: Int
    /// EWM span of the volatility estimate σ_t (see ``EWMVolatility/ofReturns(close:span:)``).
    public var volatilitySpan: Double
    /// First bar of the default events (every bar from here while its vertical barrier is inside
    /// the series); at least 2, where σ_t is first defined.
    public var warmUp: Int
    /// The label at the vertical barrier.
    public var verticalLabel: VerticalLabel

    /// - Parameters: see the properties; `warmUp` defaults to the volatility span (rounded up), so
    ///   default events start once σ_t has about a span of returns behind it.
    public init(profitTake: Double, stopLoss: Double, horizon: Int, volatilitySpan: Double,
                warmUp: Int? = nil, verticalLabel: VerticalLabel = .sign) {
        self.profitTake = profitTake
        self.stopLoss = stopLoss
        self.horizon = horizon
        self.volatilitySpan = volatilitySpan
        self.warmUp = warmUp ?? (volatilitySpan.isFinite ? max(2, Int(volatilitySpan.rounded(.up))) : 2)
        self.verticalLabel = verticalLabel
    }
}

/// Which barrier decided a triple-barrier label.
public enum Barrier: String, Sendable, Equatable, Codable {
    /// The upper barrier (with a side: the return in the side's direction reached the profit take).
    case profitTake
    /// The lower barrier (with a side: the loss in the side's direction reached the stop).
    case stopLoss
    /// The vertical barrier: `horizon` bars passed without a horizontal touch.
    case vertical
}

/// One triple-barrier label.
public struct TripleBarrierLabel: Sendable, Equatable {
    /// The event bar t.
    public let event: Int
    /// The bar whose close decided the label (first touch, or t + horizon).
    public let touch: Int
    /// Which barrier decided it.
    public let barrier: Barrier
    /// `close[touch] / close[t] − 1`, times the side when one was given.
    public let ret: Double
    /// +1 / −1 (0 at the vertical barrier with ``TripleBarrierConfig/VerticalLabel/zero``, or a zero
    /// return); with a side, the meta-label: 1 when `ret > 0`, else 0.
    public let label: Int
    /// σ_t used to place the horizontal barriers.
    public let volatility: Double
    /// The bars the label read: `t + 1 ... touch`.
    public let span: LabelSpan
}

/// Triple-barrier labelling and meta-labelling (López de Prado, AFML snippets 3.1–3.7).
public enum TripleBarrier {
    /// Labels each event by the first barrier its path of closes touches after t. The path return
    /// at bar i is `close[i]/close[t] − 1` (times the side); the upper barrier is touched when it
    /// is strictly above `profitTake · σ_t`, the lower when strictly below `−stopLoss · σ_t` (the
    /// book's comparisons in return space). A horizontal touch on the vertical barrier's bar counts
    /// as that horizontal barrier.
    ///
    /// - Parameters:
    ///   - close: closes, bar index = position.
    ///   - events: event bars in any order; `nil` = every bar from `config.warmUp` through
    ///     `close.count − 1 − horizon`. Each needs σ_t (bar ≥ 2) and its whole vertical barrier
    ///     inside the series, so no label is cut short by the end of the data.
    ///   - side: the primary model's position per event (+1 long, −1 short), which turns the
    ///     labels into meta-labels (AFML 3.6); `nil` for plain labels.
    /// - Returns: one label per event, in the events' order.
    /// - Throws: ``LearningError`` for a bad config (horizon < 1, a negative or non-finite multiple,
    ///   both multiples 0 is allowed: only the vertical barrier), a bad close, an event out of range
    ///   or without σ, a side that is not ±1, or `side` not matching `events` in length.
    public static func labels(close: [Double], config: TripleBarrierConfig, events: [Int]? = nil,
                              side: [Int]? = nil) throws(LearningError) -> [TripleBarrierLabel] {
        let h = config.horizon
        try CloseSeriesCheck.horizon(h, barCount: close.count)
        for (name, m) in [("profitTake", config.profitTake), ("stopLoss", config.stopLoss)] where !(m.isFinite && m >= 0) {
            throw LearningError(.invalidArgument, "\(name) multiple \(m): expected a finite value ≥ 0 (0 turns the barrier off)")
        }
        guard config.warmUp >= 2 else {
            throw LearningError(.invalidArgument, "warm-up \(config.warmUp): expected at least 2 bars (σ needs two returns)")
        }
        let sigma = try EWMVolatility.ofReturns(close: close, span: config.volatilitySpan)
        let lastEvent = close.count - 1 - h
        let eventBars: [Int]
        if let events {
            eventBars = events
        } else {
            guard config.warmUp <= lastEvent else {
                throw LearningError(.insufficientData, "\(close.count) closes: warm-up \(config.warmUp) plus horizon \(h) leaves no event")
            }
            eventBars = Array(config.warmUp...lastEvent)
        }
        if let side {
            guard side.count == eventBars.count else {
                throw LearningError(.shapeMismatch, "\(side.count) sides for \(eventBars.count) events: expected one side per event")
            }
            for (k, s) in side.enumerated() where s != 1 && s != -1 {
                throw LearningError(.invalidArgument, "side of event \(k) (bar \(eventBars[k])) is \(s): expected +1 or −1")
            }
        }
        var out: [TripleBarrierLabel] = []
        out.reserveCapacity(eventBars.count)
        for (k, t) in eventBars.enumerated() {
            guard t >= 2, t <= lastEvent else {
                throw LearningError(.insufficientData, "event \(k) at bar \(t): expected a bar in 2...\(lastEvent) (σ from bar 2, vertical barrier \(h) bars later inside \(close.count) closes)")
            }
            let s = Double(side?[k] ?? 1)
            out.append(try label(close: close, event: t, sigma: sigma[t], side: s, metaLabel: side != nil, config: config))
        }
        return out
    }

    private static func label(close: [Double], event t: Int, sigma: Double, side s: Double, metaLabel: Bool,
                              config: TripleBarrierConfig) throws(LearningError) -> TripleBarrierLabel {
        let upper = config.profitTake * sigma, lower = -config.stopLoss * sigma
        var touch = t + config.horizon, barrier = Barrier.vertical
        for i in (t + 1)...(t + config.horizon) {
            let r = (close[i] / close[t] - 1) * s
            if config.profitTake > 0 && r > upper { touch = i; barrier = .profitTake; break }
            if config.stopLoss > 0 && r < lower { touch = i; barrier = .stopLoss; break }
        }
        let ret = (close[touch] / close[t] - 1) * s
        let label: Int
        if metaLabel {
            label = ret > 0 ? 1 : 0
        } else if barrier == .vertical && config.verticalLabel == .zero {
            label = 0
        } else {
            label = ret > 0 ? 1 : (ret < 0 ? -1 : 0)
        }
        return TripleBarrierLabel(event: t, touch: touch, barrier: barrier, ret: ret, label: label,
                                  volatility: sigma, span: try LabelSpan(start: t + 1, end: touch))
    }
}
