extension FeatureDescriptor {
    /// A feature with one input column and one output, TA-Lib's `real` → `real` shape (`SMA`,
    /// `RSI`, ...). The input defaults to the close, as in TA-Lib's abstract API.
    public static func scalar(
        _ name: String, group: FeatureGroup, summary: String,
        input: InputField = .close, parameters: [ParameterDescriptor] = [], output: String = "real",
        nanPolicy: NaNPolicy = .skipLeading, warmupValue: Double = .nan, writesEveryOutput: Bool = false,
        streamingCost: String = "O(1)",
        lookback: @escaping @Sendable (FeatureParameters) -> Int,
        batch: @escaping @Sendable (UnsafeBufferPointer<Double>, FeatureParameters, UnsafeMutableBufferPointer<Double>) -> Void,
        stream: @escaping @Sendable (FeatureParameters) -> any FeatureStream
    ) -> FeatureDescriptor {
        FeatureDescriptor(
            name: name, group: group, summary: summary, inputs: [input], parameters: parameters,
            outputs: [output], nanPolicy: nanPolicy, warmupValue: warmupValue,
            writesEveryOutput: writesEveryOutput, streamingCost: streamingCost, lookback: lookback,
            batch: { inputs, p, outputs in batch(inputs[0], p, outputs[0]) },
            stream: stream
        )
    }
}

extension ParameterDescriptor {
    /// TA-Lib's usual `timeperiod`: 2...100000.
    public static func timePeriod(default value: Int, min: Int = 2, _ summary: String = "number of bars in the window") -> Self {
        .integer("timeperiod", default: value, range: min...100_000, summary)
    }
}
