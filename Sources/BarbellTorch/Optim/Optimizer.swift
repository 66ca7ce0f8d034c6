/// Updates parameters from their gradients, in place (the parameters stay the same tensors, as
/// in torch.optim), with a learning rate a scheduler may change between steps.
public protocol Optimizer: AnyObject {
    /// The parameters being optimised.
    var parameters: [Tensor] { get }
    /// The learning rate of the next ``step()``.
    var learningRate: Double { get set }
    /// Steps taken so far.
    var stepCount: Int { get }
    /// One update from the current gradients (parameters without a gradient are left alone).
    func step() throws
    /// The optimizer's state (step count and moment buffers) as named tensors, so a checkpoint
    /// resumes exactly.
    func state() throws -> [String: Tensor]
    /// Restores ``state()`` output.
    /// - Throws: ``TorchError`` naming a missing or mis-shaped entry.
    func load(state: [String: Tensor]) throws
}

extension Optimizer {
    /// Clears every parameter's gradient (``Tensor/zeroGrad()``: PyTorch's `zero_grad(set_to_none=True)`;
    /// a parameter left out of the next backward pass is then skipped by ``step()``, as in torch).
    public func zeroGrad() throws {
        for p in parameters { try p.zeroGrad() }
    }

    /// Scales the gradients so their joint 2-norm is at most `maxNorm`
    /// (`torch.nn.utils.clip_grad_norm_`); returns the norm before clipping.
    @discardableResult
    public func clipGradientNorm(_ maxNorm: Double) throws -> Double {
        try Tensor.clipGradientNorm(parameters, maxNorm: maxNorm)
    }
}

extension Optimizer {
    /// `state[name]` with the shape of `like`, or an error naming what is wrong.
    func stateTensor(_ state: [String: Tensor], _ name: String, like: Tensor) throws -> Tensor {
        guard let t = state[name] else {
            throw TorchError(code: .invalidArgument, message: "optimizer state: missing '\(name)'")
        }
        guard t.shape == like.shape else {
            throw TorchError(code: .invalidArgument, message: "optimizer state '\(name)': shape \(t.shape), expected \(like.shape)")
        }
        return t
    }

    func storedStep(_ state: [String: Tensor]) throws -> Int {
        guard let t = state["step"], t.count == 1 else {
            throw TorchError(code: .invalidArgument, message: "optimizer state: missing 'step'")
        }
        return Int(t.toArray()[0])
    }
}
