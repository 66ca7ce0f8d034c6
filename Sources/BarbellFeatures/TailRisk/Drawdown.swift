extension RollingStat {
    /// The deepest peak-to-trough decline of the prices in a window: depth `1 − trough/peak`
    /// and the positions of its peak and trough. The peak is the latest bar at the running
    /// maximum before the trough; the first trough of equal depth wins.
    struct WorstDrawdown {
        var depth = 0.0
        var peak = 0
        var trough = 0

        init(_ w: UnsafeBufferPointer<Double>) {
            var high = w[0], highAt = 0
            for i in 0..<w.count {
                let x = w[i]
                if x >= high {
                    high = x
                    highAt = i
                }
                let drawdown = 1 - x / high
                if drawdown > depth {
                    depth = drawdown
                    peak = highAt
                    trough = i
                }
            }
        }
    }

    /// Maximum drawdown of the close within the window, as a positive fraction:
    /// `max_t (1 − P_t / max_{s≤t} P_s)` with the running maximum restarted at the window's first
    /// bar (Magdon-Ismail & Atiya 2004). O(window) per bar.
    struct MaxDrawdown: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            WorstDrawdown(w).depth
        }
    }

    /// Speed of the window's maximum drawdown: its depth divided by the bars from its peak to its
    /// trough, the average fractional loss per bar of the worst decline; 0 without a drawdown.
    /// A fast crash and a slow bleed of equal depth differ here (Taleb 2012, *Antifragile*,
    /// on the harm of sudden versus gradual losses). O(window) per bar.
    struct DrawdownSpeed: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let worst = WorstDrawdown(w)
            guard worst.depth > 0 else { return 0 }
            return worst.depth / Double(worst.trough - worst.peak)
        }
    }

    /// Recovery time of the window's maximum drawdown: bars from its trough to the first close at
    /// or above its peak; when the peak has not been regained by the window's last bar, the bars
    /// elapsed since the trough (a lower bound, so the value keeps growing while under water);
    /// 0 without a drawdown (Magdon-Ismail & Atiya 2004 on drawdown duration). O(window) per bar.
    struct RecoveryTime: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let worst = WorstDrawdown(w)
            guard worst.depth > 0 else { return 0 }
            let level = w[worst.peak]
            var i = worst.trough + 1
            while i < rows {
                if w[i] >= level { return Double(i - worst.trough) }
                i += 1
            }
            return Double(rows - 1 - worst.trough)
        }
    }
}
