import Foundation
import BarbellQuant

/// Settings of ``RegimeEnsemble``: component weights, windows, thresholds and persistence.
public struct RegimeEnsembleOptions: Sendable, Equatable {
    /// Weight of the HMM posterior (mapped to labels through the state labels).
    public var hmmWeight: Double
    /// Weight of the Gaussian mixture's responsibilities (mapped to labels through the labels
    /// ``RegimeLabeller`` gives its components); 0 skips the mixture fit.
    public var gmmWeight: Double
    /// Weight of the realised-volatility percentile detector.
    public var volatilityWeight: Double
    /// Weight of the moving-average trend filter.
    public var trendWeight: Double
    /// Bars of the trailing realised volatility (21 ≈ a trading month).
    public var volatilityWindow: Int
    /// Expanding-percentile rank of the current realised volatility from which the bar votes Volatile.
    public var volatilePercentile: Double
    /// Expanding-percentile rank from which the bar votes Crisis.
    public var crisisPercentile: Double
    /// Bars of the price moving average of the trend filter (50).
    public var trendWindow: Int
    /// Bars over which the moving average's slope is measured (10).
    public var slopeLag: Int
    /// Bars a new argmax regime must persist to count as a change in the history (5).
    public var minimumPersistence: Int
    /// Seeded restarts of the mixture fit (3).
    public var mixtureRestarts: Int
    /// EM settings of the mixture fit (scikit-learn's defaults).
    public var mixtureOptions: GaussianMixtureFitOptions

    /// Defaults: weights HMM 0.4, GMM 0.2, volatility 0.2, trend 0.2 — the HMM leads because it
    /// alone sees regime persistence; the mixture reads the same features bar by bar without it
    /// (a second opinion that reacts at once but flickers more), and the two rule-based
    /// components add a causal, model-free view. 21-bar volatility with percentiles 0.80/0.95,
    /// 50-bar moving average with a 10-bar slope, changes persisting ≥ 5 bars, 3 mixture restarts.
    public init(hmmWeight: Double = 0.4, gmmWeight: Double = 0.2, volatilityWeight: Double = 0.2, trendWeight: Double = 0.2,
                volatilityWindow: Int = 21, volatilePercentile: Double = 0.80, crisisPercentile: Double = 0.95,
                trendWindow: Int = 50, slopeLag: Int = 10, minimumPersistence: Int = 5, mixtureRestarts: Int = 3,
                mixtureOptions: GaussianMixtureFitOptions = GaussianMixtureFitOptions()) {
        self.hmmWeight = hmmWeight
        self.gmmWeight = gmmWeight
        self.volatilityWeight = volatilityWeight
        self.trendWeight = trendWeight
        self.volatilityWindow = volatilityWindow
        self.volatilePercentile = volatilePercentile
        self.crisisPercentile = crisisPercentile
        self.trendWindow = trendWindow
        self.slopeLag = slopeLag
        self.minimumPersistence = minimumPersistence
        self.mixtureRestarts = mixtureRestarts
        self.mixtureOptions = mixtureOptions
    }
}

/// A persistent change of the ensemble's argmax regime.
public struct RegimeChange: Sendable, Equatable {
    /// First bar of the new regime.
    public let index: Int
    /// The regime before (nil for the first regime of the history).
    public let from: RegimeLabel?
    /// The new regime.
    public let to: RegimeLabel
}

/// The ensemble's reading of every bar and its regime history.
public struct RegimeEnsembleResult: Sendable, Equatable {
    /// Per bar, a probability over ``RegimeLabel/allCases`` (in that order); each row sums to 1.
    public let probabilities: [[Double]]
    /// Per bar, the most probable regime (ties to the earlier label in `allCases`).
    public let regimes: [RegimeLabel]
    /// Per bar, confidence `1 − H(p)/ln 6` with `H` the Shannon entropy: 0 for a uniform
    /// distribution, 1 for a certain one — unlike the maximum probability, it also counts how
    /// the rest of the mass is spread.
    public let confidence: [Double]
    /// The persistent regime changes (see ``RegimeEnsemble/history(_:minimumPersistence:)``).
    public let history: [RegimeChange]
    /// The label of each component of the Gaussian mixture the ensemble fitted (empty when
    /// ``RegimeEnsembleOptions/gmmWeight`` is 0).
    public let mixtureLabels: [RegimeLabel]
}

