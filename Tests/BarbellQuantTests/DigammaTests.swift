import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `digamma.py` (scipy.special.digamma and mpmath).
    static let digamma = load("digamma.json")
}

@Suite("Digamma function")
struct DigammaTests {
    // Against mpmath at 50 digits: 4 ulps of max(|ψ|, 1) — the recurrence adds up to ten
    // rounded reciprocals before the series, and near the root x₀ ≈ 1.4616 only absolute
    // accuracy is possible. Against scipy (Cephes, a few ulps itself): twice that.
    @Test("ψ(x) matches mpmath (50 digits) and scipy.special.digamma")
    func againstReferences() {
        let f = QuantFixture.digamma
        let x = f.vector("digamma", "x"), scipy = f.vector("digamma", "psi"), mp = f.vector("digamma", "mp_psi")
        #expect(x.count == 27 && scipy.count == x.count && mp.count == x.count)
        for i in x.indices {
            let ours = SpecialFunctions.digamma(x[i])
            let ulp = Double.ulpOfOne * max(abs(mp[i]), 1)
            #expect(abs(ours - mp[i]) <= 4 * ulp, "x = \(x[i]): \(ours) vs mpmath \(mp[i])")
            #expect(abs(ours - scipy[i]) <= 8 * ulp, "x = \(x[i]): \(ours) vs scipy \(scipy[i])")
        }
    }

    @Test("closed forms: ψ(1) = −γ, ψ(½) = −γ − 2 log 2, recurrence ψ(x + 1) = ψ(x) + 1/x; NaN outside x > 0")
    func identities() {
        let euler = 0.57721566490153286
        #expect(abs(SpecialFunctions.digamma(1) + euler) <= 2e-16)
        #expect(abs(SpecialFunctions.digamma(0.5) + euler + 2 * log(2.0)) <= 4e-16)
        for x in [0.3, 2.7, 9.5, 14.2, 60.0] {
            #expect(abs(SpecialFunctions.digamma(x + 1) - SpecialFunctions.digamma(x) - 1 / x) <= 4e-16 * max(abs(SpecialFunctions.digamma(x + 1)), 1))
        }
        #expect(SpecialFunctions.digamma(0).isNaN && SpecialFunctions.digamma(-2.5).isNaN && SpecialFunctions.digamma(.nan).isNaN)
        #expect(SpecialFunctions.digamma(.infinity) == .infinity)
    }
}
