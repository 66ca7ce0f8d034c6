import BarbellData
import BarbellFeatures

/// Where a dataset's features come from: named columns computed from one symbol's bars, each
/// value at bar t meant to use bars up to t only (``LookAheadAudit`` checks that it does).
public protocol FeatureSource: Sendable {
    /// The column names, in column order.
    var featureNames: [String] { get }
    /// One column per feature, each as long as `series`.
    func columns(for series: BarSeries) throws -> [[Double]]
    /// The columns of every series of a panel (the default computes them one by one).
    func columns(panel: [BarSeries], threads: Int?) throws -> [[[Double]]]
}

extension FeatureSource {
    public func columns(panel: [BarSeries], threads: Int?) throws -> [[[Double]]] {
        try panel.map { try columns(for: $0) }
    }
}

/// A feature set computed by the feature engine, the same code that serves live predictions;
/// bars without VWAP use (high + low + close) / 3 for the features that need it.
public struct FeatureSetSource: FeatureSource {
    public let featureSet: FeatureSet
    private let computer: FeatureComputer

    /// - Throws: ``LearningError`` for a spec the feature engine does not know.
    public init(_ featureSet: FeatureSet) throws {
        self.featureSet = featureSet
        do { computer = try FeatureComputer(featureSet) } catch {
            throw LearningError(.invalidArgument, "features: \(error.message)")
        }
    }

    public var featureNames: [String] { computer.columnNames }

    public func columns(for series: BarSeries) throws -> [[Double]] {
        try columns(panel: [series], threads: 1)[0]
    }

    public func columns(panel: [BarSeries], threads: Int?) throws -> [[[Double]]] {
        do {
            return try computer.compute(panel: panel.map(Self.input), threads: threads).map { $0.columns.map(Array.init) }
        } catch {
            throw LearningError(.invalidArgument, "features: \(error.message)")
        }
    }

    static func input(_ series: BarSeries) -> FeatureInput {
        let input = FeatureInput(series)
        return input[.vwap] == nil ? input.withTypicalPriceVWAP() : input
    }
}
