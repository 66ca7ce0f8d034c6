import BarbellData
import BarbellLearning
import Testing

@Suite("Permutation importance")
struct PermutationImportanceTests {
    /// y = 2·x0 − x2 (x1 unused); the model is that formula; score = −MSE.
    static func data(rows: Int = 200) -> (x: [Double], y: [Double]) {
        var g = SplitMix64(seed: 5)
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<rows {
            let r = (0..<3).map { _ in g.nextUniform() * 2 - 1 }
            x += r
            y.append(2 * r[0] - r[2])
        }
        return (x, y)
    }
    static func predict(_ x: [Double]) -> [Double] { stride(from: 0, to: x.count, by: 3).map { 2 * x[$0] - x[$0 + 2] } }
    static func negativeMSE(_ p: [Double], _ y: [Double]) -> Double { -zip(p, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(y.count) }

    @Test("an unused feature scores exactly 0, used ones by their weight; seeded; one repeat has no spread")
    func closedForm() throws {
        let (x, y) = Self.data()
        let pi = try PermutationImportance(x: x, width: 3, y: y, repeats: 4, seed: 9, predict: Self.predict, score: Self.negativeMSE)
        #expect(pi.baseline == 0)
        #expect(pi.drops[1].allSatisfy { $0 == 0 })
        // Shuffling x0 changes the prediction by 2·(x0[π(r)] − x0[r]), so the drop is the mean of
        // its square: E = 4·2·Var(x0) = 8/3 for uniform x0 on [−1, 1]; for x2 (weight 1) 2/3.
        #expect(abs(pi.mean[0] - 8.0 / 3) < 0.5 && abs(pi.mean[2] - 2.0 / 3) < 0.15, "\(pi.mean)")
        #expect(pi.mean[0] > 1 && pi.mean[2] > 0.2 && pi.mean[0] > 2 * pi.mean[2])
        let again = try PermutationImportance(x: x, width: 3, y: y, repeats: 4, seed: 9, predict: Self.predict, score: Self.negativeMSE)
        #expect(again == pi)
        let other = try PermutationImportance(x: x, width: 3, y: y, repeats: 4, seed: 10, predict: Self.predict, score: Self.negativeMSE)
        #expect(other.drops[0] != pi.drops[0])
        let one = try PermutationImportance(x: x, width: 3, y: y, repeats: 1, seed: 3, predict: Self.predict, score: Self.negativeMSE)
        #expect(one.standardDeviation.allSatisfy { $0 == 0 })
    }

    @Test("bad shapes and repeats are errors")
    func badInput() {
        let (x, y) = Self.data(rows: 10)
        #expect(throws: LearningError.self) { try PermutationImportance(x: x, width: 4, y: y, seed: 1, predict: Self.predict, score: Self.negativeMSE) }
        #expect(throws: LearningError.self) { try PermutationImportance(x: x, width: 3, y: y, repeats: 0, seed: 1, predict: Self.predict, score: Self.negativeMSE) }
    }
}
