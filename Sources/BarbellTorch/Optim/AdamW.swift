internal import CTorch

/// AdamW (Loshchilov & Hutter), PyTorch 1.13's `torch.optim.AdamW` update: decoupled weight
/// decay, then the bias-corrected Adam step.
public final class AdamW: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double
    public private(set) var stepCount = 0
    private var expAvg: [Tensor]
    private var expAvgSq: [Tensor]

    /// PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.
    public init(_ parameters: [Tensor], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 1e-2) throws {
        guard learningRate >= 0, (0..<1).contains(beta1), (0..<1).contains(beta2), epsilon >= 0, weightDecay >= 0 else {
            throw TorchError(code: .invalidArgument, message: "AdamW: expected lr ≥ 0, betas in [0, 1), eps ≥ 0, weight decay ≥ 0")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        expAvg = try parameters.map { try $0.zerosLike() }
        expAvgSq = try parameters.map { try $0.zerosLike() }
    }

    public func step() throws {
        stepCount += 1
        for i in parameters.indices {
            try TorchError.check(ctorch_adamw_step(parameters[i].handle, expAvg[i].handle, expAvgSq[i].handle, Int64(stepCount),
                                                   learningRate, beta1, beta2, epsilon, weightDecay))
        }
    }

    public func state() throws -> [String: Tensor] {
        var s = ["step": try Tensor([Double(stepCount)], shape: [1])]
        for i in parameters.indices {
            s["\(i).exp_avg"] = try expAvg[i].copy()
            s["\(i).exp_avg_sq"] = try expAvgSq[i].copy()
        }
        return s
    }

    public func load(state: [String: Tensor]) throws {
        let step = try storedStep(state)
        let m = try parameters.indices.map { try stateTensor(state, "\($0).exp_avg", like: parameters[$0]).copy() }
        let v = try parameters.indices.map { try stateTensor(state, "\($0).exp_avg_sq", like: parameters[$0]).copy() }
        stepCount = step
        expAvg = m
        expAvgSq = v
    }
}
