import BarbellData
import BarbellStore
import Foundation

/// A trial as samplers and pruners see it: decoded parameters and the store's bookkeeping.
public struct TrialRecord: Sendable, Equatable {
    public var number: Int
    public var state: TrialState
    public var parameters: [String: ConfigValue]
    public var value: Double?
    public var intermediate: [Int: Double]
    public var worker: String

    public init(number: Int, state: TrialState, parameters: [String: ConfigValue], value: Double?,
                intermediate: [Int: Double] = [:], worker: String = "") {
        self.number = number
        self.state = state
        self.parameters = parameters
        self.value = value
        self.intermediate = intermediate
        self.worker = worker
    }

    /// The last reported step, if any.
    public var lastStep: Int? { intermediate.keys.max() }
}

/// Proposes the parameters of a study's next trial.
///
/// A proposal must depend only on the seed, the trial's number and the history it is given
/// (every trial reserved so far, running ones included), so a study run by one process is
/// bit-reproducible and a proposal made inside the store's reservation transaction is
/// consistent with what every other worker reserved.
public protocol Sampler: Sendable {
    /// The sampler's settings, stored with the study so a reopened study uses the same ones.
    var configuration: ConfigValue { get }

    /// The parameters of trial `number`, or nil when the sampler has no point left (an
    /// exhausted grid), which ends the study.
    func propose(number: Int, history: [TrialRecord], space: SearchSpace,
                 direction: StudyDirection) throws(LearningError) -> [String: ConfigValue]?
}

extension Sampler {
    /// A generator for trial `number` of a study seeded with `seed`: independent streams per
    /// trial, so a trial's draws do not depend on how many draws earlier trials made.
    static func generator(seed: UInt64, number: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: number) &* 0xD6E8_FEB8_6659_FD93))
        return SplitMix64(seed: mixer.next())
    }
}

/// Independent uniform draws: floats uniform in their range (in log space with `log`),
/// integers uniform over their values, categoricals uniform over their choices.
public struct RandomSampler: Sampler {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    public var configuration: ConfigValue { .object(["type": .string("random"), "seed": .string(String(seed))]) }

    public func propose(number: Int, history: [TrialRecord], space: SearchSpace,
                        direction: StudyDirection) throws(LearningError) -> [String: ConfigValue]? {
        var rng = Self.generator(seed: seed, number: number)
        var result: [String: ConfigValue] = [:]
        for parameter in space.parameters { result[parameter.name] = Self.draw(parameter, &rng) }
        return result
    }

    /// One uniform draw of `parameter`.
    static func draw(_ parameter: SearchParameter, _ rng: inout SplitMix64) -> ConfigValue {
        let u = rng.nextUniform()
        switch parameter.distribution {
        case .float(let low, let high, let log):
            if log { return .double(min(exp(Foundation.log(low) + u * (Foundation.log(high) - Foundation.log(low))), high)) }
            return .double(low + u * (high - low))
        case .int(let low, let high, let log):
            if log {
                let lo = Foundation.log(Double(low) - 0.5), hi = Foundation.log(Double(high) + 0.5)
                return parameter.externalValue(exp(lo + u * (hi - lo)))
            }
            return .int(min(low + Int(u * (Double(high) - Double(low) + 1)), high))
        case .categorical(let choices):
            return choices[min(Int(u * Double(choices.count)), choices.count - 1)]
        }
    }
}
