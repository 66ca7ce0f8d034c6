import ArgumentParser
import BarbellTorch

/// `barbell nn architectures`: the zoo, with parameter counts for a given width.
struct NNArchitectures: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "architectures", abstract: "List the model zoo's architectures and their sizes.")

    @Option(help: "Input features per step, for the parameter counts.")
    var features = 10

    @Option(help: "Hidden width, for the parameter counts.")
    var hidden = 32

    @Flag(help: "Print JSON.")
    var json = false

    struct Row: Encodable { var architecture: String; var parameters: Int; var summary: String }

    func run() throws {
        let rows = try SequenceModelConfiguration.Architecture.allCases.map { a in
            let c = SequenceModelConfiguration(architecture: a, features: features, hidden: hidden, heads: 4, scales: [5, 20],
                                               volumeFeature: 0, volatilityFeature: min(1, features - 1))
            return Row(architecture: a.rawValue, parameters: try c.build(seed: 0).parameterCount, summary: Self.summaries[a] ?? "")
        }
        if json { try printJSON(rows); return }
        var table = TextTable(["architecture", "parameters", "what it is"], rightAligned: [1])
        for r in rows { table.add([r.architecture, String(r.parameters), r.summary]) }
        print(table.render())
        print("\nHeads: linear (default) or multi-horizon (one small MLP per output). Tasks: regression, classification, quantile.")
    }

    static let summaries: [SequenceModelConfiguration.Architecture: String] = [
        .lstm: "LSTM, last step, batch norm, dropout",
        .gru: "GRU, last step, layer norm, dropout",
        .transformer: "linear embedding, sinusoidal positions, Transformer encoder",
        .biLSTMAttention: "bidirectional LSTM, additive attention over time",
        .residualLSTM: "stacked LSTMs with residual connections and layer norm",
        .attentionGRU: "positional encoding, GRU, attention pooling",
        .biGRUFusion: "bidirectional GRU fused with the raw last-step features",
        .marketTransformer: "Transformer with attention biased by volume and volatility",
        .multiScaleAttention: "attention over several trailing lookbacks, fused",
        .cnn: "causal 1D convolutions, pooled",
        .cnnLSTM: "causal convolution feeding an LSTM",
        .tcn: "temporal convolutional network (dilated causal residual blocks)",
    ]
}
