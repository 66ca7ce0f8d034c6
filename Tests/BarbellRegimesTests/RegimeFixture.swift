import BarbellQuant
import Foundation

/// The cases a generator script under `Tests/Fixtures/regimes/` wrote (the reference library
/// and its version in `library`): per case, named numbers, vectors and matrices.
struct RegimeFixture: Decodable, Sendable {
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

    /// Loads `Tests/Fixtures/regimes/FILE`; each suite declares its own `static let` in an extension.
    static func load(_ file: String) -> RegimeFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/regimes/\(file)")
        return try! JSONDecoder().decode(RegimeFixture.self, from: Data(contentsOf: url))
    }

    func matrix(_ name: String, _ key: String) -> [[Double]] {
        guard case .matrix(let m)? = cases[name]?[key] else { return [] }
        return m
    }

    func vector(_ name: String, _ key: String) -> [Double] {
        guard case .vector(let v)? = cases[name]?[key] else { return [] }
        return v
    }

    func number(_ name: String, _ key: String) -> Double {
        guard case .number(let x)? = cases[name]?[key] else { return .nan }
        return x
    }
}

/// Largest |a − b| over the largest |b|: a relative error for whole arrays.
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    let scale = max(b.map(abs).max() ?? 0, 1e-300)
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
}
