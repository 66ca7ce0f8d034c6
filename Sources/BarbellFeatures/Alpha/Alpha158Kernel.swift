/// Batch and stream entry points of one Alpha158 column: the batch runs ``Alpha158Batch``, the
/// stream ``Alpha158Engine``; both perform the same arithmetic, so they agree bit for bit.
enum Alpha158Kernel {
    static func batch(_ feature: Alpha158Feature, _ inputs: BatchInputs, _ out: UnsafeMutableBufferPointer<Double>) {
        guard let base = out.baseAddress, inputs.count > 0 else { return }
        Alpha158Batch.withColumns(feature.inputs, count: inputs.count, { inputs[$0] }) { columns in
            Alpha158Batch.compute([feature], columns, [base])
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
