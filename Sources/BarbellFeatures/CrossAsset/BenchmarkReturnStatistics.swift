/// Rolling statistics of an asset's simple returns against a benchmark's over the last `window`
/// returns: correlation, beta, residual (idiosyncratic) volatility and tracking error.
///
/// Definitions, with r = p_t / p_{t-1} − 1 the simple return of the asset (a) and of the benchmark
/// (b), all moments over the last `window` returns and sample (ddof 1) estimators, as pandas'
/// `rolling(window).corr/cov/var/std`:
/// - correlation: ρ = cov(r_a, r_b) / (σ_a σ_b) (Pearson);
/// - beta: β = cov(r_a, r_b) / var(r_b), the OLS slope of the asset on the benchmark (the CAPM
///   beta; Sharpe 1964, estimated as in Fama & MacBeth 1973 over a rolling window);
/// - residual volatility: the standard error of that regression, √(Σε² / (window − 2)) with
///   ε = r_a − α − β r_b, the idiosyncratic volatility of Ang, Hodrick, Xing & Zhang (2006, "The
///   cross-section of volatility and expected returns") with the market as the only factor;
/// - tracking error: the sample standard deviation of the active return r_a − r_b (Grinold &
///   Kahn, *Active Portfolio Management*, ch. 4), computed as √((S_aa + S_bb − 2 S_ab)/(n − 1)).
///
/// Values are per bar, not annualised. The first output is at bar `window` (`window` returns need
/// `window + 1` prices). A window that holds a NaN or infinite return is NaN until that return
/// leaves it; a constant benchmark (or asset, for the correlation) gives NaN.
enum BenchmarkReturnStatistics {
    enum Statistic: Sendable {
        case correlation, beta, residualVolatility, trackingError
    }

    static func lookback(window: Int) -> Int { window }

    @inline(__always)
    static func value(_ statistic: Statistic, _ m: RollingPairMoments) -> Double {
        switch statistic {
        case .correlation: return m.correlation
        case .beta: return m.slopeYOnX
        case .residualVolatility: return m.residualStandardErrorYOnX
        case .trackingError:
            guard m.isClean else { return .nan }
            let c = m.centred
            let active = max(c.xx + c.yy - 2 * c.xy, 0)
            return (active / Double(m.valid - 1)).squareRoot()
        }
    }

    /// Writes the statistic of `asset` against `benchmark` into `out` from index `window` on.
    static func batch(asset: UnsafeBufferPointer<Double>, benchmark: UnsafeBufferPointer<Double>, window: Int,
                      statistic: Statistic, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = asset.count
        guard n > window else { return }
        var moments = RollingPairMoments()
        // Returns are recomputed when they leave the window rather than stored: the same
        // expression gives the same bits, and the kernel allocates nothing.
        for t in 1..<n {
            if t > window {
                let s = t - window
                moments.remove(benchmark[s] / benchmark[s - 1] - 1, asset[s] / asset[s - 1] - 1)
            }
            moments.add(benchmark[t] / benchmark[t - 1] - 1, asset[t] / asset[t - 1] - 1)
            if t >= window { out[t] = value(statistic, moments) }
        }
    }

    /// Incremental form: two rings of the last `window` returns feed the same running moments.
    struct Stream: FeatureStream {
        let statistic: Statistic
        var benchmarkReturns: RingBuffer
        var assetReturns: RingBuffer
        var moments = RollingPairMoments()
        var previousAsset = Double.nan
        var previousBenchmark = Double.nan
        var started = false

        init(window: Int, statistic: Statistic) {
            self.statistic = statistic
            benchmarkReturns = RingBuffer(capacity: window)
            assetReturns = RingBuffer(capacity: window)
        }

        /// Inputs: asset close, benchmark close.
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let asset = inputs[0], benchmark = inputs[1]
            defer { previousAsset = asset; previousBenchmark = benchmark }
            guard started else {
                started = true
                outputs[0] = .nan
                return
            }
            let x = benchmark / previousBenchmark - 1, y = asset / previousAsset - 1
            if benchmarkReturns.isFull { moments.remove(benchmarkReturns.oldest, assetReturns.oldest) }
            benchmarkReturns.append(x)
            assetReturns.append(y)
            moments.add(x, y)
            outputs[0] = benchmarkReturns.isFull ? value(statistic, moments) : .nan
        }
    }
}
