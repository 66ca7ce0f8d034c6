import BarbellData

/// The streaming form of the cross-sectional operations: feed one timestamp's values (one per
/// symbol, in ``symbols`` order) at a time and read that timestamp's percent ranks, z-scores and
/// dispersion. It runs the same code as ``CrossSectionPanel``'s batch methods, so a panel fed
/// row by row gives identical numbers. Nothing is allocated per update.
public struct CrossSectionStream {
    public let symbols: [String]
    /// Percent ranks of the latest row, in symbol order.
    public private(set) var percentRanks: [Double]
    /// Z-scores of the latest row, in symbol order.
    public private(set) var zScores: [Double]
    /// Sample standard deviation of the latest row.
    public private(set) var dispersion = Double.nan
    /// Timestamp of the latest row, when updates carry one.
    public private(set) var timestamp: Timestamp?
    private var workspace: CrossSectionWorkspace

    public init(symbols: [String]) {
        self.symbols = symbols
        percentRanks = [Double](repeating: .nan, count: symbols.count)
        zScores = percentRanks
        workspace = CrossSectionWorkspace(width: symbols.count)
    }

    /// Consumes one timestamp's values. A row of the wrong width, or a timestamp not after the
    /// previous one, is a ``FeatureError/Code/mismatchedInputs`` error and leaves the state as is.
    public mutating func update(_ row: [Double], at timestamp: Timestamp? = nil) throws(FeatureError) {
        guard row.count == symbols.count else {
            throw FeatureError(.mismatchedInputs, "cross-section row has \(row.count) values for \(symbols.count) symbols (\(symbols.joined(separator: ", ")))")
        }
        if let t = timestamp, let last = self.timestamp, t <= last {
            throw FeatureError(.mismatchedInputs, "cross-section row at \(t.nanoseconds) ns is not after the previous one at \(last.nanoseconds) ns")
        }
        self.timestamp = timestamp ?? self.timestamp
        row.withUnsafeBufferPointer { r in
            percentRanks.withUnsafeMutableBufferPointer { workspace.percentRanks(r, into: $0) }
            zScores.withUnsafeMutableBufferPointer { CrossSectionWorkspace.zScores(r, into: $0) }
            dispersion = CrossSectionWorkspace.meanAndStd(r).std
        }
    }
}
