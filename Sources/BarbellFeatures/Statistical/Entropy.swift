import Foundation

extension RollingStat {
    /// Shannon entropy, in nats, of the window's returns binned into `bins` equal-width bins
    /// spanning the window's minimum to maximum: `H = −Σ p_i ln p_i` with `p_i` the share of
    /// returns in bin `i` (Shannon 1948). Binning follows `numpy.histogram` exactly (the last
    /// bin is closed), so a window whose returns are all equal has entropy 0 and the maximum is
    /// `ln bins`. O(window) per bar.
    struct BinnedEntropy: WindowStatistic {
        let bins: Int
        var scratchCount: Int { bins + 1 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            var lo = Double.infinity, hi = -Double.infinity
            for x in w {
                lo = min(lo, x)
                hi = max(hi, x)
            }
            guard hi > lo else { return 0 }
            let counts = UnsafeMutableBufferPointer(rebasing: scratch[0..<bins])
            counts.update(repeating: 0)
            let bins = bins
            let span = hi - lo
            let step = span / Double(bins)
            // numpy.linspace's edges: lo + i·step, the last one exactly hi.
            func edge(_ i: Int) -> Double { i == bins ? hi : Double(i) * step + lo }
            for x in w {
                var index = Int((x - lo) / span * Double(bins))
                if index == bins { index -= 1 }
                if x < edge(index) { index -= 1 }
                if index != bins - 1, x >= edge(index + 1) { index += 1 }
                counts[index] += 1
            }
            let n = Double(rows)
            var h = 0.0
            for c in counts where c > 0 {
                let p = c / n
                h -= p * Foundation.log(p)
            }
            return h
        }
    }
}
