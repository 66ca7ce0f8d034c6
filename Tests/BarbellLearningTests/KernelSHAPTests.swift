import BarbellData
import BarbellLearning
import Testing

/// Kernel SHAP against closed forms: for a linear model the Shapley value of feature j is
/// w_j·(x_j − mean of the background's x_j); for f = x0·x1 it follows from the definition over
/// the four coalitions; and the values always add up to f(x) − E f.
@Suite("Kernel SHAP")
struct KernelSHAPTests {
    static func background(rows: Int, width: Int, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<(rows * width)).map { _ in g.nextUniform() * 4 - 2 }
    }

    @Test("linear model: exact by enumeration and by sampling (additive values are recovered from any coalitions)")
    func linear() throws {
        for (width, maxCoalitions) in [(5, 4_096), (12, 600)] {
            let w: [Double] = (0..<width).map { Double($0 % 4) - 1.5 }
            func predict(_ x: [Double]) -> [Double] {
                var out: [Double] = []
                for r in stride(from: 0, to: x.count, by: width) {
                    var y = 0.7
                    for j in 0..<width { y += w[j] * x[r + j] }
                    out.append(y)
                }
                return out
            }
            let bg = Self.background(rows: 30, width: width, seed: 3)
            let row = Self.background(rows: 1, width: width, seed: 4)
            let explainer = try KernelSHAP(background: bg, width: width, maxCoalitions: maxCoalitions, seed: 1)
            let (base, phi) = try explainer.explain(row, predict: predict)
            for j in 0..<width {
                let column: [Double] = stride(from: j, to: bg.count, by: width).map { bg[$0] }
                let mean = column.reduce(0, +) / 30
                let expected = w[j] * (row[j] - mean)
                #expect(abs(phi[j] - expected) < 1e-9, "width \(width), feature \(j)")
            }
            #expect(abs(base + phi.reduce(0, +) - predict(row)[0]) < 1e-9)
        }
    }

    @Test("interaction x0·x1: the exact Shapley values from their definition; efficiency; seeded sampling repeats")
    func interaction() throws {
        func predict(_ x: [Double]) -> [Double] {
            var out: [Double] = []
            for r in stride(from: 0, to: x.count, by: 3) { out.append(x[r] * x[r + 1]) }
            return out
        }
        let bg = Self.background(rows: 25, width: 3, seed: 8)
        let row = [1.3, -0.4, 2.0]
        let (base, phi) = try KernelSHAP(background: bg, width: 3).explain(row, predict: predict)
        let b0: [Double] = stride(from: 0, to: bg.count, by: 3).map { bg[$0] }
        let b1: [Double] = stride(from: 1, to: bg.count, by: 3).map { bg[$0] }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        let products: [Double] = zip(b0, b1).map { $0 * $1 }
        let vNone = mean(products), v0 = row[0] * mean(b1), v1 = mean(b0) * row[1], vBoth = row[0] * row[1]
        // Feature 2 is a dummy: coalitions with and without it have equal value, so the three-player
        // game is the two-player one: φ0 = ½[(v0 − v∅) + (v01 − v1)].
        #expect(abs(phi[0] - 0.5 * ((v0 - vNone) + (vBoth - v1))) < 1e-10)
        #expect(abs(phi[1] - 0.5 * ((v1 - vNone) + (vBoth - v0))) < 1e-10)
        #expect(abs(phi[2]) < 1e-10)
        #expect(abs(base - vNone) < 1e-12)

        let wide = Self.background(rows: 10, width: 14, seed: 2)
        func f(_ x: [Double]) -> [Double] {
            var out: [Double] = []
            for r in stride(from: 0, to: x.count, by: 14) { out.append(x[r] * x[r + 1] + x[r + 5]) }
            return out
        }
        let one = try KernelSHAP(background: wide, width: 14, maxCoalitions: 500, seed: 7).explain(Array(wide[0..<14]), predict: f)
        let two = try KernelSHAP(background: wide, width: 14, maxCoalitions: 500, seed: 7).explain(Array(wide[0..<14]), predict: f)
        #expect(one.values == two.values)
        #expect(abs(one.base + one.values.reduce(0, +) - f(Array(wide[0..<14]))[0]) < 1e-9)
    }

    @Test("bad shapes are errors")
    func badInput() {
        #expect(throws: LearningError.self) { try KernelSHAP(background: [1, 2, 3], width: 2) }
        func identity(_ x: [Double]) -> [Double] { x }
        #expect(throws: LearningError.self) { try KernelSHAP(background: [1, 2], width: 2).explain([1], predict: identity) }
    }
}