/// Combines regime evidence into a probability distribution over the six ``RegimeLabel``s.
///
/// Components, each a distribution over the six labels per bar, averaged with the option weights
/// (renormalised to sum to 1):
/// - **HMM**: the smoothed posterior of each hidden state, summed over states sharing a label
///   (labels from ``RegimeLabeller``).
/// - **GMM**: a ``GaussianMixture`` fitted on the same observations, with as many components as
///   the HMM has states, its covariance type, and the caller's seed; its responsibilities stand
///   in for the posterior, summed over components sharing a label. The components are labelled
///   by the same rules: ``RegimeStateStatistics`` of the bars each component wins (argmax
///   responsibility) and, for the entry-share arm of the Recovery rule, the empirical transition
///   frequencies of that hard path — the mixture's own "transition matrix" would have every row
///   equal to the weights, blind to what precedes a component. A component that wins fewer than
///   2 bars has no statistics: its bars go to their next most responsible component for the
///   statistics, and it is labelled Sideways (no evidence of direction or stress).
/// - **Volatility threshold**: the trailing `volatilityWindow`-bar realised volatility ranked
///   against all earlier values (expanding mid-rank percentile, so causal): ≥ `crisisPercentile` votes
///   Crisis, ≥ `volatilePercentile` Volatile, otherwise uniform over Bull/Bear/Sideways/Recovery
///   (calm says nothing about direction).
/// - **Trend filter**: price (cumulated returns) against its `trendWindow`-bar moving average and
///   that average's slope over `slopeLag` bars: above a rising average votes Bull, below a falling
///   one Bear, above a falling one Recovery (a turn not yet confirmed), below a rising one Sideways.
/// Before a component's window is full it votes uniform over all six labels.
///
/// The only randomness is the mixture's k-means++ starts, drawn from `seed`, so the result is
/// deterministic given the seed and the (seeded) HMM fit.
public enum RegimeEnsemble {
    /// Evaluates the ensemble on `returns` (simple, one per bar) with an HMM over `observations`
    /// (one row per bar) whose states carry `stateLabels`, fitting the mixture component on the
    /// same observations from `seed` (pass the seed the HMM was fitted with).
    ///
    /// - Throws: `.shapeMismatch` when lengths disagree, `.nonFinite` for NaN returns,
    ///   `.invalidArgument` for negative weights (or all zero), windows < 2, percentiles outside
    ///   (0, 1] or out of order, persistence < 1, mixture restarts < 1 or bad mixture options; the
    ///   errors of ``GaussianHMM/posteriors(_:)``; with a positive ``RegimeEnsembleOptions/gmmWeight``
    ///   the errors of ``GaussianMixture/fit(_:components:covarianceType:restarts:seed:options:)``
    ///   (too few rows, a constant feature) and of ``RegimeStateStatistics/compute(returns:path:states:periodsPerYear:drawdownWindow:)``
    ///   (a return ≤ −1).
    public static func evaluate(returns: [Double], observations: [[Double]], model: GaussianHMM,
                                stateLabels: [RegimeLabel], seed: UInt64,
                                options: RegimeEnsembleOptions = RegimeEnsembleOptions()) throws -> RegimeEnsembleResult {
        let n = returns.count
        guard observations.count == n else {
            throw RegimeError(.shapeMismatch, "observations: \(observations.count) rows, expected \(n) (one per return)")
        }
        guard stateLabels.count == model.stateCount else {
            throw RegimeError(.shapeMismatch, "stateLabels: \(stateLabels.count) labels, expected \(model.stateCount) (one per state)")
        }
        for (t, r) in returns.enumerated() where !r.isFinite {
            throw RegimeError(.nonFinite, "returns[\(t)]: expected a finite value")
        }
        let o = options
        let w = [o.hmmWeight, o.gmmWeight, o.volatilityWeight, o.trendWeight]
        guard w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.reduce(0, +) > 0 else {
            throw RegimeError(.invalidArgument, "weights \(w): expected finite values ≥ 0, not all 0")
        }
        guard o.volatilityWindow >= 2, o.trendWindow >= 2, o.slopeLag >= 1 else {
            throw RegimeError(.invalidArgument, "volatilityWindow, trendWindow: expected ≥ 2; slopeLag: expected ≥ 1")
        }
        guard o.volatilePercentile > 0, o.volatilePercentile <= o.crisisPercentile, o.crisisPercentile <= 1 else {
            throw RegimeError(.invalidArgument, "percentiles: expected 0 < volatilePercentile ≤ crisisPercentile ≤ 1")
        }
        guard o.minimumPersistence >= 1 else {
            throw RegimeError(.invalidArgument, "minimumPersistence = \(o.minimumPersistence): expected ≥ 1")
        }
        guard o.mixtureRestarts >= 1 else {
            throw RegimeError(.invalidArgument, "mixtureRestarts = \(o.mixtureRestarts): expected ≥ 1")
        }
        try o.mixtureOptions.validate()
        let total = w.reduce(0, +)
        let hmm = n > 0 ? try model.posteriors(observations) : []
        var gmm = [[Double]](), mixtureLabels = [RegimeLabel]()
        if o.gmmWeight > 0 && n > 0 {
            let fit = try GaussianMixture.fit(observations, components: model.stateCount, covarianceType: model.covarianceType,
                                              restarts: o.mixtureRestarts, seed: seed, options: o.mixtureOptions)
            gmm = try fit.model.responsibilities(observations)
            mixtureLabels = try mixtureComponentLabels(returns: returns, responsibilities: gmm)
        }
        let vol = volatilityVotes(returns, options: o), trend = trendVotes(returns, options: o)
        let labels = RegimeLabel.allCases
        var probabilities = [[Double]](), regimes = [RegimeLabel](), confidence = [Double]()
        for t in 0..<n {
            var p = [Double](repeating: 0, count: labels.count)
            for (s, q) in hmm[t].enumerated() { p[labels.firstIndex(of: stateLabels[s])!] += w[0] * q }
            if !gmm.isEmpty {
                for (s, q) in gmm[t].enumerated() { p[labels.firstIndex(of: mixtureLabels[s])!] += w[1] * q }
            }
            for i in 0..<labels.count { p[i] += w[2] * vol[t][i] + w[3] * trend[t][i] }
            p = p.map { $0 / total }
            var best = 0
            for i in 1..<labels.count where p[i] > p[best] { best = i }
            let h = p.reduce(0) { $1 > 0 ? $0 - $1 * log($1) : $0 }
            probabilities.append(p)
            regimes.append(labels[best])
            confidence.append(max(0, 1 - h / log(Double(labels.count))))
        }
        return RegimeEnsembleResult(probabilities: probabilities, regimes: regimes, confidence: confidence,
                                    history: history(regimes, minimumPersistence: o.minimumPersistence),
                                    mixtureLabels: mixtureLabels)
    }

