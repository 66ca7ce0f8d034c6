/// How a feature treats NaN at the start of its inputs.
public enum NaNPolicy: String, Sendable, Codable {
    /// TA-Lib's rule (as its Python wrapper applies it): computation starts at the first bar where
    /// every input is a number; the warm-up counts from there. NaN after that bar flows through
    /// the function's own arithmetic (a running sum stays NaN; a window rescan recovers once the
    /// NaN leaves the window), exactly as in TA-Lib's C code.
    case skipLeading
    /// Inputs are passed through unfiltered; the feature documents its own NaN handling (Qlib's
    /// operators, for example, skip NaN inside rolling windows as pandas does).
    case passThrough
}

/// A catalogue entry: everything needed to list, validate, compute and stream one feature.
///
/// One descriptor is one definition: ``batch`` and ``stream`` implement the same recurrence, and
/// the catalogue-wide property test holds them to identical output.
public struct FeatureDescriptor: Sendable {
    /// The name a feature list uses (`RSI`, `CDLDOJI`, `KMID`).
    public var name: String
    public var group: FeatureGroup
    /// One line for `barbell features list`.
    public var summary: String
    /// Input columns in the order the kernels receive them.
    public var inputs: [InputField]
    public var parameters: [ParameterDescriptor]
    /// Output names, TA-Lib's where TA-Lib has the function (`macd`, `macdsignal`, `macdhist`).
    public var outputs: [String]
    public var nanPolicy: NaNPolicy
    /// What an output holds before its first defined value: NaN, except for TA-Lib's integer
    /// outputs (candlestick patterns, HT_TRENDMODE), which the TA-Lib Python wrapper fills with 0.
    public var warmupValue: Double
    /// The batch kernel writes every output slot from the lookback on (warm-up included where
    /// it produces NaN itself), so the framework pre-fills only the warm-up prefix. Debug builds
    /// check the promise after every call.
    public var writesEveryOutput: Bool
    /// Cost of one streaming update, e.g. "O(1)" or "O(timeperiod)", for the documentation.
    public var streamingCost: String
    /// Bars consumed before the first defined output (TA-Lib's `TA_XXX_Lookback`).
    public var lookback: @Sendable (FeatureParameters) -> Int
    /// Fills the outputs for a whole series. Called only when `inputs.count > lookback`.
    public var batch: @Sendable (BatchInputs, FeatureParameters, BatchOutputs) -> Void
    /// A fresh stream in its initial state.
    public var stream: @Sendable (FeatureParameters) -> any FeatureStream

    public init(
        name: String, group: FeatureGroup, summary: String,
        inputs: [InputField], parameters: [ParameterDescriptor] = [], outputs: [String],
        nanPolicy: NaNPolicy = .skipLeading, warmupValue: Double = .nan, writesEveryOutput: Bool = false,
        streamingCost: String = "O(1)",
        lookback: @escaping @Sendable (FeatureParameters) -> Int,
        batch: @escaping @Sendable (BatchInputs, FeatureParameters, BatchOutputs) -> Void,
        stream: @escaping @Sendable (FeatureParameters) -> any FeatureStream
    ) {
        self.name = name
        self.group = group
        self.summary = summary
        self.inputs = inputs
        self.parameters = parameters
        self.outputs = outputs
        self.nanPolicy = nanPolicy
        self.warmupValue = warmupValue
        self.writesEveryOutput = writesEveryOutput
        self.streamingCost = streamingCost
        self.lookback = lookback
        self.batch = batch
        self.stream = stream
    }

    /// The parameters with every value at its default.
    public var defaultParameters: FeatureParameters {
        FeatureParameters(names: parameters.map(\.name), values: parameters.map(\.defaultValue))
    }
}
