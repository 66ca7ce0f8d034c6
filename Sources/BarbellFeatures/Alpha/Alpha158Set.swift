/// All of Qlib's Alpha158 at once: computes every rolling primitive once (column-wise, see
/// ``Alpha158Batch``) and derives the 158 columns from it, instead of 158 independent feature kernels.
///
/// The values are bit-identical to the per-feature catalogue entries (`KMID`, `ROC5`, ...), which
/// run the same engine on one feature each; use this for `--set alpha158`-style bulk work.
public enum Alpha158Set {
    /// Column names in Qlib's order.
    public static var names: [String] { FeatureCatalog.alpha158Names }

    /// The input columns read: open, high, low, close, volume and vwap.
    public static let inputs: [InputField] = [.open, .high, .low, .close, .volume, .vwap]

    /// The 158 columns, in Qlib's order, over the whole series. NaN handling is Qlib's
    /// (pandas rolling windows skip NaN; values start at the first bar).
    public static func compute(_ input: FeatureInput) throws(FeatureError) -> [[Double]] {
        try compute(input, features: names)
    }

    /// Some Alpha158 columns (by name, any order) in one fused pass; each result is bit-identical
    /// to that feature's catalogue entry. Only the inputs those columns read are required.
    public static func compute(_ input: FeatureInput, features requested: [String]) throws(FeatureError) -> [[Double]] {
        let n = input.count
        let width = requested.count
        guard n > 0 else {
            _ = try features(requested)
            return Array(repeating: [], count: width)
        }
        // The column-wise engine writes straight into the result arrays: each array's
        // uninitialised storage stays open (nested) until every column is written.
        var pointers: [UnsafeMutablePointer<Double>] = []
        var arrays: [[Double]] = []
        var failure: FeatureError?
        func nest(_ k: Int) {
            if k == width {
                do { try compute(input, features: requested, into: pointers) } catch { failure = error }
                return
            }
            let column = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
                pointers.append(buffer.baseAddress!)
                nest(k + 1)
                initialized = n
            }
            arrays.append(column)      // innermost (last column) first
        }
        nest(0)
        if let failure { throw failure }
        return Array(arrays.reversed())
    }

    /// As ``compute(_:features:)``, into `outputs` (one pointer per requested column,
    /// `input.count` values each; every value is written).
    static func compute(_ input: FeatureInput, features requested: [String], into outputs: [UnsafeMutablePointer<Double>]) throws(FeatureError) {
        let features = try features(requested)
        var fields: [InputField] = []
        for f in features { for field in f.inputs where !fields.contains(field) { fields.append(field) } }
        var columns: [[Double]] = []
        for field in fields { columns.append(try input.require(field, for: "Alpha158")) }
        let n = input.count
        guard n > 0 else { return }
        withBuffers(columns) { inputs in
            Alpha158Batch.withColumns(fields, count: n, { inputs[$0] }) { bars in
                Alpha158Batch.compute(features, bars, outputs)
            }
        }
    }

    private static func features(_ requested: [String]) throws(FeatureError) -> [Alpha158Feature] {
        var features: [Alpha158Feature] = []
        for name in requested {
            guard let f = byName[name.uppercased()] else {
                throw FeatureError(.unknownFeature, "'\(name)' is not an Alpha158 column")
            }
            features.append(f)
        }
        return features
    }

    private static let byName: [String: Alpha158Feature] =
        Dictionary(uniqueKeysWithValues: Alpha158Feature.all.map { ($0.name, $0) })

    /// Incremental form: one bar in, 158 values out, no allocation per bar.
    public struct Stream: Sendable {
        private var engine = Alpha158Engine(Alpha158Feature.all)
        /// The 158 values of the most recent bar, in Qlib's order.
        public private(set) var latest = [Double](repeating: .nan, count: Alpha158Feature.all.count)

        public init() {}

        public mutating func update(open: Double, high: Double, low: Double, close: Double, volume: Double, vwap: Double) {
            let bar = AlphaBar(open: open, high: high, low: low, close: close, volume: volume, vwap: vwap)
            latest.withUnsafeMutableBufferPointer { engine.update(bar, into: $0.baseAddress!) }
        }
    }
}
