/// Learned calendar encodings added to a sequence of features: one learned
/// vector per time-of-day slot and one per day of the week, as in temporal
/// models of intraday market data.
///
/// State dict: `time_of_day.weight` (slots × dModel) and `day_of_week.weight`
/// (7 × dModel), both ``Embedding`` tables initialised N(0, 1).
public final class TemporalEmbedding: Module {
    /// The model width.
    public let dModel: Int
    /// One vector per time-of-day slot (for example 24 hours, or 78 five-minute bars).
    public let timeOfDay: Embedding
    /// One vector per weekday, indexed 0–6.
    public let dayOfWeek: Embedding
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates the tables for `timeOfDaySlots` slots per day.
    public init(dModel: Int, timeOfDaySlots: Int, dtype: DType = .float32, generator: SeededGenerator) throws {
        self.dModel = dModel
        timeOfDay = try Embedding(numEmbeddings: timeOfDaySlots, embeddingDim: dModel, dtype: dtype, generator: generator)
        dayOfWeek = try Embedding(numEmbeddings: 7, embeddingDim: dModel, dtype: dtype, generator: generator)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }

    /// `time_of_day`, `day_of_week`.
    public var children: [(name: String, module: any Module)] {
        [("time_of_day", timeOfDay), ("day_of_week", dayOfWeek)]
    }

    /// Returns `input + timeOfDay[slot] + dayOfWeek[day]` at every step.
    ///
    /// - Parameters:
    ///   - input: `[..., dModel]`.
    ///   - timeOfDay: One slot index per step, row-major over `input.shape.dropLast()`.
    ///   - dayOfWeek: One weekday index (0–6) per step, same layout.
    /// - Throws: ``TorchError`` naming the expected count or the bad index.
    public func callAsFunction(_ input: Tensor, timeOfDay slots: [Int], dayOfWeek days: [Int]) throws -> Tensor {
        try ShapeCheck.require(
            input, ranks: 1...Int.max, last: dModel, layer: "TemporalEmbedding", expected: "[..., \(dModel)]")
        let steps = Array(input.shape.dropLast())
        let count = steps.reduce(1, *)
        guard slots.count == count, days.count == count else {
            throw TorchError(
                code: .invalidArgument,
                message: "TemporalEmbedding expects \(count) time-of-day and day-of-week indices for input \(input.shape), got \(slots.count) and \(days.count)")
        }
        return try input + timeOfDay(slots, shape: steps) + dayOfWeek(days, shape: steps)
    }
}
