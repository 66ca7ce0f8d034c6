import BarbellData

/// A panel of aligned series, one column per symbol, all of the same length and (when given)
/// the same timestamps: the input of the cross-sectional operations (``percentRanks()``,
/// ``zScores()``, ``dispersion()``).
///
/// Alignment is checked once, when the panel is built; a member whose length or timestamps
/// differ from the first member's is a ``FeatureError/Code/mismatchedInputs`` error naming it.
/// Missing observations are NaN and are skipped per timestamp.
public struct CrossSectionPanel: Sendable {
    /// One symbol's column.
    public struct Member: Sendable {
        public var symbol: String
        public var values: [Double]
        /// The column's timestamps; when any member has them, every member must, and equal ones.
        public var timestamps: [Timestamp]?

        public init(symbol: String, values: [Double], timestamps: [Timestamp]? = nil) {
            self.symbol = symbol
            self.values = values
            self.timestamps = timestamps
        }
    }

    public let symbols: [String]
    /// `columns[j]` is symbol `j`'s series.
    public let columns: [[Double]]
    /// The common timestamps, when the members carried them.
    public let timestamps: [Timestamp]?
    /// Timestamps (rows) in the panel.
    public let count: Int

    public init(_ members: [Member]) throws(FeatureError) {
        guard let first = members.first else {
            throw FeatureError(.mismatchedInputs, "a cross-sectional panel needs at least one symbol")
        }
        let count = first.values.count
        var seen = Set<String>()
        for m in members {
            guard seen.insert(m.symbol).inserted else {
                throw FeatureError(.mismatchedInputs, "symbol '\(m.symbol)' appears twice in the panel")
            }
            guard m.values.count == count else {
                throw FeatureError(.mismatchedInputs,
                                   "symbol '\(m.symbol)' has \(m.values.count) values; '\(first.symbol)' has \(count)")
            }
            if let ts = m.timestamps, ts.count != count {
                throw FeatureError(.mismatchedInputs,
                                   "symbol '\(m.symbol)' has \(ts.count) timestamps for \(count) values")
            }
            switch (first.timestamps, m.timestamps) {
            case (nil, nil): break
            case (let a?, let b?):
                if let i = a.indices.first(where: { a[$0] != b[$0] }) {
                    throw FeatureError(.mismatchedInputs,
                                       "symbol '\(m.symbol)' is not aligned with '\(first.symbol)': row \(i) has timestamp \(b[i].nanoseconds) ns, expected \(a[i].nanoseconds) ns")
                }
            default:
                throw FeatureError(.mismatchedInputs,
                                   "symbol '\(m.symbol)' \(m.timestamps == nil ? "lacks" : "has") timestamps but '\(first.symbol)' \(first.timestamps == nil ? "has none" : "has them")")
            }
        }
        self.symbols = members.map(\.symbol)
        self.columns = members.map(\.values)
        self.timestamps = first.timestamps
        self.count = count
    }

    /// Columns without timestamps, symbol `j` → `columns[j]`.
    public init(symbols: [String], columns: [[Double]]) throws(FeatureError) {
        guard symbols.count == columns.count else {
            throw FeatureError(.mismatchedInputs, "\(symbols.count) symbols but \(columns.count) columns")
        }
        try self.init(zip(symbols, columns).map { Member(symbol: $0, values: $1) })
    }

    /// One field of several bar series (the close by default), checked for common timestamps.
    public init(_ series: [BarSeries], field: (BarSeries) -> [Double] = { $0.close }) throws(FeatureError) {
        try self.init(series.map { Member(symbol: $0.symbol.name, values: field($0), timestamps: $0.timestamps) })
    }

    /// The values of every symbol at row `t`, in symbol order.
    public func row(_ t: Int) -> [Double] { columns.map { $0[t] } }

    /// Runs `body` on each row in turn through one reusable buffer.
    func forEachRow(_ body: (Int, UnsafeBufferPointer<Double>) -> Void) {
        var row = [Double](repeating: .nan, count: columns.count)
        for t in 0..<count {
            for j in columns.indices { row[j] = columns[j][t] }
            row.withUnsafeBufferPointer { body(t, $0) }
        }
    }
}
