/// Buffers of one forward-backward pass, allocated once per fit and reused every iteration.
struct HMMWorkspace {
    let n: Int, k: Int, d: Int
    var b: [Double], alpha: [Double], beta: [Double], gamma: [Double]
    var logScale: [Double], scale: [Double]
    var xi: [Double], tmp: [Double], work: [Double]

    init(n: Int, k: Int, d: Int) {
        self.n = n; self.k = k; self.d = d
        b = [Double](repeating: 0, count: n * k)
        alpha = b; beta = b; gamma = b
        logScale = [Double](repeating: 0, count: n)
        scale = logScale
        xi = [Double](repeating: 0, count: k * k)
        tmp = [Double](repeating: 0, count: k)
        work = [Double](repeating: 0, count: d)
    }
}
