import BarbellQuant
import Foundation

/// The k past windows of a series most similar to a query window (by default the latest one)
/// under z-normalised dynamic time warping with a Sakoe-Chiba band, and what followed each.
///
/// **Exactness.** The result is identical to a brute force that computes the DTW distance of
/// every candidate and then picks greedily — the closest, then the closest not within
/// `exclusion` bars of one already picked, and so on (ties to the earlier start). The search
/// prunes with the UCR-suite cascade (Rakthanmanon et al., KDD 2012): LB_Kim on the end points,
/// LB_Keogh with the query's envelope, LB_Keogh with the candidate's envelope, then DTW that
/// abandons a row once the cumulative LB_Keogh bound of the remaining rows exceeds the
/// threshold. The threshold is safe for greedy selection with exclusion: it is the largest
/// distance among k evaluated candidates that are pairwise at least `2·exclusion` apart, since
/// each greedy pick can exclude at most one of those (so the first k picks are no farther).
public struct SimilarPatternSearch: Sendable {
    /// Window length in bars.
    public var window: Int
    /// Sakoe-Chiba radius in bars (default 10% of the window, at least 1).
    public var radius: Int
    /// Minimum distance in bars between the starts of two reported matches (default: the
    /// window, so matches never overlap).
    public var exclusion: Int
    /// Bars after a match's last bar over which its forward return is measured.
    public var horizon: Int

    /// - Throws: `invalidArgument` for a window below 4, a negative radius, an exclusion below 1
    ///   or a horizon below 1.
    public init(window: Int, radius: Int? = nil, exclusion: Int? = nil, horizon: Int = 20) throws {
        guard window >= 4 else { throw QuantError(.invalidArgument, "window is \(window); a pattern needs at least 4 bars") }
        let r = radius ?? max(1, window / 10)
        guard r >= 0, r < window else { throw QuantError(.invalidArgument, "band radius \(r) must be in [0, \(window - 1)]") }
        let e = exclusion ?? window
        guard e >= 1 else { throw QuantError(.invalidArgument, "exclusion is \(e); expected at least 1 bar") }
        guard horizon >= 1 else { throw QuantError(.invalidArgument, "horizon is \(horizon); expected at least 1 bar") }
        self.window = window
        self.radius = r
        self.exclusion = e
        self.horizon = horizon
    }
}

/// One similar past window.
public struct PatternMatch: Sendable, Equatable, Codable {
    /// Index of the window's first bar.
    public var start: Int
    /// The z-normalised DTW distance (√ of the squared cost) to the query.
    public var distance: Double
    /// `series[end + horizon] / series[end] − 1`, with `end = start + window − 1`.
    public var forwardReturn: Double
}
