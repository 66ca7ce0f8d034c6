/// One bar of the six fields Qlib's Alpha sets read; fields a kernel does not use are NaN.
struct AlphaBar: Sendable {
    var open = Double.nan
    var high = Double.nan
    var low = Double.nan
    var close = Double.nan
    var volume = Double.nan
    var vwap = Double.nan

    /// Where each field sits in a descriptor's input list, resolved once per kernel.
    struct Layout: Sendable {
        var open = -1, high = -1, low = -1, close = -1, volume = -1, vwap = -1

        init(_ inputs: [InputField]) {
            for (i, field) in inputs.enumerated() {
                switch field {
                case .open: open = i
                case .high: high = i
                case .low: low = i
                case .close: close = i
                case .volume: volume = i
                case .vwap: vwap = i
                default: break
                }
            }
        }

        @inline(__always)
        func bar(_ value: (Int) -> Double) -> AlphaBar {
            AlphaBar(
                open: open >= 0 ? value(open) : .nan, high: high >= 0 ? value(high) : .nan,
                low: low >= 0 ? value(low) : .nan, close: close >= 0 ? value(close) : .nan,
                volume: volume >= 0 ? value(volume) : .nan, vwap: vwap >= 0 ? value(vwap) : .nan)
        }
    }
}
