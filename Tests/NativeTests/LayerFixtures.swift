import BarbellTorch
import Foundation

/// Loader for `Tests/Fixtures/torch/layers.json`, written by `Tests/Fixtures/torch/layers.py`
/// (PyTorch 1.13 reference layers, float64).
enum LayerFixtures {
    struct Array: Decodable {
        let shape: [Int]
        let data: [Double]

        func tensor() throws -> Tensor { try Tensor(data, shape: shape) }
    }

    /// One reference case: a state dict plus named arrays (input, output, h, c...).
    struct Case: Decodable {
        let state: [String: Array]
        let arrays: [String: Array]
        let indices: [Int]?
        let indexShape: [Int]?
        /// For BatchNorm1d: the state dict after one training-mode forward pass.
        let stateAfterTrain: [String: Array]?
        /// Gradients of `output.sum()` with respect to each parameter, by state-dict name.
        let grads: [String: Array]?

        enum Keys: String, CodingKey { case state, indices, index_shape, state_after_train, grads }

        init(from decoder: Decoder) throws {
            let keyed = try decoder.container(keyedBy: Keys.self)
            state = try keyed.decode([String: Array].self, forKey: .state)
            indices = try keyed.decodeIfPresent([Int].self, forKey: .indices)
            indexShape = try keyed.decodeIfPresent([Int].self, forKey: .index_shape)
            stateAfterTrain = try keyed.decodeIfPresent([String: Array].self, forKey: .state_after_train)
            grads = try keyed.decodeIfPresent([String: Array].self, forKey: .grads)
            // Every other member that decodes as an array of numbers with a shape.
            let any = try decoder.container(keyedBy: AnyKey.self)
            var arrays: [String: Array] = [:]
            for key in any.allKeys {
                if let array = try? any.decode(Array.self, forKey: key) { arrays[key.stringValue] = array }
            }
            self.arrays = arrays
        }

        /// The state dict as tensors.
        func stateDict() throws -> [String: Tensor] {
            try state.mapValues { try $0.tensor() }
        }

        /// A named array as a tensor (`input`, `output`, `h`...).
        func tensor(_ name: String) throws -> Tensor {
            guard let array = arrays[name] else { throw FixtureError.missing(name) }
            return try array.tensor()
        }

        /// A named array's values.
        func values(_ name: String) throws -> [Double] {
            guard let array = arrays[name] else { throw FixtureError.missing(name) }
            return array.data
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    enum FixtureError: Error { case missing(String) }

    struct File: Decodable {
        let cases: [String: Case]
    }

    /// All cases, decoded once; a missing or corrupt file fails the tests that use it
    /// instead of crashing the test process.
    static let loaded: Result<[String: Case], LoadError> = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch/layers.json")
        do {
            return .success(try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases)
        } catch {
            return .failure(LoadError(message: "cannot load \(url.path): \(error)"))
        }
    }()

    struct LoadError: Error { let message: String }

    /// The case named `name`.
    static func named(_ name: String) throws -> Case {
        guard let found = try loaded.get()[name] else { throw FixtureError.missing(name) }
        return found
    }

    /// The largest absolute element-wise difference; infinity if the shapes differ.
    static func maxDifference(_ tensor: Tensor, _ expected: Array) -> Double {
        guard tensor.shape == expected.shape else { return .infinity }
        return zip(tensor.toArray(), expected.data).map { abs($0 - $1) }.max() ?? 0
    }
}
