/// Batch and stream entry points of one Alpha158 column; both run ``Alpha158Engine``.
enum Alpha158Kernel {
    static func batch(_ feature: Alpha158Feature, _ inputs: BatchInputs, _ out: UnsafeMutableBufferPointer<Double>) {
        var engine = Alpha158Engine([feature])
        let layout = AlphaBar.Layout(feature.inputs)
        let base = out.baseAddress!
        for t in 0..<inputs.count {
            engine.update(layout.bar { inputs[$0][t] }, into: base + t)
        }
    }

    struct Stream: FeatureStream {
        var engine: Alpha158Engine
        let layout: AlphaBar.Layout

        init(_ feature: Alpha158Feature) {
            engine = Alpha158Engine([feature])
            layout = AlphaBar.Layout(feature.inputs)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            engine.update(layout.bar { inputs[$0] }, into: outputs.baseAddress!)
        }
    }
}
