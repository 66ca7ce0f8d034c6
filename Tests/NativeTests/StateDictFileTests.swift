import BarbellTorch
import Foundation
import Testing

/// State-dict files shared with Python: `torch.save` files load into Swift modules,
/// and files saved from Swift load into `torch.nn` modules.
@Suite("State-dict files")
struct StateDictFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch")

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("barbell-\(UUID().uuidString)-\(name)").path
    }

    func encoderLayer(seed: UInt64) throws -> TransformerEncoderLayer {
        try TransformerEncoderLayer(
            dModel: 8, nHead: 2, dimFeedforward: 16, batchFirst: true, dtype: .float64,
            generator: SeededGenerator(seed: seed))
    }

    @Test("a torch.save file loads into the Swift layer and reproduces PyTorch's output")
    func loadsPythonFile() throws {
        let fixture = try LayerFixtures.named("transformer_encoder_layer")
        let layer = try encoderLayer(seed: 0)
        try layer.load(from: Self.fixtures.appendingPathComponent("layers_encoder_layer.pt").path)
        layer.eval()
        let expected = try #require(fixture.arrays["output"])
        #expect(LayerFixtures.maxDifference(try layer(fixture.tensor("input")), expected) < 1e-10)
    }

    @Test("integer buffers (num_batches_tracked) load as float64 values")
    func integerBuffers() throws {
        let fixture = try LayerFixtures.named("batch_norm_file")
        let norm = try BatchNorm1d(numFeatures: 3, dtype: .float64)
        try norm.load(from: Self.fixtures.appendingPathComponent("layers_batch_norm.pt").path)
        #expect(norm.numBatchesTracked == 1)
        let runningVar = try #require(fixture.state["running_var"])
        #expect(norm.runningVar.toArray() == runningVar.data)
    }

    @Test("save then load round-trips every tensor bit for bit, in order")
    func roundTrip() throws {
        let path = Self.temporaryPath("roundtrip.pt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try encoderLayer(seed: 1)
        try source.save(to: path)
        let target = try encoderLayer(seed: 2)
        try target.load(from: path)
        for (a, b) in zip(source.namedParameters, target.namedParameters) {
            #expect(a.name == b.name)
            #expect(a.tensor.toArray() == b.tensor.toArray(), "\(a.name)")
        }
    }

    @Test("missing files, non-dict files and mismatched architectures are errors")
    func badFiles() throws {
        let layer = try encoderLayer(seed: 0)
        #expect(throws: TorchError.self) { try layer.load(from: "/nonexistent/weights.pt") }
        let garbage = Self.temporaryPath("garbage.pt")
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        try Data("not a pickle".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: TorchError.self) { try layer.load(from: garbage) }
        // A BatchNorm file is a valid state dict, but for another architecture.
        #expect { try layer.load(from: Self.fixtures.appendingPathComponent("layers_batch_norm.pt").path) } throws: {
            let message = ($0 as? TorchError)?.message ?? ""
            return message.contains("missing: self_attn.in_proj_weight") && message.contains("unexpected: bias")
        }
    }

    @Test(
        "a file saved from Swift loads in Python into torch.nn.TransformerEncoderLayer with the same output",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func loadsInPython() throws {
        let fixture = try LayerFixtures.named("transformer_encoder_layer")
        let layer = try encoderLayer(seed: 5)
        layer.eval()
        let input = try fixture.tensor("input")
        let swiftOutput = try layer(input).toArray()
        let weights = Self.temporaryPath("weights.pt")
        let inputFile = Self.temporaryPath("input.pt")
        defer {
            try? FileManager.default.removeItem(atPath: weights)
            try? FileManager.default.removeItem(atPath: inputFile)
        }
        try layer.save(to: weights)
        try StateDictFile.save([(name: "input", tensor: input)], to: inputFile)
        let script = """
            import json, sys, torch
            m = torch.nn.TransformerEncoderLayer(8, 2, 16, batch_first=True).double().eval()
            m.load_state_dict(torch.load(sys.argv[1]))
            x = torch.load(sys.argv[2])["input"]
            print(json.dumps(m(x).reshape(-1).tolist()))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, weights, inputFile]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let pythonOutput = try JSONDecoder().decode([Double].self, from: data)
        #expect(pythonOutput.count == swiftOutput.count)
        #expect(zip(pythonOutput, swiftOutput).allSatisfy { abs($0 - $1) < 1e-10 })
    }
}
