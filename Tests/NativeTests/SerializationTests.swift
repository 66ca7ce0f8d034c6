import BarbellTorch
import Foundation
import Testing

/// State dicts in `torch.save` format and TorchScript modules, against files written by
/// PyTorch 1.13 (Tests/Fixtures/torch/serialization.py).
@Suite("Serialization: state dicts and TorchScript")
struct SerializationTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/torch")

    struct Fixture: Decodable {
        let names: [String]
        let values: [String: [Double]]
        let shapes: [String: [Int]]
        let input: [Double]
        let output: [Double]
    }

    static let fixture: Fixture = try! JSONDecoder().decode(
        Fixture.self, from: Data(contentsOf: directory.appendingPathComponent("serialization.json")))

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("barbell-\(UUID().uuidString)-\(name)").path
    }

    @Test("a state dict saved by torch.save(dict(...)) loads with its names in order, shapes and values")
    func loadsPyTorchStateDict() throws {
        let loaded = try StateDict.load(from: Self.path("serialization_state_dict.pt"))
        #expect(loaded.map(\.name) == Self.fixture.names)
        for (name, tensor) in loaded {
            #expect(tensor.shape == Self.fixture.shapes[name])
            #expect(tensor.dtype == .float64)
            #expect(tensor.toArray() == Self.fixture.values[name])   // the same bits: a file read, no arithmetic
        }
    }

    @Test("save then load gives the same names, shapes and bits, in the given order")
    func roundTrip() throws {
        let original = try StateDict.load(from: Self.path("serialization_state_dict.pt"))
        let file = Self.temporary("state.pt")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try StateDict.save(Dictionary(uniqueKeysWithValues: original.map { ($0.name, $0.tensor) }), to: file,
                           order: original.map(\.name))
        let again = try StateDict.load(from: file)
        #expect(again.map(\.name) == original.map(\.name))
        for (a, b) in zip(again, original) {
            #expect(a.tensor.shape == b.tensor.shape && a.tensor.toArray() == b.tensor.toArray())
        }
        // Without an order the names are sorted, so the same weights give the same file.
        let sorted = Self.temporary("sorted.pt")
        defer { try? FileManager.default.removeItem(atPath: sorted) }
        try StateDict.save(Dictionary(uniqueKeysWithValues: original.map { ($0.name, $0.tensor) }), to: sorted)
        #expect(try StateDict.load(from: sorted).map(\.name) == original.map(\.name).sorted())
    }

    @Test("a TorchScript module saved by torch.jit.save runs forward with PyTorch's output")
    func runsTorchScript() throws {
        let module = try ScriptModule(contentsOf: Self.path("serialization_script.pt"))
        let y = try module.forward([try Tensor(Self.fixture.input, shape: [5, 3])])
        #expect(y.shape == [5, 2])
        // Same libtorch, same kernels; allow a few ulps for kernel selection on another CPU.
        for (a, b) in zip(y.toArray(), Self.fixture.output) { #expect(abs(a - b) <= 1e-14 * max(1, abs(b))) }
    }

    @Test("missing, corrupt and wrong-kind files and wrong input shapes throw with libtorch's message")
    func badInput() throws {
        #expect(throws: TorchError.self) { try StateDict.load(from: "/nonexistent/weights.pt") }
        let garbage = Self.temporary("garbage.pt")
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        try Data("not a torch file".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: TorchError.self) { try StateDict.load(from: garbage) }
        #expect(throws: TorchError.self) { try ScriptModule(contentsOf: garbage) }
        #expect(throws: TorchError.self) { try ScriptModule(contentsOf: "/nonexistent/model.pt") }
        do {
            _ = try StateDict.load(from: Self.path("serialization_script.pt"))
            Issue.record("a TorchScript archive is not a state dict")
        } catch let error as TorchError {
            #expect(!error.message.isEmpty)
        }
        do {
            _ = try StateDict.load(from: Self.path("serialization_ordered.pt"))
            Issue.record("a bare OrderedDict cannot be read by libtorch 1.13")
        } catch let error as TorchError {
            #expect(error.message.contains("dict(model.state_dict())"), "\(error.message)")
        }
        let module = try ScriptModule(contentsOf: Self.path("serialization_script.pt"))
        do {
            _ = try module.forward([try Tensor(Self.fixture.input.prefix(10).map { $0 }, shape: [5, 2])])
            Issue.record("a 5 × 2 input to a Linear(3, 4) must fail")
        } catch let error as TorchError {
            #expect(error.message.contains("shape") || error.message.contains("size") || error.message.contains("mat"), "\(error.message)")
        }
        #expect(throws: TorchError.self) {
            try StateDict.save(["a": try Tensor([1], shape: [1])], to: "/nonexistent/dir/x.pt")
        }
    }
}
