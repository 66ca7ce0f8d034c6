/// Computed features: named columns of equal length, in request order.
public struct FeatureFrame: Sendable {
    public var count: Int
    public var names: [String]
    public var columns: [[Double]]

    public init(count: Int, names: [String] = [], columns: [[Double]] = []) {
        self.count = count
        self.names = names
        self.columns = columns
    }

    public subscript(name: String) -> [Double]? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    mutating func append(name: String, column: [Double]) {
        precondition(column.count == count)
        names.append(name)
        columns.append(column)
    }
}
