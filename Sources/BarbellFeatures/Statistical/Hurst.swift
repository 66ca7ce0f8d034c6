import Foundation

extension RollingStat {
    /// Box sizes for the Hurst estimators: 8, 16, 32, ... up to half the window (at least two
    /// boxes per size), so a window of `n ≥ 32` returns gives `⌊log2(n/8)⌋` sizes.
    static func hurstSizes(_ rows: Int) -> Int {
        var count = 0
        var size = 8
        while size <= rows / 2 {
            count += 1
            size *= 2
        }
        return count
    }

    /// Hurst exponent by rescaled-range analysis (Hurst 1951; Mandelbrot & Wallis 1969) of the
    /// window's returns.
    ///
    /// For each box size `s` in 8, 16, ... ≤ n/2 the last `⌊n/s⌋·s` returns are cut into
    /// consecutive boxes; in each box `R` is the range (max − min) of the cumulative deviations
    /// from the box mean and `S` the population standard deviation (boxes with `S = 0` are
    /// skipped). The exponent is the least-squares slope of `ln mean(R/S)` on `ln s`. About 0.5
    /// for a random walk, above for persistent and below for anti-persistent returns. NaN when a
    /// size has no usable box. O(window) per bar.
    struct HurstRS: WindowStatistic {
        let rows: Int
        var scratchCount: Int { 2 * max(RollingStat.hurstSizes(rows), 1) }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let sizes = RollingStat.hurstSizes(rows)
            guard sizes >= 2 else { return .nan }
            let xs = UnsafeMutableBufferPointer(rebasing: scratch[0..<sizes])
            let ys = UnsafeMutableBufferPointer(rebasing: scratch[sizes..<(2 * sizes)])
            var size = 8
            for k in 0..<sizes {
                let boxes = rows / size
                let offset = rows - boxes * size
                var total = 0.0
                var used = 0
                for b in 0..<boxes {
                    let start = offset + b * size
                    var sum = 0.0
                    for i in start..<(start + size) { sum += w[i] }
                    let mean = sum / Double(size)
                    var cumulative = 0.0, high = -Double.infinity, low = Double.infinity, squares = 0.0
                    for i in start..<(start + size) {
                        let d = w[i] - mean
                        cumulative += d
                        high = max(high, cumulative)
                        low = min(low, cumulative)
                        squares += d * d
                    }
                    let sd = (squares / Double(size)).squareRoot()
                    guard sd > 0 else { continue }
                    total += (high - low) / sd
                    used += 1
                }
                guard used > 0 else { return .nan }
                xs[k] = Double(size)
                ys[k] = total / Double(used)
                size *= 2
            }
            return RollingStat.logLogSlope(xs, ys, count: sizes)
        }
    }

    /// Hurst exponent by detrended fluctuation analysis, DFA-1 (Peng et al. 1994).
    ///
    /// The profile `Y_i = Σ_{j≤i} (r_j − mean)` of the window's returns is cut, for each box
    /// size `s` in 8, 16, ... ≤ n/2, into the last `⌊n/s⌋` consecutive boxes; in each box a
    /// least-squares line in the within-box index is removed, and `F(s)` is the root mean square
    /// of all residuals. The exponent is the slope of `ln F(s)` on `ln s` (0.5 for uncorrelated
    /// returns). NaN when `F(s) = 0`. O(window) per bar.
    struct HurstDFA: WindowStatistic {
        let rows: Int
        var scratchCount: Int { rows + 2 * max(RollingStat.hurstSizes(rows), 1) }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let sizes = RollingStat.hurstSizes(rows)
            guard sizes >= 2 else { return .nan }
            let profile = UnsafeMutableBufferPointer(rebasing: scratch[0..<rows])
            let xs = UnsafeMutableBufferPointer(rebasing: scratch[rows..<(rows + sizes)])
            let ys = UnsafeMutableBufferPointer(rebasing: scratch[(rows + sizes)..<(rows + 2 * sizes)])
            var sum = 0.0
            for x in w { sum += x }
            let mean = sum / Double(rows)
            var cumulative = 0.0
            for i in 0..<rows {
                cumulative += w[i] - mean
                profile[i] = cumulative
            }
            var size = 8
            for k in 0..<sizes {
                let boxes = rows / size
                let offset = rows - boxes * size
                let s = Double(size)
                let centre = (s - 1) / 2
                let sxx = s * (s * s - 1) / 12
                var residuals = 0.0
                for b in 0..<boxes {
                    let start = offset + b * size
                    var sy = 0.0
                    for i in start..<(start + size) { sy += profile[i] }
                    let my = sy / s
                    var sxy = 0.0
                    for i in start..<(start + size) { sxy += (Double(i - start) - centre) * (profile[i] - my) }
                    let slope = sxy / sxx
                    for i in start..<(start + size) {
                        let e = profile[i] - my - slope * (Double(i - start) - centre)
                        residuals += e * e
                    }
                }
                let fluctuation = (residuals / Double(boxes * size)).squareRoot()
                guard fluctuation > 0 else { return .nan }
                xs[k] = s
                ys[k] = fluctuation
                size *= 2
            }
            return RollingStat.logLogSlope(xs, ys, count: sizes)
        }
    }
}
