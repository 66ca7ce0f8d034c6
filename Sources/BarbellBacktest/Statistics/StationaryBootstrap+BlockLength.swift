import Foundation

extension StationaryBootstrap {
    /// Automatically chosen expected block lengths for the stationary and the circular bootstrap.
    public struct BlockLength: Sendable, Equatable, Codable {
        public var stationary: Double
        public var circular: Double
    }

    /// Politis & White's automatic block length ("Automatic Block-Length Selection for the
    /// Dependent Bootstrap", Econometric Reviews 2004) with Patton, Politis & White's 2009
    /// correction, computed as `arch.bootstrap.optimal_block_length` does (arch 8.0): the
    /// bandwidth m is twice the first lag after which `max(5, ⌊log10 n⌋)` autocorrelations all lie
    /// inside ±2√(log10 n / n) (at most ⌈√n⌉ + that count), the flat-top (trapezoid) kernel weighs
    /// the autocovariances, and lengths are capped at ⌈min(3√n, n/3)⌉.
    /// - Throws: ``BacktestError`` when a value is not finite, the series is too short for the
    ///   lags the rule inspects, or it does not vary.
    public static func optimalBlockLength(_ x: [Double]) throws(BacktestError) -> BlockLength {
        if let i = x.firstIndex(where: { !$0.isFinite }) {
            throw BacktestError(.nonFinite, "block length: value \(i) is \(x[i]); expected finite values")
        }
        let n = x.count, nd = Double(n)
        let kn = max(5, Int(log10(nd)))
        let mMax = Int(nd.squareRoot().rounded(.up)) + kn
        // Autocorrelation at lag i needs the i + 1 products beyond it to be non-empty.
        guard n >= 4, mMax <= n - 2 else {
            throw BacktestError(.insufficientData, "block length: \(n) values; the Politis-White rule needs at least 11")
        }
        let mean = x.reduce(0, +) / nd
        let eps = x.map { $0 - mean }
        guard eps.contains(where: { $0 != 0 }) else {
            throw BacktestError(.invalidArgument, "block length: the series is constant; its long-run variance is 0")
        }
        let bMax = min(3 * nd.squareRoot(), nd / 3).rounded(.up)
        let cv = 2 * (log10(nd) / nd).squareRoot()
        var acv = [Double](repeating: 0, count: mMax + 1), absCorrelation = acv
        var optimalM: Int?
        for i in 0...mMax {
            var v1 = 0.0, v2 = 0.0, cross = 0.0
            for k in (i + 1)..<n { v1 += eps[k] * eps[k] }
            for k in 0..<(n - i - 1) { v2 += eps[k] * eps[k] }
            for k in i..<n { cross += eps[k] * eps[k - i] }
            acv[i] = cross / nd
            absCorrelation[i] = abs(cross) / (v1 * v2).squareRoot()
            if i >= kn, optimalM == nil, absCorrelation[(i - kn)..<i].allSatisfy({ $0 < cv }) {
                optimalM = i - kn
            }
        }
        let m = min(optimalM.map { 2 * max($0, 1) } ?? mMax, mMax)
        var g = 0.0, longRun = acv[0]
        for k in 1...m {
            let ratio = Double(k) / Double(m)
            let weight = ratio <= 0.5 ? 1 : 2 * (1 - ratio)
            g += 2 * weight * Double(k) * acv[k]
            longRun += 2 * weight * acv[k]
        }
        let dStationary = 2 * longRun * longRun, dCircular = 4.0 / 3.0 * (longRun * longRun)
        let root = pow(nd, 1.0 / 3.0)
        return BlockLength(stationary: min(pow(2 * g * g / dStationary, 1.0 / 3.0) * root, bMax),
                           circular: min(pow(2 * g * g / dCircular, 1.0 / 3.0) * root, bMax))
    }
}
