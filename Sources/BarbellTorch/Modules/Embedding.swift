internal import CTorch

/// A lookup table of learned vectors, like `torch.nn.Embedding`.
///
/// State dict: `weight` (numEmbeddings × embeddingDim), initialised N(0, 1)
/// like PyTorch, with the padding row (if any) zeroed.
public final class Embedding: Module {
    /// The number of rows (valid indices are 0..<numEmbeddings).
    public let numEmbeddings: Int
    /// The length of each vector.
    public let embeddingDim: Int
    /// The row whose vector is initialised to zero and receives no gradient, if any.
    public let paddingIndex: Int?
    /// The table, shape `[numEmbeddings, embeddingDim]`.
    public private(set) var weight: Tensor
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates a table with PyTorch's default N(0, 1) initialisation.
    public init(
        numEmbeddings: Int, embeddingDim: Int, paddingIndex: Int? = nil, dtype: DType = .float32,
        generator: SeededGenerator
    ) throws {
        if let paddingIndex, !(0..<numEmbeddings).contains(paddingIndex) {
            throw TorchError(
                code: .invalidArgument,
                message: "padding index \(paddingIndex) is outside 0..<\(numEmbeddings)")
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIndex = paddingIndex
        var table = try ParameterInit.normal([numEmbeddings, embeddingDim], dtype: dtype, generator: generator)
        if let paddingIndex {
            var values = table.toArray()
            for column in 0..<embeddingDim { values[paddingIndex * embeddingDim + column] = 0 }
            table = try ParameterInit.leaf(
                copying: Tensor(values, shape: [numEmbeddings, embeddingDim]), dtype: dtype, requiresGrad: true)
        }
        weight = table
    }

    /// `weight`.
    public var localState: [ModuleTensor] {
        [ModuleTensor("weight", .parameter, weight) { self.weight = $0 }]
    }

    /// Looks up `indices` (row-major, laid out in `shape`); the result has shape `shape + [embeddingDim]`.
    ///
    /// - Throws: ``TorchError`` naming the first index outside `0..<numEmbeddings`,
    ///   or if `indices` does not fill `shape`.
    public func callAsFunction(_ indices: [Int], shape: [Int]) throws -> Tensor {
        if let bad = indices.first(where: { !(0..<numEmbeddings).contains($0) }) {
            throw TorchError(
                code: .invalidArgument, message: "Embedding index \(bad) is outside 0..<\(numEmbeddings)")
        }
        let values = indices.map { Int64($0) }
        let extents = shape.map { Int64($0) }
        return try Tensor.producing { out in
            withExtendedLifetime(weight) {
                ctorch_nn_embedding(
                    weight.handle, values, Int64(values.count), extents, Int64(extents.count),
                    Int64(paddingIndex ?? -1), out)
            }
        }
    }
}
