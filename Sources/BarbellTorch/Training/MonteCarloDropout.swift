/// Monte Carlo dropout (Gal & Ghahramani 2016): predictions with dropout left on, repeated, as an
/// approximate predictive distribution.
public struct MonteCarloPrediction: Sendable, Equatable {
    /// Shape of one prediction.
    public let shape: [Int]
    /// Mean over the samples, element by element (row-major).
    public let mean: [Double]
    /// Standard deviation over the samples (divisor `samples − 1`).
    public let standardDeviation: [Double]
    /// Lower and upper empirical quantiles of the samples for the requested interval.
    public let lower: [Double]
    public let upper: [Double]
    /// The number of forward passes.
    public let samples: Int
}

extension Predictor {
    /// Runs `forward` `samples` times with only the dropout layers (and recurrent inter-layer
    /// dropout) in training mode (batch normalisation stays in eval mode, as it should at
    /// prediction time) and summarises: mean, standard deviation and the central `coverage`
    /// interval (empirical quantiles, linear interpolation). The masks come from the modules'
    /// own seeded generators, so the result is reproducible from the model's seed. The model's
    /// modes are restored afterwards.
    /// - Throws: ``TorchError`` for fewer than 2 samples, a coverage outside (0, 1), or a model
    ///   without dropout (the samples would all be equal).
    public func monteCarloDropout(_ input: Tensor, samples: Int = 100, coverage: Double = 0.9) throws -> MonteCarloPrediction {
        guard samples >= 2, coverage > 0, coverage < 1 else {
            throw TorchError(code: .invalidArgument, message: "Monte Carlo dropout: expected ≥ 2 samples and a coverage in (0, 1)")
        }
        let all = Self.tree(self)
        let stochastic = all.filter { m in
            if let d = m as? Dropout { return d.p > 0 }
            if let l = m as? LSTM { return l.dropout > 0 }
            if let g = m as? GRU { return g.dropout > 0 }
            if let a = m as? MultiheadAttention { return a.dropout > 0 }
            return false
        }
        guard !stochastic.isEmpty else {
            throw TorchError(code: .invalidArgument, message: "Monte Carlo dropout: the model has no dropout to sample")
        }
        let modes = all.map(\.isTraining)
        defer { for (m, mode) in zip(all, modes) { m.isTraining = mode } }
        for m in all { m.isTraining = false }
        for m in stochastic { m.isTraining = true }
        var draws = [[Double]]()
        var shape = [Int]()
        for _ in 0..<samples {
            let y = try Torch.withNoGrad { () throws -> Tensor in try forward(input) }
            shape = y.shape
            draws.append(y.toArray())
        }
        let count = draws[0].count, n = Double(samples)
        var mean = [Double](repeating: 0, count: count), sd = mean, lower = mean, upper = mean
        let tail = (1 - coverage) / 2
        for i in 0..<count {
            let column = draws.map { $0[i] }
            let m = column.reduce(0, +) / n
            mean[i] = m
            sd[i] = (column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
            let sorted = column.sorted()
            lower[i] = Self.quantile(sorted, tail)
            upper[i] = Self.quantile(sorted, 1 - tail)
        }
        return MonteCarloPrediction(shape: shape, mean: mean, standardDeviation: sd, lower: lower, upper: upper, samples: samples)
    }

    /// Every module of the tree, this one first.
    static func tree(_ m: any Module) -> [any Module] {
        [m] + m.children.flatMap { tree($0.module) }
    }

    /// NumPy's default (linear) quantile of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
