import BarbellTorch
import Testing

/// Central-difference gradient check in float64.
///
/// The scalar loss is `sum(f(inputs) * w)` with fixed, seeded, non-uniform weights `w`
/// (uniform weights would hide errors in ops whose outputs sum to a constant, such as
/// softmax). Each input element is perturbed by ±`step` (1e-6); the numerical derivative
/// `(L(x+h) - L(x-h)) / 2h` has truncation error O(h²) ≈ 1e-12 and rounding error about
/// ε·|L|/h ≈ 1e-10·|L|, so autograd must agree within `tolerance · max(1, |numeric|)`,
/// tolerance 1e-6 (relative for gradients above 1, absolute below).
enum GradCheck {
    static let step = 1e-6
    static let tolerance = 1e-6

    /// An input: row-major float64 values and a shape.
    struct Input: Sendable {
        let values: [Double]
        let shape: [Int]
        init(_ values: [Double], _ shape: [Int]) { self.values = values; self.shape = shape }
    }

    /// The largest discrepancy found, with where it was.
    struct Report {
        var worst = 0.0
        var detail = "no elements"
    }

    /// Checks every element of every input with `#expect` (tolerance 1e-6).
    static func check(
        _ inputs: [Input], _ f: ([Tensor]) throws -> Tensor,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let report = try compare(inputs, f)
        #expect(report.worst <= tolerance, "\(report.detail)", sourceLocation: sourceLocation)
    }

    /// Compares autograd with central differences for every element of every input.
    static func compare(_ inputs: [Input], _ f: ([Tensor]) throws -> Tensor) throws -> Report {
        // Analytic gradients.
        let leaves = try inputs.map { try Tensor($0.values, shape: $0.shape) }
        for leaf in leaves { try leaf.setRequiresGrad() }
        let output = try f(leaves)
        let weights = try Tensor.randn(shape: output.shape, seed: 20_261_122)
        try (output * weights).sum().backward()
        let analytic = try leaves.map { leaf in
            // A leaf the output does not depend on has no gradient: that is a zero gradient.
            try leaf.grad?.toArray() ?? Array(repeating: 0, count: leaf.count)
        }

        // Numerical gradients, without recording a graph.
        func loss(_ values: [[Double]]) throws -> Double {
            try Torch.withNoGrad {
                let tensors = try zip(values, inputs).map { try Tensor($0, shape: $1.shape) }
                return try (f(tensors) * weights).sum().toArray()[0]
            }
        }
        var report = Report()
        for k in inputs.indices {
            for j in inputs[k].values.indices {
                var plus = inputs.map(\.values)
                var minus = plus
                plus[k][j] += step
                minus[k][j] -= step
                let numeric = (try loss(plus) - loss(minus)) / (2 * step)
                let error = Swift.abs(analytic[k][j] - numeric) / Swift.max(1, Swift.abs(numeric))
                if error >= report.worst {
                    report.worst = error
                    report.detail = "input \(k) element \(j): autograd \(analytic[k][j]) vs central difference \(numeric)"
                }
            }
        }
        return report
    }
}
