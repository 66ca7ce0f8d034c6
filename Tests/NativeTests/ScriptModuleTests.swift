import BarbellTorch
import Foundation
import Testing

/// TorchScript archives saved in Python with `torch.jit.save` run from Swift.
@Suite("TorchScript modules")
struct ScriptModuleTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch/layers_script.pt").path

    @Test("a scripted LSTM predictor returns PyTorch's tuple of outputs")
    func runsScriptedModule() throws {
        let fixture = try LayerFixtures.named("script")
        let module = try ScriptModule(path: Self.path)
        let outputs = try module.forward([fixture.tensor("input")])
        #expect(outputs.count == 2)
        let prediction = try #require(fixture.arrays["output"])
        let h = try #require(fixture.arrays["h"])
        #expect(LayerFixtures.maxDifference(outputs[0], prediction) < 1e-10)
        #expect(LayerFixtures.maxDifference(outputs[1], h) < 1e-10)
    }

    @Test("bad paths, wrong inputs and a tuple where one tensor is expected are errors, not crashes")
    func errors() throws {
        #expect(throws: TorchError.self) { try ScriptModule(path: "/nonexistent/model.pt") }
        let module = try ScriptModule(path: Self.path)
        // Wrong feature count: the LSTM inside raises.
        #expect(throws: TorchError.self) { try module.forward([Tensor([Double](repeating: 0, count: 8), shape: [1, 2, 4])]) }
        // Wrong argument count.
        #expect(throws: TorchError.self) { try module.forward([]) }
        let input = try LayerFixtures.named("script").tensor("input")
        #expect(throws: TorchError.self) { try module(input) }
        #expect(throws: TorchError.self) { try module.forward([input], maxOutputs: 1) }
    }
}
