import Foundation

/// Adds the fixed sinusoidal position signal of "Attention Is All You Need":
/// `pe[pos, 2i] = sin(pos / 10000^(2i/d))`, `pe[pos, 2i+1] = cos(pos / 10000^(2i/d))`.
///
/// It has no parameters and nothing in the state dict (the table is recomputed,
/// so sequences of any length work). Input is `[batch, sequence, dModel]` when
/// `batchFirst`, else `[sequence, batch, dModel]`.
public final class SinusoidalPositionalEncoding: Module {
    /// The model width (the last input dimension).
    public let dModel: Int
    /// Whether the sequence is the second dimension (otherwise the first).
    public let batchFirst: Bool
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates the encoding for width `dModel`.
    public init(dModel: Int, batchFirst: Bool = true) {
        self.dModel = dModel
        self.batchFirst = batchFirst
    }

    /// No tensors.
    public var localState: [ModuleTensor] { [] }

    /// The `length × dModel` table, row-major.
    public func table(length: Int) -> [Double] {
        var values = [Double](repeating: 0, count: length * dModel)
        for position in 0..<length {
            for pair in stride(from: 0, to: dModel, by: 2) {
                let angle = Double(position) * pow(10_000, -Double(pair) / Double(dModel))
                values[position * dModel + pair] = sin(angle)
                if pair + 1 < dModel { values[position * dModel + pair + 1] = cos(angle) }
            }
        }
        return values
    }

    /// Returns `input` plus the position signal, in the input's dtype.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try ShapeCheck.require(
            input, ranks: 3...3, last: dModel, layer: "SinusoidalPositionalEncoding",
            expected: batchFirst ? "[batch, sequence, \(dModel)]" : "[sequence, batch, \(dModel)]")
        let length = input.shape[batchFirst ? 1 : 0]
        // [length, dModel] broadcasts over the batch when batch-first; [length, 1, dModel] otherwise.
        let shape = batchFirst ? [length, dModel] : [length, 1, dModel]
        let values = table(length: length)
        let signal = input.dtype == .float64
            ? try Tensor(values, shape: shape) : try Tensor(float32: values.map { Float($0) }, shape: shape)
        return try input + signal
    }
}
