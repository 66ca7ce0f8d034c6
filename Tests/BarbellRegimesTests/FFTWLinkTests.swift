import CFFTW
import Testing

/// The FFTW shim links and transforms: the DFT of a unit impulse is all ones.
@Suite("FFTW shim")
struct FFTWLinkTests {
    @Test("a unit impulse transforms to a flat spectrum")
    func impulse() {
        let n: Int32 = 8
        let input = fftw_alloc_real(8)!, output = fftw_alloc_complex(5)!
        defer { fftw_free(input); fftw_free(output) }
        let plan = fftw_plan_dft_r2c_1d(n, input, output, UInt32(FFTW_ESTIMATE))
        defer { fftw_destroy_plan(plan) }
        for i in 0..<8 { input[i] = i == 0 ? 1 : 0 }
        fftw_execute(plan)
        for k in 0..<5 {
            #expect(output[k].0 == 1 && output[k].1 == 0)
        }
    }
}
