import BarbellQuant

/// The correlation network of a universe of assets: the correlation `ρ`, the correlation
/// distance `d = √((1 − ρ)/2)` (Mantegna's metric, BarbellQuant's
/// `Covariance.correlationDistance`) and, for community detection and eigenvector centrality,
/// the similarity graph with weights `max(ρ, 0)` off the diagonal (anti-correlated pairs are not
/// "together", so they get no edge).
public struct CorrelationNetwork: Sendable {
    /// The assets' names, in the order of the matrices' rows and columns.
    public let names: [String]
    /// The correlation matrix (diagonal exactly 1).
    public let correlation: Matrix
    /// The correlation distance `√((1 − ρ)/2)`, in [0, 1], zero on the diagonal.
    public let distance: Matrix

    /// The network of returns (rows are dates, columns assets, NaN where missing — e.g. before
    /// a listing): pairwise-complete Pearson correlation, as pandas' `DataFrame.corr`, so a late
    /// listing shortens only its own pairs' windows.
    public init(returns: Matrix, names: [String]? = nil) throws {
        guard returns.columns >= 2 else {
            throw RegimeError(.invalidArgument, "a correlation network needs at least 2 assets (columns), got \(returns.columns)")
        }
        try self.init(correlation: Covariance.pairwiseCorrelation(returns), names: names)
    }

    /// The network of a given correlation matrix (symmetric, finite, entries in [−1, 1]).
    public init(correlation: Matrix, names: [String]? = nil) throws {
        let n = correlation.rows
        guard correlation.isSquare, n >= 2 else {
            throw RegimeError(.shapeMismatch, "the correlation must be square with at least 2 assets, got \(correlation.rows)×\(correlation.columns)")
        }
        if let k = correlation.values.firstIndex(where: { !$0.isFinite }) {
            throw RegimeError(.nonFinite, "correlation entry (\(k / n), \(k % n)) is \(correlation.values[k])")
        }
        if let k = correlation.values.firstIndex(where: { abs($0) > 1 + 1e-12 }) {
            throw RegimeError(.invalidArgument, "correlation entry (\(k / n), \(k % n)) is \(correlation.values[k]); expected a value in [−1, 1]")
        }
        for i in 0..<n { for j in 0..<i where correlation[i, j] != correlation[j, i] {
            throw RegimeError(.invalidArgument, "the correlation is not symmetric at (\(i), \(j)): \(correlation[i, j]) vs \(correlation[j, i])")
        } }
        let labels = names ?? (0..<n).map { "asset\($0)" }
        guard labels.count == n else {
            throw RegimeError(.shapeMismatch, "names has \(labels.count) entries for \(n) assets")
        }
        guard Set(labels).count == n else { throw RegimeError(.invalidArgument, "names must be distinct") }
        var rho = correlation
        for i in 0..<n { rho[i, i] = 1 }
        var d = try Covariance.correlationDistance(rho)
        for i in 0..<n { d[i, i] = 0 }
        self.names = labels
        self.correlation = rho
        self.distance = d
    }

    /// The number of assets.
    public var count: Int { names.count }

    /// The similarity weight of the community and eigenvector graph: `max(ρᵢⱼ, 0)`, 0 on the diagonal.
    public func similarity(_ i: Int, _ j: Int) -> Double { i == j ? 0 : max(correlation[i, j], 0) }

    /// The similarity graph as a dense matrix (zero diagonal).
    public var similarityMatrix: Matrix {
        var w = correlation
        for i in 0..<count { for j in 0..<count { w[i, j] = similarity(i, j) } }
        return w
    }
}

/// An undirected weighted edge between assets `a < b`.
public struct NetworkEdge: Sendable, Equatable, Codable {
    public let a: Int
    public let b: Int
    public let weight: Double

    public init(a: Int, b: Int, weight: Double) {
        self.a = min(a, b); self.b = max(a, b); self.weight = weight
    }
}
