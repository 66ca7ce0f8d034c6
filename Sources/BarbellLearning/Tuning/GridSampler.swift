import BarbellData
import BarbellStore
import Foundation

/// Every combination of the space's values, each tried once, in a seeded random order.
///
/// Categoricals contribute their choices and integers every value of their range; float
/// ranges have no grid and are an error. A point already reserved by any worker (whatever its
/// state) is never proposed again; when none is left the sampler returns nil and the study is
/// complete. The order is a seeded shuffle, so stopping early still covers the grid evenly.
public struct GridSampler: Sampler {
    public let seed: UInt64
    /// Grids larger than this are refused: a grid search over them would never finish.
    public static let maximumPoints = 1_000_000

    public init(seed: UInt64) { self.seed = seed }

    public var configuration: ConfigValue { .object(["type": .string("grid"), "seed": .string(String(seed))]) }

    /// The values each parameter takes on the grid, in space order.
    public static func axes(_ space: SearchSpace) throws(LearningError) -> [[ConfigValue]] {
        var axes: [[ConfigValue]] = []
        var total = 1
        for parameter in space.parameters {
            let values: [ConfigValue]
            switch parameter.distribution {
            case .categorical(let choices): values = choices
            case .int(let low, let high, _):
                guard high - low < maximumPoints else {
                    throw LearningError(.invalidArgument, "grid sampler: '\(parameter.name)' has \(high - low + 1) values, more than \(maximumPoints)")
                }
                values = (low...high).map(ConfigValue.int)
            case .float:
                throw LearningError(.invalidArgument, "grid sampler: '\(parameter.name)' is a float range, which has no grid; declare it categorical or int")
            }
            total = total.multipliedReportingOverflow(by: values.count).overflow ? Int.max : total * values.count
            guard total <= maximumPoints else {
                throw LearningError(.invalidArgument, "grid sampler: the grid has more than \(maximumPoints) points")
            }
            axes.append(values)
        }
        return axes
    }

    /// The grid's size.
    public static func pointCount(_ space: SearchSpace) throws(LearningError) -> Int {
        try axes(space).reduce(1) { $0 * $1.count }
    }

    public func propose(number: Int, history: [TrialRecord], space: SearchSpace,
                        direction: StudyDirection) throws(LearningError) -> [String: ConfigValue]? {
        let axes = try Self.axes(space)
        let total = axes.reduce(1) { $0 * $1.count }
        let taken = Set(history.compactMap { Self.index(of: $0.parameters, space: space, axes: axes) })
        guard taken.count < total else { return nil }
        // A seeded Fisher–Yates order of the grid (the same for every trial and worker); the
        // first point not taken is next.
        var rng = SplitMix64(seed: seed)
        var order = Array(0..<total)
        for i in stride(from: total - 1, to: 0, by: -1) {
            order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        guard let next = order.first(where: { !taken.contains($0) }) else { return nil }
        var remainder = next
        var result: [String: ConfigValue] = [:]
        for (parameter, values) in zip(space.parameters, axes).reversed() {
            result[parameter.name] = values[remainder % values.count]
            remainder /= values.count
        }
        return result
    }

    /// The grid index of a trial's parameters, nil when they are not a grid point.
    private static func index(of parameters: [String: ConfigValue], space: SearchSpace, axes: [[ConfigValue]]) -> Int? {
        var index = 0
        for (parameter, values) in zip(space.parameters, axes) {
            guard let value = parameters[parameter.name] else { return nil }
            let position: Int?
            switch parameter.distribution {
            case .categorical: position = parameter.choiceIndex(of: value)
            default: position = value.number.flatMap { n in values.firstIndex { $0.number == n } }
            }
            guard let position else { return nil }
            index = index * values.count + position
        }
        return index
    }
}
