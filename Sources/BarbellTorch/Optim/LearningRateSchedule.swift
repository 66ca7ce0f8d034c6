import Foundation

/// The learning rate as a function of the step, set on an ``Optimizer`` before each step.
public enum LearningRateSchedule: Sendable, Equatable {
    /// The base rate throughout.
    case constant
    /// Linear warmup from `startFactor × base` to `base` over `warmupSteps`, then cosine annealing
    /// to `minimum` over the remaining `totalSteps − warmupSteps` (PyTorch's
    /// `SequentialLR([LinearLR(start_factor, total_iters=warmup), CosineAnnealingLR(T_max=total − warmup, eta_min)],
    /// milestones=[warmup])`, closed form).
    case warmupCosine(warmupSteps: Int, startFactor: Double = 0.1, totalSteps: Int, minimum: Double = 0)
    /// Smith's one-cycle policy (PyTorch's `OneCycleLR` with cosine annealing, two phases):
    /// from `base / divFactor` up to `base` over the first `warmupFraction` of `totalSteps`, then
    /// down to `base / (divFactor × finalDivFactor)`. The base rate is the peak. (PyTorch's
    /// default also cycles momentum; this schedules the rate only.)
    case oneCycle(totalSteps: Int, warmupFraction: Double = 0.3, divFactor: Double = 25, finalDivFactor: Double = 1e4)

    /// The rate for the 0-based `step`, from the base rate `base`.
    public func rate(at step: Int, base: Double) -> Double {
        switch self {
        case .constant:
            return base
        case .warmupCosine(let warmup, let start, let total, let minimum):
            if step < warmup {
                return base * (start + (1 - start) * Double(step) / Double(warmup))
            }
            let span = Double(max(total - warmup, 1))
            let t = Double(min(step - warmup, total - warmup))
            return minimum + (base - minimum) * (1 + cos(Double.pi * t / span)) / 2
        case .oneCycle(let total, let fraction, let div, let finalDiv):
            let initial = base / div, final = initial / finalDiv
            let peakStep = fraction * Double(total) - 1, lastStep = Double(total - 1)
            let s = Double(step)
            func anneal(_ from: Double, _ to: Double, _ pct: Double) -> Double { to + (from - to) / 2 * (cos(Double.pi * pct) + 1) }
            if s <= peakStep { return anneal(initial, base, s / peakStep) }
            return anneal(base, final, min((s - peakStep) / (lastStep - peakStep), 1))
        }
    }

    /// Checks the schedule's settings.
    /// - Throws: ``TorchError`` naming the bad setting.
    public func validate() throws {
        switch self {
        case .constant: return
        case .warmupCosine(let warmup, let start, let total, let minimum):
            guard warmup >= 0, total > warmup, start > 0, start <= 1, minimum >= 0 else {
                throw TorchError(code: .invalidArgument, message: "warmup-cosine schedule: expected 0 ≤ warmup < total steps, start factor in (0, 1], minimum ≥ 0")
            }
        case .oneCycle(let total, let fraction, let div, let finalDiv):
            guard total >= 2, fraction > 0, fraction < 1, fraction * Double(total) > 1, div > 0, finalDiv > 0 else {
                throw TorchError(code: .invalidArgument, message: "one-cycle schedule: expected ≥ 2 total steps, a warmup fraction in (0, 1) covering more than one step, positive factors")
            }
        }
    }
}
