import BarbellTorch
import Testing

/// Sinusoidal positional encoding and learned calendar embeddings.
@Suite("Positional and temporal encodings")
struct EncodingTests {
    @Test("sinusoidal encoding matches the PyTorch tutorial's formula (batch-first)")
    func sinusoidalParity() throws {
        let fixture = try LayerFixtures.named("sinusoidal")
        let encoding = SinusoidalPositionalEncoding(dModel: 6)
        let output = try encoding(fixture.tensor("input"))
        #expect(LayerFixtures.maxDifference(output, try #require(fixture.arrays["output"])) < 1e-10)
        #expect(encoding.stateDict().isEmpty)
    }

    @Test("position 0 adds sin 0 = 0 and cos 0 = 1; sequence-first layout broadcasts over the batch")
    func sinusoidalLayout() throws {
        let encoding = SinusoidalPositionalEncoding(dModel: 4, batchFirst: false)
        // [sequence 3, batch 2, dModel 4] of zeros: the output is the table, repeated over the batch.
        let output = try encoding(try Tensor([Double](repeating: 0, count: 24), shape: [3, 2, 4])).toArray()
        #expect(Array(output[0..<4]) == [0, 1, 0, 1])
        let table = encoding.table(length: 3)
        for position in 0..<3 {
            for batch in 0..<2 {
                let start = (position * 2 + batch) * 4
                #expect(Array(output[start..<start + 4]) == Array(table[position * 4..<position * 4 + 4]))
            }
        }
        #expect(throws: TorchError.self) { try encoding(try Tensor([1, 2, 3], shape: [1, 1, 3])) }
        // float32 input stays float32.
        let single = try encoding(try Tensor(float32: [Float](repeating: 0, count: 8), shape: [1, 2, 4]))
        #expect(single.dtype == .float32)
    }

    @Test("temporal embedding adds the time-of-day and weekday rows, named like PyTorch")
    func temporal() throws {
        let encoding = try TemporalEmbedding(dModel: 3, timeOfDaySlots: 4, dtype: .float64, generator: SeededGenerator(seed: 4))
        #expect(encoding.namedParameters.map(\.name) == ["time_of_day.weight", "day_of_week.weight"])
        #expect(encoding.parameterCount == 4 * 3 + 7 * 3)
        let input = try Tensor([1, 2, 3, 4, 5, 6], shape: [1, 2, 3])
        let output = try encoding(input, timeOfDay: [3, 0], dayOfWeek: [6, 2]).toArray()
        let slots = encoding.timeOfDay.weight.toArray()
        let days = encoding.dayOfWeek.weight.toArray()
        let inputValues = input.toArray()
        for step in 0..<2 {
            let slot = [3, 0][step], day = [6, 2][step]
            for k in 0..<3 {
                let expected = inputValues[step * 3 + k] + slots[slot * 3 + k] + days[day * 3 + k]
                #expect(abs(output[step * 3 + k] - expected) < 1e-15)
            }
        }
        #expect(throws: TorchError.self) { try encoding(input, timeOfDay: [0], dayOfWeek: [0, 1]) }
        #expect(throws: TorchError.self) { try encoding(input, timeOfDay: [0, 1], dayOfWeek: [0, 7]) }
    }
}
