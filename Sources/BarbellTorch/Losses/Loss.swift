internal import CTorch

/// A training objective: a differentiable scalar of predictions against targets.
///
/// The trading losses read a batch as one time-ordered series: predictions `p` (N or N × 1)
/// become positions `w = tanh(k·p)` and the targets `y` are the next-period returns, so the
/// strategy earns `r = w ⊙ y`.
public indirect enum Loss: Sendable, Equatable {
    /// `mean((p − y)²)`.
    case mse
    /// `torch.nn.functional.huber_loss` with threshold `delta`, averaged.
    case huber(delta: Double)
    /// Cross-entropy of logits (N × C) against class indices (N), averaged: down/flat/up
    /// classification.
    case crossEntropy
    /// Pinball loss of one prediction column per quantile (N × Q) against targets (N):
    /// `mean(max(q·e, (q − 1)·e))` with `e = y − p`.
    case pinball(quantiles: [Double])
    /// Directional-accuracy surrogate: `Σ |s| σ(−k·p·s) / Σ |s|` with `s = sign(y)`, the share of
    /// wrong-direction calls as `k → ∞`, smooth for finite `k` (zero returns do not count).
    case directional(sharpness: Double)
    /// Negative Sharpe ratio of the strategy returns: `−mean(r) / (std(r) + ε)` (population
    /// standard deviation, per period, not annualised).
    case negativeSharpe(sharpness: Double, epsilon: Double = 1e-8)
    /// Maximum drawdown of the additive equity curve `Σ r` from a flat start:
    /// `max_t (max(0, max_{s≤t} E_s) − E_t)`.
    case maxDrawdown(sharpness: Double)
    /// Conditional value at risk of the strategy returns: the mean loss `−r` of the worst
    /// `⌈α·N⌉` periods.
    case cvar(alpha: Double, sharpness: Double)
    /// `Σ wᵢ Lᵢ`: for example fit and risk, `.weighted([(1, .mse), (0.1, .maxDrawdown(sharpness: 5))])`.
    case weighted([WeightedLoss])

    /// A term of ``weighted(_:)``.
    public struct WeightedLoss: Sendable, Equatable {
        public var weight: Double
        public var loss: Loss
        public init(_ weight: Double, _ loss: Loss) {
            self.weight = weight
            self.loss = loss
        }
    }

    /// The loss of `prediction` against `target`, a 0-dimensional tensor that autograd can
    /// differentiate back to the prediction.
    /// - Throws: ``TorchError`` naming the expected shapes when they do not fit, or an invalid
    ///   parameter (a quantile list of the wrong length, α outside (0, 1]).
    public func callAsFunction(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
        switch self {
        case .mse: return try Self.native(CTORCH_LOSS_MSE, prediction, target, [])
        case .huber(let delta): return try Self.native(CTORCH_LOSS_HUBER, prediction, target, [delta])
        case .crossEntropy: return try Self.native(CTORCH_LOSS_CROSS_ENTROPY, prediction, target, [])
        case .pinball(let q): return try Self.native(CTORCH_LOSS_PINBALL, prediction, target, q)
        case .directional(let k): return try Self.native(CTORCH_LOSS_DIRECTIONAL, prediction, target, [k])
        case .negativeSharpe(let k, let eps): return try Self.native(CTORCH_LOSS_NEGATIVE_SHARPE, prediction, target, [k, eps])
        case .maxDrawdown(let k): return try Self.native(CTORCH_LOSS_MAX_DRAWDOWN, prediction, target, [k])
        case .cvar(let alpha, let k): return try Self.native(CTORCH_LOSS_CVAR, prediction, target, [k, alpha])
        case .weighted(let terms):
            guard let first = terms.first else {
                throw TorchError(code: .invalidArgument, message: "weighted loss: expected at least one term")
            }
            var total = try first.loss(prediction, target) * first.weight
            for term in terms.dropFirst() {
                total = try total + term.loss(prediction, target) * term.weight
            }
            return total
        }
    }

    private static func native(_ kind: Int32, _ prediction: Tensor, _ target: Tensor, _ params: [Double]) throws -> Tensor {
        var out: OpaquePointer?
        try params.withUnsafeBufferPointer { p in
            try TorchError.check(ctorch_loss(kind, prediction.handle, target.handle, p.baseAddress, Int64(params.count), &out))
        }
        return try Tensor(adopting: out!)
    }
}
