import CXGBoost
import Testing

@Suite("XGBoost C API from Swift")
struct XGBoostTests {
    /// 10×10 grid on (0,1)²; label 1 iff x0 + x1 > 1 (decided on the integer
    /// grid indices, so no point sits ambiguously on the boundary).
    static func gridData() -> (features: [Float], labels: [Float], margin: [Int]) {
        var features: [Float] = []
        var labels: [Float] = []
        var margin: [Int] = []  // distance from the diagonal, in grid steps
        for i in 0..<10 {
            for j in 0..<10 {
                features += [(Float(i) + 0.5) / 10, (Float(j) + 0.5) / 10]
                labels.append(i + j >= 10 ? 1 : 0)
                margin.append(i + j >= 10 ? i + j - 10 : 9 - (i + j))
            }
        }
        return (features, labels, margin)
    }

    static let parameters: KeyValuePairs<String, String> = [
        "objective": "binary:logistic",
        "max_depth": "3",
        "eta": "0.5",
        "subsample": "0.8",  // makes the seed matter
        "seed": "7",
        "nthread": "1",
        "verbosity": "0",
    ]

    func trainAndPredict(_ features: [Float], _ labels: [Float]) throws -> [Float] {
        let matrix = try DMatrix(rowMajor: features, rows: labels.count, columns: 2, labels: labels)
        let booster = try Booster(cache: [matrix], parameters: Self.parameters)
        try booster.train(on: matrix, rounds: 20)
        return try booster.predict(matrix)
    }

    @Test("library version is 1.7.x")
    func version() {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        XGBoostVersion(&major, &minor, &patch)
        #expect(major == 1 && minor == 7)
    }

    @Test("a few boosting rounds separate the classes")
    func separatesClasses() throws {
        let (features, labels, margin) = Self.gridData()
        let predictions = try trainAndPredict(features, labels)
        #expect(predictions.count == labels.count)

        let correct = zip(predictions, labels).filter { ($0 > 0.5) == ($1 == 1) }.count
        #expect(correct >= 95, "training accuracy \(correct)/100")

        // Every point at least two grid steps from the boundary is classified
        // confidently and correctly.
        for (k, (p, y)) in zip(predictions, labels).enumerated() where margin[k] >= 2 {
            #expect(y == 1 ? p > 0.8 : p < 0.2, "row \(k): p = \(p), y = \(y)")
        }

        let meanPositive = zip(predictions, labels).filter { $1 == 1 }.map(\.0).reduce(0, +) / 45
        let meanNegative = zip(predictions, labels).filter { $1 == 0 }.map(\.0).reduce(0, +) / 55
        #expect(meanPositive > 0.8 && meanNegative < 0.2)
    }

    @Test("same seed, same data → bit-identical predictions")
    func deterministic() throws {
        let (features, labels, _) = Self.gridData()
        let first = try trainAndPredict(features, labels)
        let second = try trainAndPredict(features, labels)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
    }

    @Test("XGBoosterCreate failure is reported through XGBGetLastError")
    func createError() {
        var out: BoosterHandle?
        // One cached matrix announced, but no array given.
        let status = XGBoosterCreate(nil, 1, &out)
        #expect(status == -1)
        #expect(out == nil)
        #expect(String(cString: XGBGetLastError()).contains("Invalid pointer argument"))
    }

    @Test("a bad parameter surfaces as an error with XGBGetLastError's message")
    func badParameter() throws {
        let (features, labels, _) = Self.gridData()
        let matrix = try DMatrix(rowMajor: features, rows: 100, columns: 2, labels: labels)
        // XGBoost validates parameters lazily: SetParam accepts them and the
        // first training round (which configures the learner) rejects them.
        let booster = try Booster(cache: [matrix], parameters: ["objective": "no:such-objective", "nthread": "1"])
        let error = #expect(throws: XGBoostError.self) { try booster.train(on: matrix, rounds: 1) }
        #expect(error?.status == -1)
        #expect(error?.message.contains("Unknown objective function") == true)

        let depth = try Booster(cache: [matrix], parameters: ["max_depth": "-3", "nthread": "1"])
        let depthError = #expect(throws: XGBoostError.self) { try depth.train(on: matrix, rounds: 1) }
        #expect(depthError?.message.contains("max_depth") == true)
    }
}