    /// The persistent changes of a per-bar regime sequence: a run of a new regime counts once it
    /// lasts ≥ `minimumPersistence` bars, dated at its first bar; shorter runs are ignored (the
    /// current regime stays). The first entry is the first regime that persists (`from` nil).
    public static func history(_ regimes: [RegimeLabel], minimumPersistence: Int) -> [RegimeChange] {
        var changes = [RegimeChange]()
        var current: RegimeLabel?
        var runStart = 0
        for t in 0..<regimes.count {
            if t > 0 && regimes[t] != regimes[t - 1] { runStart = t }
            if regimes[t] != current && t - runStart + 1 >= max(1, minimumPersistence) {
                changes.append(RegimeChange(index: runStart, from: current, to: regimes[t]))
                current = regimes[t]
            }
        }
        return changes
    }

    static func uniform(over set: [RegimeLabel]) -> [Double] {
        RegimeLabel.allCases.map { set.contains($0) ? 1 / Double(set.count) : 0 }
    }

    static func one(_ l: RegimeLabel) -> [Double] { uniform(over: [l]) }

    /// Volatility votes per bar (see the type's documentation).
    static func volatilityVotes(_ r: [Double], options o: RegimeEnsembleOptions) -> [[Double]] {
        let all = uniform(over: RegimeLabel.allCases), calm = uniform(over: [.bull, .bear, .sideways, .recovery])
        var history = [Double](), out = [[Double]]()
        for t in 0..<r.count {
            guard t + 1 >= o.volatilityWindow else { out.append(all); continue }
            let win = r[(t + 1 - o.volatilityWindow)...t]
            let m = win.reduce(0, +) / Double(win.count)
            let v = (win.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(win.count - 1)).squareRoot()
            // Mid-rank of today's volatility among all realised volatilities so far (itself
            // included): ties count half, so a constant volatility ranks 0.5 (calm), not 1.
            // `history` is kept sorted: two binary searches and one insertion per bar.
            let below = boundary(history) { $0 < v }
            let upTo = boundary(history) { $0 <= v }
            history.insert(v, at: upTo)
            let rank = (Double(below) + 0.5 * Double(upTo - below + 1)) / Double(history.count)
            // The first values have too little history to rank; vote uniform until 2 windows are seen.
            if history.count < o.volatilityWindow { out.append(all) }
            else if rank >= o.crisisPercentile { out.append(one(.crisis)) }
            else if rank >= o.volatilePercentile { out.append(one(.volatile)) }
            else { out.append(calm) }
        }
        return out
    }

    /// First index of sorted `a` whose element fails `isBefore` (a partition point).
    static func boundary(_ a: [Double], _ isBefore: (Double) -> Bool) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(a[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Trend votes per bar (see the type's documentation).
    static func trendVotes(_ r: [Double], options o: RegimeEnsembleOptions) -> [[Double]] {
        let all = uniform(over: RegimeLabel.allCases)
        var logPrice = [Double](), ma = [Double](), out = [[Double]]()
        var level = 0.0
        for t in 0..<r.count {
            level += log1p(r[t])
            logPrice.append(level)
            guard t + 1 >= o.trendWindow else { ma.append(.nan); out.append(all); continue }
            let avg = logPrice[(t + 1 - o.trendWindow)...t].reduce(0, +) / Double(o.trendWindow)
            ma.append(avg)
            guard t - o.slopeLag >= 0, ma[t - o.slopeLag].isFinite else { out.append(all); continue }
            let rising = avg > ma[t - o.slopeLag], above = level > avg
            out.append(one(above ? (rising ? .bull : .recovery) : (rising ? .sideways : .bear)))
        }
        return out
    }
}
