extension FeatureCatalog {
    /// TA-Lib's Cycle Indicators (the Hilbert-transform family), plus `HT_TRENDLINE`, which
    /// TA-Lib files under Overlap Studies but which shares the same engine (``HilbertCycle``).
    static let cycleIndicators: [FeatureDescriptor] = [
        .scalar(
            "HT_DCPERIOD", group: .cycle, summary: "Hilbert transform - dominant cycle period", writesEveryOutput: true,
            lookback: { _ in HTDCPeriod.lookback },
            batch: { x, _, out in HTDCPeriod.batch(x, out) },
            stream: { _ in HTDCPeriod.Stream() }
        ),
        .scalar(
            "HT_DCPHASE", group: .cycle, summary: "Hilbert transform - dominant cycle phase (degrees)",
            writesEveryOutput: true, streamingCost: "O(dominant cycle period), at most 50",
            lookback: { _ in HTDCPhase.lookback },
            batch: { x, _, out in HTDCPhase.batch(x, out) },
            stream: { _ in HTDCPhase.Stream() }
        ),
        FeatureDescriptor(
            name: "HT_PHASOR", group: .cycle, summary: "Hilbert transform - phasor components (in-phase, quadrature)",
            inputs: [.close], outputs: ["inphase", "quadrature"], writesEveryOutput: true,
            lookback: { _ in HTPhasor.lookback },
            batch: { inputs, _, outputs in HTPhasor.batch(inputs[0], inPhase: outputs[0], quadrature: outputs[1]) },
            stream: { _ in HTPhasor.Stream() }
        ),
        FeatureDescriptor(
            name: "HT_SINE", group: .cycle, summary: "Hilbert transform - sine wave (sine, lead sine)",
            inputs: [.close], outputs: ["sine", "leadsine"],
            writesEveryOutput: true, streamingCost: "O(dominant cycle period), at most 50",
            lookback: { _ in HTSine.lookback },
            batch: { inputs, _, outputs in HTSine.batch(inputs[0], sine: outputs[0], leadSine: outputs[1]) },
            stream: { _ in HTSine.Stream() }
        ),
        .scalar(
            "HT_TRENDMODE", group: .cycle, summary: "Hilbert transform - trend (1) vs cycle (0) mode",
            output: "integer", nanPolicy: .passThrough, warmupValue: 0, writesEveryOutput: true, streamingCost: "O(dominant cycle period), at most 50",
            lookback: { _ in HTTrendMode.lookback },
            batch: { x, _, out in HTTrendMode.batch(x, out) },
            stream: { _ in HTTrendMode.Stream() }
        ),
        .scalar(
            "HT_TRENDLINE", group: .overlapStudies, summary: "Hilbert transform - instantaneous trendline",
            writesEveryOutput: true, streamingCost: "O(dominant cycle period), at most 50",
            lookback: { _ in HTTrendline.lookback },
            batch: { x, _, out in HTTrendline.batch(x, out) },
            stream: { _ in HTTrendline.Stream() }
        ),
    ]
}
