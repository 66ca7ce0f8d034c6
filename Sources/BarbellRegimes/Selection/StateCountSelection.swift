import Foundation

/// The information criterion that picks the number of states.
public enum InformationCriterion: String, Sendable, CaseIterable, Codable {
    /// Akaike: `−2 log L + 2p`; favours fit, picks more states on long series.
    case aic
    /// Bayesian (Schwarz): `−2 log L + p log n`; the consistent choice, and the default.
    case bic
}

/// One candidate number of states and how it scored.
public struct StateCountCandidate: Sendable, Equatable, Codable {
    /// Number of states (or mixture components).
    public let states: Int
    /// Log-likelihood of the best of its restarts.
    public let logLikelihood: Double
    /// Free parameters (the model's own count, as hmmlearn and scikit-learn count them).
    public let parameterCount: Int
    /// `−2 log L + 2p`.
    public let aic: Double
    /// `−2 log L + p log n`.
    public let bic: Double

    /// The candidate's value of `criterion`.
    public func value(_ criterion: InformationCriterion) -> Double { criterion == .aic ? aic : bic }
}

/// The number of states chosen by an information criterion over a range of candidates, with
/// the winning fit and every candidate's scores (so the choice can be inspected, not just taken).
public struct StateCountSelection<Fit: Sendable>: Sendable {
    /// The criterion that chose.
    public let criterion: InformationCriterion
    /// Every candidate, in increasing number of states.
    public let candidates: [StateCountCandidate]
    /// The chosen number of states: the lowest criterion value, ties to fewer states.
    public let states: Int
    /// The fit with ``states`` states.
    public let fit: Fit

    /// Fits every candidate number of states with `fit` (which returns the fit, its
    /// log-likelihood and parameter count) on `observations` rows and keeps the best by
    /// `criterion`.
    /// - Throws: `.invalidArgument` for an empty range or one starting below 1, and whatever
    ///   `fit` throws (a candidate the data cannot support is an error, not silently skipped:
    ///   narrow the range instead).
    public static func select(_ candidates: ClosedRange<Int>, observations: Int, criterion: InformationCriterion,
                              fit: (Int) throws -> (fit: Fit, logLikelihood: Double, parameterCount: Int)) throws -> StateCountSelection {
        guard candidates.lowerBound >= 1 else {
            throw RegimeError(.invalidArgument, "states \(candidates.lowerBound)...\(candidates.upperBound): expected at least 1 state")
        }
        guard observations >= 1 else { throw RegimeError(.insufficientData, "observations: expected at least one row") }
        var scored = [StateCountCandidate]()
        var best: (fit: Fit, states: Int, value: Double)?
        for k in candidates {
            let f = try fit(k)
            let p = Double(f.parameterCount)
            let candidate = StateCountCandidate(states: k, logLikelihood: f.logLikelihood, parameterCount: f.parameterCount,
                                                aic: -2 * f.logLikelihood + 2 * p, bic: -2 * f.logLikelihood + p * log(Double(observations)))
            scored.append(candidate)
            let v = candidate.value(criterion)
            if best == nil || v < best!.value { best = (f.fit, k, v) }
        }
        return StateCountSelection(criterion: criterion, candidates: scored, states: best!.states, fit: best!.fit)
    }
}
