import ArgumentParser
import BarbellData
import BarbellTorch
import Foundation

/// LSTM → last step → Linear: the model `Benchmarks/reference/torch_nn.py` times.
final class BenchLSTM: Predictor {
    let lstm: LSTM, head: Linear
    var isTraining = true
    init(_ g: SeededGenerator) throws {
        lstm = try LSTM(inputSize: 32, hiddenSize: 64, batchFirst: true, generator: g)
        head = try Linear(inFeatures: 64, outFeatures: 1, generator: g)
    }
    var localState: [ModuleTensor] { [] }
    var children: [(name: String, module: any Module)] { [("lstm", lstm), ("head", head)] }
    func forward(_ x: Tensor) throws -> Tensor { try head(try lstm(x).output.lastStep()) }
}

/// Linear(32 → 128) → 4-layer Transformer encoder (8 heads, ff 512, dropout 0.1) → last → Linear.
final class BenchTransformer: Predictor {
    let embed: Linear, encoder: TransformerEncoder, head: Linear
    var isTraining = true
    init(_ g: SeededGenerator) throws {
        embed = try Linear(inFeatures: 32, outFeatures: 128, generator: g)
        encoder = try TransformerEncoder(numLayers: 4, dModel: 128, nHead: 8, dimFeedforward: 512, dropout: 0.1, batchFirst: true, generator: g)
        head = try Linear(inFeatures: 128, outFeatures: 1, generator: g)
    }
    var localState: [ModuleTensor] { [] }
    var children: [(name: String, module: any Module)] { [("embed", embed), ("encoder", encoder), ("head", head)] }
    func forward(_ x: Tensor) throws -> Tensor { try head(try encoder(try embed(x)).lastStep()) }
}

/// `barbell-bench nn`: training-step time of the LSTM and Transformer predictors and batch-1 LSTM
/// latency (libtorch forward and the ``FrozenLSTMPredictor`` snapshot), against
/// `Benchmarks/reference/torch_nn.py` (PyTorch eager, same libtorch).
struct NNBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nn", abstract: "NN training steps and batch-1 inference latency.")

    @Option(help: "Training steps timed per model (median reported).")
    var steps = 50

    @Option(help: "Intra-op threads (PyTorch's torch.set_num_threads on the reference side).")
    var threads = 1

    /// Prints the p50 and p99 latency of `call` over 2,000 calls after 200 warm-up calls.
    func latency(_ name: String, _ call: () throws -> Void) throws {
        var samples = [Double]()
        for i in 0..<2_200 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try call()
            if i >= 200 { samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3) }
        }
        samples.sort()
        print(name.padding(toLength: 17, withPad: " ", startingAt: 0) + String(
            format: " p50 %8.1f us   p99 %8.1f us (batch 1, 2,000 calls)", samples[samples.count / 2],
            samples[Int(Double(samples.count) * 0.99)]))
    }

    func run() throws {
        var g = SplitMix64(seed: 0)
        func randn(_ count: Int) -> [Float] { (0..<count).map { _ in Float(g.nextUniform() * 2 - 1) } }
        let x = try Tensor(float32: randn(64 * 60 * 32), shape: [64, 60, 32])
        let y = try Tensor(float32: randn(64), shape: [64, 1])
        try Torch.setThreads(threads)
        print("barbell (libtorch \(Torch.version)), \(Torch.threads) threads, \(steps) steps each")
        if threads > 1 && ProcessInfo.processInfo.environment["OMP_WAIT_POLICY"] == nil {
            // See Torch.setThreads: spinning OpenMP workers make few-core timings erratic.
            print("note: OMP_WAIT_POLICY is unset; on a machine with few cores set OMP_WAIT_POLICY=PASSIVE on both sides")
        }
        for (name, model) in [("lstm-step", try BenchLSTM(SeededGenerator(seed: 0)) as any Predictor),
                              ("transformer-step", try BenchTransformer(SeededGenerator(seed: 0)))] {
            let optimizer = try AdamW(model.parameters)
            var times = [Double]()
            for i in 0..<(steps + 5) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                try optimizer.zeroGrad()
                try Loss.mse(try model.forward(x), y).backward()
                try optimizer.step()
                if i >= 5 { times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6) }
            }
            times.sort()
            print(name.padding(toLength: 17, withPad: " ", startingAt: 0) + String(format: " %9.2f ms per step (median of %d)", times[times.count / 2], steps))
        }
        let model = try BenchLSTM(SeededGenerator(seed: 0))
        model.eval()
        let one = try Tensor(float32: randn(60 * 32), shape: [1, 60, 32])
        try latency("lstm-infer") { _ = try Torch.withNoGrad { () throws -> Tensor in try model.forward(one) } }
        // The same weights in the inference snapshot (no per-step ATen dispatch).
        let kernel = try FrozenLSTMPredictor(lstm: model.lstm, norm: nil, head: model.head)
        try latency("lstm-infer-kernel") { _ = try kernel(one) }
        print("reference: /usr/bin/python3 Benchmarks/reference/torch_nn.py --threads \(threads) --steps \(steps)")
    }
}
