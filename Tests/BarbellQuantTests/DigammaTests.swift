import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `digamma.py` (scipy.special.digamma and mpmath).
    static let digamma = load("digamma.json")
}

@Suite("Digamma function")
struct DigammaTests {
    // Against mpmath at 50 digits: 2 ulps of max(|ψ|, 1) (observed: within 1) — the recurrence
    // adds up to ten rounded reciprocals and a rounded log before the (compensated) sum, and near
    // the root x₀ ≈ 1.4616 only absolute accuracy is possible. Against scipy (a few ulps itself): 4.
    @Test("ψ(x) matches mpmath (50 digits) and scipy.special.digamma")
    func againstReferences() {
        let f = QuantFixture.digamma
        let x = f.vector("digamma", "x"), scipy = f.vector("digamma", "psi"), mp = f.vector("digamma", "mp_psi")
        #expect(x.count == 27 && scipy.count == x.count && mp.count == x.count)
        for i in x.indices {
            let ours = SpecialFunctions.digamma(x[i])
            let ulp = Double.ulpOfOne * max(abs(mp[i]), 1)
            #expect(abs(ours - mp[i]) <= 2 * ulp, "x = \(x[i]): \(ours) vs mpmath \(mp[i])")
            #expect(abs(ours - scipy[i]) <= 4 * ulp, "x = \(x[i]): \(ours) vs scipy \(scipy[i])")
        }
    }

    // Closed forms to 4 ulps of max(|ψ|, 1) (the constants are rounded too); the recurrence
    // compares two values each within that, so 8.
    @Test("closed forms: ψ(1) = −γ, ψ(½) = −γ − 2 log 2, recurrence ψ(x + 1) = ψ(x) + 1/x; NaN outside x > 0")
    func identities() {
        func ulps(_ v: Double) -> Double { Double.ulpOfOne * max(abs(v), 1) }
        let euler = 0.57721566490153286
        #expect(abs(SpecialFunctions.digamma(1) + euler) <= 4 * ulps(euler))
        let half = -euler - 2 * log(2.0)
        #expect(abs(SpecialFunctions.digamma(0.5) - half) <= 4 * ulps(half))
        for x in [0.3, 2.7, 9.5, 14.2, 60.0] {
            let next = SpecialFunctions.digamma(x + 1)
            #expect(abs(next - SpecialFunctions.digamma(x) - 1 / x) <= 8 * ulps(next), "x = \(x)")
        }
        #expect(SpecialFunctions.digamma(0).isNaN && SpecialFunctions.digamma(-2.5).isNaN && SpecialFunctions.digamma(.nan).isNaN)
        #expect(SpecialFunctions.digamma(.infinity) == .infinity)
    }
}
