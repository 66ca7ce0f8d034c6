extension FeatureCatalog {
    /// Qlib's Alpha360 column names in Qlib's order (`Alpha360DL`), for `--set alpha360`.
    /// `OPEN0`, `HIGH0`, `LOW0` and `VWAP0` are the same expressions as Alpha158's columns of
    /// those names and are registered once, in the Alpha158 group.
    public static let alpha360Names: [String] = Alpha360Lag.all.map { Alpha360Lag.name($0.field, $0.lag) }

    /// Qlib's Alpha360 set, one feature per column (less the four shared with Alpha158).
    static let alpha360: [FeatureDescriptor] = Alpha360Lag.all.compactMap { field, lag in
        let name = Alpha360Lag.name(field, lag)
        if lag == 0 && [.OPEN, .HIGH, .LOW, .VWAP].contains(field) { return nil }
        let expression = field == .VOLUME
            ? (lag == 0 ? "$volume/($volume+1e-12)" : "Ref($volume, \(lag))/($volume+1e-12)")
            : (lag == 0 ? "$\(field.rawValue.lowercased())/$close" : "Ref($\(field.rawValue.lowercased()), \(lag))/$close")
        return FeatureDescriptor(
            name: name, group: .alpha360, summary: "Qlib Alpha360: " + expression,
            inputs: Alpha360Lag.inputs(field), outputs: ["real"], nanPolicy: .passThrough,
            lookback: { _ in lag },
            batch: { inputs, _, outputs in Alpha360Lag.batch(field, lag: lag, inputs, outputs[0]) },
            stream: { _ in Alpha360Lag.Stream(field: field, lag: lag) }
        )
    }
}
