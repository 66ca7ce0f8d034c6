/// A neural-network building block with named tensors, in the spirit of `torch.nn.Module`.
///
/// A module owns *parameters* (trainable leaf tensors with `requiresGrad`) and
/// *buffers* (state such as running statistics), and may contain named child
/// modules. Names follow PyTorch's `state_dict` convention: a child's tensors
/// are prefixed with the child's name and a dot (`layers.0.weight`), so a
/// PyTorch `state_dict` of the equivalent architecture loads with
/// ``loadStateDict(_:)``.
///
/// Conforming types list their own tensors in ``localState`` and their
/// children in ``children``, both in PyTorch's registration order; everything
/// else (naming, counting, loading, train/eval) comes from the extension.
public protocol Module: AnyObject {
    /// Whether the module is in training mode (dropout active, batch statistics
    /// used and running statistics updated). Set it for a whole tree with
    /// ``train(_:)`` or ``eval()``.
    var isTraining: Bool { get set }

    /// The tensors this module owns directly (not those of its children), in
    /// registration order: parameters first, then buffers, like PyTorch.
    var localState: [ModuleTensor] { get }

    /// The named child modules, in registration order.
    var children: [(name: String, module: any Module)] { get }
    /// The generators this module draws from while running (dropout masks), not those of its
    /// children; checkpoints save their states. Empty by default.
    var ownGenerators: [SeededGenerator] { get }
}

extension Module {
    /// No children by default.
    public var children: [(name: String, module: any Module)] { [] }

    /// None by default.
    public var ownGenerators: [SeededGenerator] { [] }

    /// Every generator the tree draws from while running, each once, depth first.
    public var randomGenerators: [SeededGenerator] {
        var seen = Set<ObjectIdentifier>()
        var result: [SeededGenerator] = []
        func visit(_ module: any Module) {
            for g in module.ownGenerators where seen.insert(ObjectIdentifier(g)).inserted { result.append(g) }
            for child in module.children { visit(child.module) }
        }
        visit(self)
        return result
    }

    /// Sets training mode on this module and every descendant.
    public func train(_ on: Bool = true) {
        isTraining = on
        for child in children { child.module.train(on) }
    }

    /// Switches this module and every descendant to evaluation mode.
    public func eval() { train(false) }

    /// Every tensor of the tree with its full `state_dict` name, in PyTorch's order
    /// (a module's own tensors, then each child's, depth first).
    public var namedState: [(name: String, tensor: ModuleTensor)] {
        var result = localState.map { (name: $0.name, tensor: $0) }
        for child in children {
            result += child.module.namedState.map { (name: child.name + "." + $0.name, tensor: $0.tensor) }
        }
        return result
    }

    /// The trainable parameters with their full `state_dict` names, in PyTorch's order.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        namedState.filter { $0.tensor.role == .parameter }.map { (name: $0.name, tensor: $0.tensor.value) }
    }

    /// The trainable parameters, in PyTorch's order.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The total number of trainable scalar parameters (buffers excluded).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Parameters and buffers by full name, like PyTorch's `state_dict()`.
    /// The tensors are the module's own (not copies); they are never mutated in place.
    public func stateDict() -> [String: Tensor] {
        Dictionary(namedState.map { ($0.name, $0.tensor.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Replaces every parameter and buffer with the tensor of the same name, strictly.
    ///
    /// Each loaded tensor is copied (never aliased) and converted to the dtype
    /// of the tensor it replaces; parameters become leaves with `requiresGrad`.
    /// Nothing changes unless the whole dictionary is valid.
    ///
    /// - Throws: ``TorchError`` (code ``TorchError/Code/invalidArgument``) naming
    ///   every missing name, every unexpected name, and every mis-shaped tensor
    ///   with its expected and actual shapes.
    public func loadStateDict(_ dict: [String: Tensor]) throws {
        let entries = namedState
        var missing: [String] = []
        var misShaped: [String] = []
        for entry in entries {
            guard let given = dict[entry.name] else {
                missing.append(entry.name)
                continue
            }
            let expected = entry.tensor.value.shape
            if given.shape != expected {
                misShaped.append("\(entry.name) (expected \(expected), got \(given.shape))")
            }
        }
        let known = Set(entries.map(\.name))
        let unexpected = dict.keys.filter { !known.contains($0) }.sorted()
        var problems: [String] = []
        if !missing.isEmpty { problems.append("missing: " + missing.joined(separator: ", ")) }
        if !unexpected.isEmpty { problems.append("unexpected: " + unexpected.joined(separator: ", ")) }
        if !misShaped.isEmpty { problems.append("mis-shaped: " + misShaped.joined(separator: ", ")) }
        guard problems.isEmpty else {
            throw TorchError(
                code: .invalidArgument,
                message: "state dict does not match \(type(of: self)): " + problems.joined(separator: "; "))
        }
        // Convert everything before assigning anything, so a failure leaves the module intact.
        let converted = try entries.map { entry in
            try ParameterInit.leaf(
                copying: dict[entry.name]!, dtype: entry.tensor.value.dtype,
                requiresGrad: entry.tensor.role == .parameter)
        }
        for (entry, tensor) in zip(entries, converted) { entry.tensor.assign(tensor) }
    }
}

/// One tensor owned directly by a module: its local name, its role, its current
/// value, and how to replace it.
public struct ModuleTensor {
    /// Whether the tensor is trained or is state carried along (PyTorch's buffers).
    public enum Role: Sendable, Equatable {
        /// A trainable leaf tensor with `requiresGrad`.
        case parameter
        /// Non-trainable state saved in the state dict (for example running statistics).
        case buffer
    }

    /// The local name (without the parent prefixes), for example `"weight"`.
    public let name: String
    /// Parameter or buffer.
    public let role: Role
    /// The current tensor.
    public let value: Tensor
    /// Replaces the module's tensor; used by ``Module/loadStateDict(_:)`` and optimizers.
    public let assign: (Tensor) -> Void

    /// Describes a tensor owned by a module.
    public init(_ name: String, _ role: Role, _ value: Tensor, assign: @escaping (Tensor) -> Void) {
        self.name = name
        self.role = role
        self.value = value
        self.assign = assign
    }
}
