import BarbellQuant
import Foundation

/// The cases a generator script under `Tests/Fixtures/quant/` wrote (the reference library and
/// its version in `library`): per case, named numbers, vectors and matrices.
struct QuantFixture: Decodable, Sendable {
    enum Value: Decodable, Sendable {
        case number(Double), vector([Double]), matrix([[Double]])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let m = try? c.decode([[Double]].self) {
                self = .matrix(m)
            } else if let v = try? c.decode([Double].self) {
                self = .vector(v)
            } else {
                self = .number(try c.decode(Double.self))
            }
        }
    }

    let library: String
    let cases: [String: [String: Value]]

    /// `linalg.py` (NumPy).
    static let linearAlgebra = load("linalg.json")
    /// `covariance.py` (PyPortfolioOpt and scikit-learn).
    static let covariance = load("covariance.json")

    /// Loads `Tests/Fixtures/quant/FILE`; each suite declares its own `static let` in an extension.
    static func load(_ file: String) -> QuantFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/quant/\(file)")
        return try! JSONDecoder().decode(QuantFixture.self, from: Data(contentsOf: url))
    }

    func matrix(_ name: String, _ key: String) throws -> Matrix {
        guard case .matrix(let m)? = cases[name]?[key] else { throw QuantError(.invalidArgument, "fixture \(name).\(key) is not a matrix") }
        return try Matrix(m)
    }

    func vector(_ name: String, _ key: String) -> [Double] {
        guard case .vector(let v)? = cases[name]?[key] else { return [] }
        return v
    }

    func integer(_ name: String, _ key: String) -> Int? {
        let x = number(name, key)
        return x.isFinite ? Int(x) : nil
    }

    func number(_ name: String, _ key: String) -> Double {
        guard case .number(let x)? = cases[name]?[key] else { return .nan }
        return x
    }
}

/// Largest |a − b| over the largest |b| (1 if that is 0): a relative error for whole arrays.
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    let scale = max(b.map(abs).max() ?? 0, 1e-300)
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
}

