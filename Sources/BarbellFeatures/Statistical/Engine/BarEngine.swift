import Foundation

/// Namespace of the machinery shared by Barbell's own statistical, realized-volatility,
/// tail-risk and regime features: per-bar transforms, rolling engines and the descriptor helper.
enum RollingStat {
    /// A per-bar state machine with one output: the common shape of these features.
    ///
    /// The batch kernel runs the very same state machine over the columns (see
    /// ``FeatureDescriptor/rollingStat(_:group:summary:inputs:parameters:streamingCost:lookback:make:)``),
    /// so batch and stream perform identical floating-point operations by construction. Engines
    /// are generic and specialised, so the batch loop makes no existential or closure call per
    /// bar and allocates nothing once the engine is built.
    protocol Engine: FeatureStream, SendableMetatype {
        /// Consumes one bar (the descriptor's inputs, in order) and returns that bar's output:
        /// NaN while warming up or while a NaN is inside the window.
        mutating func push(_ row: UnsafeBufferPointer<Double>) -> Double
    }
}

extension RollingStat.Engine {
    mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
        outputs[0] = push(inputs)
    }
}

extension FeatureDescriptor {
    /// A single-output feature whose batch kernel and stream are both the engine `make` builds.
    ///
    /// NaN policy: leading bars with a NaN input are skipped (``NaNPolicy/skipLeading``); a NaN
    /// later makes the output NaN for as long as the value derived from it is inside the window
    /// (pandas' `min_periods = window`), after which the feature recovers.
    static func rollingStat<E: RollingStat.Engine>(
        _ name: String, group: FeatureGroup, summary: String, inputs: [InputField] = [.close],
        parameters: [ParameterDescriptor], streamingCost: String,
        lookback: @escaping @Sendable (FeatureParameters) -> Int,
        make: @escaping @Sendable (FeatureParameters) -> E
    ) -> FeatureDescriptor {
        let width = inputs.count
        return FeatureDescriptor(
            name: name, group: group, summary: summary, inputs: inputs, parameters: parameters,
            outputs: ["real"], nanPolicy: .skipLeading, streamingCost: streamingCost, lookback: lookback,
            batch: { columns, p, outputs in
                var engine = make(p)
                let out = outputs[0]
                withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { row in
                    let view = UnsafeBufferPointer(row)
                    for t in 0..<columns.count {
                        for j in 0..<width { row[j] = columns[j][t] }
                        out[t] = engine.push(view)
                    }
                }
            },
            stream: { make($0) }
        )
    }
}

extension RollingStat {
    /// ln 2 correctly rounded (C's `M_LN2`).
    static let ln2 = 0.693_147_180_559_945_3
}
