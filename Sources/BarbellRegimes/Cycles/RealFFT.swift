import CFFTW
import Foundation

/// A real-to-complex forward DFT of one length through FFTW, with its plan made once and reused.
///
/// Plans are made with `FFTW_ESTIMATE`: FFTW's measuring planners time candidate algorithms on
/// this machine and may pick a different one from run to run, and different algorithms round
/// differently, so results would not be bit-identical across runs. `FFTW_ESTIMATE` picks from a
/// fixed heuristic and keeps the same input giving the same output. FFTW's planner is not
/// thread-safe, so plan creation (and destruction) is serialised by one process-wide lock;
/// executing a plan on new arrays (`fftw_execute_dft_r2c`) is thread-safe, so `forward` only holds
/// the plan.
public final class RealFFT: @unchecked Sendable {
    /// The transform length.
    public let count: Int
    private let plan: fftw_plan
    /// FFTW's planner is process-global state.
    private static let plannerLock = NSLock()
    /// Plans by length, so repeated transforms of one length plan once.
    nonisolated(unsafe) private static var cache: [Int: RealFFT] = [:]

    private init(count: Int) {
        self.count = count
        let input = fftw_alloc_real(count)!, output = fftw_alloc_complex(count / 2 + 1)!
        defer { fftw_free(input); fftw_free(output) }
        plan = fftw_plan_dft_r2c_1d(Int32(count), input, output, UInt32(FFTW_ESTIMATE))!
    }

    /// The shared plan for transforms of `count` points (`count ≥ 1`).
    public static func plan(count: Int) -> RealFFT {
        precondition(count >= 1, "RealFFT needs at least one point")
        plannerLock.lock()
        defer { plannerLock.unlock() }
        if let p = cache[count] { return p }
        let p = RealFFT(count: count)
        cache[count] = p
        return p
    }

    /// The first `count/2 + 1` DFT coefficients X_k = Σ_t x_t e^{−2πikt/n} as (real, imaginary).
    public func forward(_ x: [Double]) -> [(re: Double, im: Double)] {
        precondition(x.count == count, "RealFFT of length \(count) given \(x.count) points")
        let m = count / 2 + 1
        // FFTW's new-array execute requires its own (SIMD-aligned) allocations.
        let input = fftw_alloc_real(count)!, output = fftw_alloc_complex(m)!
        defer { fftw_free(input); fftw_free(output) }
        for i in 0..<count { input[i] = x[i] }
        fftw_execute_dft_r2c(plan, input, output)
        return (0..<m).map { (output[$0].0, output[$0].1) }
    }
}
