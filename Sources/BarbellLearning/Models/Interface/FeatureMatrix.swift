import BarbellData

/// Feature rows of a panel without labels: what a trained model reads, in research (a dataset's
/// rows) and live (rows computed from replayed or streaming bars) alike.
///
/// Rows are ordered by time then symbol, as in ``SupervisedDataset``. A sequence model's window
/// for a row is the last rows of the same symbol up to and including it, in this order, which is
/// why live prediction builds the matrix with the same ``DatasetBuilder`` feature code as training.
public struct FeatureMatrix: Sendable {
    /// Feature column names, in the order of each row of ``values``.
    public let featureNames: [String]
    /// The symbols; rows refer to them by position.
    public let symbols: [String]
    /// The shared calendar, ascending.
    public let calendar: [Timestamp]
    /// Per row: the symbol's position in ``symbols``.
    public let symbolIndex: [Int]
    /// Per row: its bar's position in ``calendar``.
    public let time: [Int]
    /// Row-major `count × featureNames.count` values, all finite.
    public let values: [Double]

    public init(featureNames: [String], symbols: [String], calendar: [Timestamp], symbolIndex: [Int], time: [Int], values: [Double]) {
        self.featureNames = featureNames
        self.symbols = symbols
        self.calendar = calendar
        self.symbolIndex = symbolIndex
        self.time = time
        self.values = values
    }

    /// The number of rows.
    public var count: Int { symbolIndex.count }
    /// The number of features per row.
    public var width: Int { featureNames.count }

    /// The feature row `i`.
    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * width)..<((i + 1) * width)] }

    /// The given rows, row-major, in the order given.
    public func gather(_ rows: [Int]) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(rows.count * width)
        for i in rows { out.append(contentsOf: row(i)) }
        return out
    }

    /// For each of `rows`, the `length` rows of its symbol ending at it (oldest first), or `nil`
    /// when the symbol has fewer rows before it: the input window of a sequence model.
    public func windows(_ rows: [Int], length: Int) -> [[Int]?] {
        precondition(length >= 1, "window length must be ≥ 1")
        var perSymbol = [[Int]](repeating: [], count: symbols.count)
        var position = [Int](repeating: 0, count: count)
        for i in 0..<count {
            position[i] = perSymbol[symbolIndex[i]].count
            perSymbol[symbolIndex[i]].append(i)
        }
        return rows.map { i in
            let p = position[i]
            guard p + 1 >= length else { return nil }
            return Array(perSymbol[symbolIndex[i]][(p + 1 - length)...p])
        }
    }
}

extension SupervisedDataset {
    /// The dataset's feature rows as a ``FeatureMatrix`` (the same row numbers).
    public var inputs: FeatureMatrix {
        FeatureMatrix(featureNames: featureNames, symbols: symbols, calendar: calendar, symbolIndex: symbolIndex,
                      time: time, features: features)
    }
}

extension FeatureMatrix {
    init(featureNames: [String], symbols: [String], calendar: [Timestamp], symbolIndex: [Int], time: [Int], features: [Double]) {
        self.init(featureNames: featureNames, symbols: symbols, calendar: calendar, symbolIndex: symbolIndex, time: time, values: features)
    }
}
