/// Computed features: named columns of equal length, in request order.
///
/// The values live in one column-major block (see ``FeatureColumn``), written once by
/// ``FeatureComputer`` and immutable afterwards.
public struct FeatureFrame: Sendable {
    /// Rows (bars) per column.
    public let count: Int
    /// Column names, in order.
    public let names: [String]
    let storage: FeatureFrameStorage

    init(names: [String], storage: FeatureFrameStorage) {
        precondition(names.count == storage.width)
        self.count = storage.rows
        self.names = names
        self.storage = storage
    }

    /// A frame holding copies of `columns` (each `count` long).
    public init(count: Int, names: [String] = [], columns: [[Double]] = []) {
        precondition(names.count == columns.count && columns.allSatisfy { $0.count == count },
                     "a frame needs one name per column and \(count) values per column")
        let storage = FeatureFrameStorage(rows: count, width: columns.count)
        for (j, column) in columns.enumerated() where count > 0 {
            column.withUnsafeBufferPointer { storage.column(j).initialize(from: $0.baseAddress!, count: count) }
        }
        self.init(names: names, storage: storage)
    }

    /// Column `j`.
    public func column(_ j: Int) -> FeatureColumn {
        precondition(j >= 0 && j < names.count, "column \(j) outside 0..<\(names.count)")
        return FeatureColumn(storage: storage, index: j)
    }

    /// Every column, in order.
    public var columns: [FeatureColumn] { names.indices.map(column) }

    public subscript(name: String) -> FeatureColumn? {
        names.firstIndex(of: name).map(column)
    }
}
