import Foundation

/// The reference written by Tests/Fixtures/learning/linear.py (scikit-learn 1.9.1).
struct LinearFixture: Decodable {
    struct Fit: Decodable {
        let alpha: Double?
        let C: Double?
        let fitIntercept: Bool
        let weighted: Bool
        let coef: [Double]
        let intercept: Double
        let predict: [Double]
        let probability: [Double]?
        let coefNewton: [Double]?
        let interceptNewton: Double?
        let probabilityNewton: [Double]?
    }
    struct MultiFit: Decodable {
        let C: Double
        let fitIntercept: Bool
        let weighted: Bool
        let classes: [Double]
        let coef: [[Double]]
        let intercept: [Double]
        let predict: [Double]
        let coefNewton: [[Double]]
        let interceptNewton: [Double]
        let probabilityNewton: [[Double]]
    }
    let x: [[Double]]
    let y: [Double]
    let classes: [Double]
    let weights: [Double]
    let xPredict: [[Double]]
    let ridge: [Fit]
    let lasso: [Fit]
    let logistic: [Fit]
    let classes3: [Double]
    let multinomial: [MultiFit]

    static func load() throws -> LinearFixture {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/learning/linear.json")
        return try JSONDecoder().decode(LinearFixture.self, from: Data(contentsOf: url))
    }

    /// The largest absolute difference (infinity when the lengths differ).
    static func maxDiff(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}
