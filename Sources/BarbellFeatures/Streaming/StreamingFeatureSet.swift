/// Every feature of a set, updated one bar at a time: the serving-side twin of
/// ``FeatureComputer``, producing for each bar exactly the row batch computation produces.
///
/// Inputs are passed as one value per field of ``fields`` (the union of the features' inputs, in
/// first-use order); the row of outputs follows ``columnNames``.
public struct StreamingFeatureSet {
    public let features: [ResolvedFeature]
    /// The input fields `update` expects, in order.
    public let fields: [InputField]
    public let columnNames: [String]
    private var runners: [FeatureStreamRunner]
    /// For each runner, the positions of its inputs in `fields`.
    private let inputMap: [[Int]]
    private var scratch: [Double]
    /// The outputs of the latest bar.
    public private(set) var row: [Double]

    public init(_ features: [ResolvedFeature]) {
        var fields: [InputField] = []
        var position: [InputField: Int] = [:]
        var map: [[Int]] = []
        for f in features {
            map.append(f.descriptor.inputs.map { field in
                if let p = position[field] { return p }
                position[field] = fields.count
                fields.append(field)
                return fields.count - 1
            })
        }
        self.features = features
        self.fields = fields
        self.columnNames = features.flatMap(\.columnNames)
        self.runners = features.map(FeatureStreamRunner.init)
        self.inputMap = map
        self.scratch = [Double](repeating: .nan, count: map.map(\.count).max() ?? 0)
        self.row = [Double](repeating: .nan, count: columnNames.count)
    }

    /// Consumes one bar (`values` in ``fields`` order) and returns the row of outputs.
    @discardableResult
    public mutating func update(_ values: [Double]) -> [Double] {
        precondition(values.count == fields.count, "expected \(fields.count) input values (\(fields)), got \(values.count)")
        var column = 0
        for r in runners.indices {
            let map = inputMap[r]
            for (j, p) in map.enumerated() { scratch[j] = values[p] }
            scratch.withUnsafeBufferPointer { buffer in
                runners[r].update(UnsafeBufferPointer(rebasing: buffer[0..<map.count]))
            }
            for v in runners[r].latest {
                row[column] = v
                column += 1
            }
        }
        return row
    }

    /// Consumes one bar given by field; fields the set does not read are ignored, missing ones
    /// are NaN.
    @discardableResult
    public mutating func update(_ bar: [InputField: Double]) -> [Double] {
        update(fields.map { bar[$0] ?? .nan })
    }
}
