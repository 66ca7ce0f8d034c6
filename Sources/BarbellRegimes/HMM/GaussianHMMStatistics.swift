/// The sufficient statistics of the Gaussian M-step, accumulated in the backward pass as each
/// posterior row appears (no n × k posterior array is stored during a fit), lanes over states:
/// `Σγ`, `γ_0`, `Σγx`, and `Σγx²` (diag, spherical) or `Σγ x xᵀ` (full, tied; lower triangle).
struct GaussianHMMStatistics {
    let k: Int, d: Int, chunks: Int
    /// Whether the outer products are kept (full and tied covariance) rather than the squares.
    let outer: Bool
    var mass: [StateLanes]       // chunks
    var first: [StateLanes]      // chunks
    var sums: [StateLanes]       // d × chunks
    var squares: [StateLanes]    // d × chunks, or d × d × chunks when `outer`

    init(k: Int, d: Int, outer: Bool) {
        self.k = k; self.d = d; self.outer = outer
        chunks = laneChunks(k)
        mass = [StateLanes](repeating: .zero, count: chunks)
        first = mass
        sums = [StateLanes](repeating: .zero, count: d * chunks)
        squares = [StateLanes](repeating: .zero, count: (outer ? d * d : d) * chunks)
    }

    mutating func reset() {
        for i in mass.indices { mass[i] = .zero; first[i] = .zero }
        for i in sums.indices { sums[i] = .zero }
        for i in squares.indices { squares[i] = .zero }
    }

    /// Adds one observation `x` with posterior `g` (chunks lanes) into the raw buffers.
    @inline(__always)
    static func add(_ x: UnsafePointer<Double>, _ g: UnsafePointer<StateLanes>, d: Int, chunks: Int, outer: Bool,
                    mass: UnsafeMutablePointer<StateLanes>, sums: UnsafeMutablePointer<StateLanes>,
                    squares: UnsafeMutablePointer<StateLanes>) {
        if chunks == 1 {
            // Up to four states: pointer walks instead of index arithmetic.
            let w = g[0]
            mass[0] += w
            var row = squares
            for i in 0..<d {
                let xi = x[i]
                let wx = w * xi
                sums[i] += wx
                if outer {
                    for j in 0...i { row[j] += wx * x[j] }
                    row += d
                } else {
                    squares[i] += wx * xi
                }
            }
            return
        }
        for c in 0..<chunks {
            let w = g[c]
            mass[c] += w
            for i in 0..<d {
                let xi = x[i]
                let wx = w * xi
                sums[i * chunks + c] += wx
                if outer {
                    let row = squares + (i * d) * chunks + c
                    for j in 0...i { row[j * chunks] += wx * x[j] }
                } else {
                    squares[i * chunks + c] += wx * xi
                }
            }
        }
    }

    /// `Σ_t γ_t(s)`.
    func mass(_ s: Int) -> Double { mass[s >> 2][s & 3] }
    /// `γ_0(s)`.
    func first(_ s: Int) -> Double { first[s >> 2][s & 3] }
    /// `Σ_t γ_t(s) x_t,i`.
    func sum(_ s: Int, _ i: Int) -> Double { sums[i * chunks + (s >> 2)][s & 3] }
    /// `Σ_t γ_t(s) x_t,i²` (diag, spherical).
    func square(_ s: Int, _ i: Int) -> Double { squares[i * chunks + (s >> 2)][s & 3] }
    /// `Σ_t γ_t(s) x_t,i x_t,j` (full, tied), either triangle.
    func product(_ s: Int, _ i: Int, _ j: Int) -> Double {
        let (a, b) = i >= j ? (i, j) : (j, i)
        return squares[(a * d + b) * chunks + (s >> 2)][s & 3]
    }
}
