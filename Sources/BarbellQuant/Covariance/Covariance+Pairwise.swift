extension Covariance {
    /// The pairwise-complete correlation of returns with NaN gaps (pandas' `DataFrame.corr`):
    /// each pair of assets uses the dates where both have a return, with that window's own means
    /// and variances. Without gaps it equals `correlation(sample(returns))` up to round-off.
    public static func pairwiseCorrelation(_ returns: Matrix) throws -> Matrix {
        try PairwiseMoments(returns).correlation()
    }
}
