internal import CTorch

/// Stochastic gradient descent with momentum, PyTorch 1.13's `torch.optim.SGD` update (weight
/// decay, momentum buffer seeded from the first gradient, dampening, Nesterov).
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Double
    public let momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
    public private(set) var stepCount = 0
    private var buffers: [Tensor]

    public init(_ parameters: [Tensor], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) throws {
        guard learningRate >= 0, momentum >= 0, weightDecay >= 0 else {
            throw TorchError(code: .invalidArgument, message: "SGD: expected lr, momentum and weight decay ≥ 0")
        }
        guard !nesterov || (momentum > 0 && dampening == 0) else {
            throw TorchError(code: .invalidArgument, message: "SGD: Nesterov momentum requires a momentum and zero dampening")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        buffers = try parameters.map { try $0.zerosLike() }
    }

    public func step() throws {
        let first = stepCount == 0
        stepCount += 1
        for i in parameters.indices {
            try TorchError.check(ctorch_sgd_step(parameters[i].handle, buffers[i].handle, first, learningRate, momentum,
                                                 dampening, weightDecay, nesterov))
        }
    }

    public func state() throws -> [String: Tensor] {
        var s = ["step": try Tensor([Double(stepCount)], shape: [1])]
        for i in parameters.indices { s["\(i).momentum_buffer"] = try buffers[i].copy() }
        return s
    }

    public func load(state: [String: Tensor]) throws {
        let step = try storedStep(state)
        let b = try parameters.indices.map { try stateTensor(state, "\($0).momentum_buffer", like: parameters[$0]).copy() }
        stepCount = step
        buffers = b
    }
}
