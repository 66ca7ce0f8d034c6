import Foundation

/// Implied volatility: the σ at which the Black (Black-Scholes-Merton or Black-76) price equals a
/// given price.
///
/// The solver follows the structure of Jäckel's "Let's Be Rational" (2015) without its rational
/// initial-guess interpolation: the price is reduced to the normalised out-of-the-money price
/// β = b(x, s) (an in-the-money price becomes its out-of-the-money counterpart by put-call parity,
/// so deep in-the-money inputs lose no precision to the intrinsic value), and s = σ√T is found by
/// third-order Householder iterations on a transformed objective — 1/ln b − 1/ln β below the
/// inflection point s_c = √(2|x|), where b is tiny and this map is nearly linear, and
/// ln(e^{x/2} − β) − ln(e^{x/2} − b) above it — from closed-form asymptotic initial guesses.
/// Every step is kept inside a bracket that shrinks with each evaluation (bisection otherwise),
/// so any price strictly inside the no-arbitrage bounds converges. Iteration stops once a step is
/// below 1e-7·s (third-order convergence leaves an error below rounding after it): about three
/// price evaluations per option on average over the benchmark's random inputs. Not implemented
/// from the paper: its rational-cubic initial guesses (which reach machine precision in two
/// iterations everywhere) and its asymptotic expansions for b in the extreme wings, so prices
/// whose normalised value is subnormal are rejected rather than solved.
public enum ImpliedVolatility {
    /// The implied volatility of `option` at `price`.
    ///
    /// Throws ``QuantError/Code/invalidArgument`` for an invalid option (see
    /// ``VanillaOption/validate()``) or a price outside the open no-arbitrage interval
    /// (D·max(θ(F − K), 0), D·F) for calls, (…, D·K) for puts — the message names the price and
    /// both bounds — or a time value (price minus lower bound) so small that, divided by
    /// D·√(FK), it is subnormal (below 2.2e-308) and carries no usable precision;
    /// ``QuantError/Code/noConvergence`` should never happen and would mean a bug.
    public static func solve(price: Double, option: VanillaOption) throws -> Double {
        try option.validate()
        return try unvalidatedSolve(price: price, option: option)
    }

    static func unvalidatedSolve(price: Double, option: VanillaOption) throws -> Double {
        let f = option.forward, k = option.strike, d = option.discount
        let theta = option.type.sign
        let intrinsic = d * max(theta * (f - k), 0)
        let upper = d * (option.type == .call ? f : k)
        guard price.isFinite, price > intrinsic, price < upper else {
            throw QuantError(.invalidArgument, "option price \(price) is outside the no-arbitrage bounds (\(intrinsic), \(upper)) "
                + "for a \(option.type.rawValue) with \(option.model == .black76 ? "forward" : "spot") \(option.underlying), "
                + "strike \(k), expiry \(option.expiry): no volatility reproduces it")
        }
        // The out-of-the-money counterpart: subtracting the intrinsic value is exact parity.
        let outOfTheMoney = price - intrinsic
        let x = -abs(log(f / k))
        let scale = d * (f * k).squareRoot()
        let beta = outOfTheMoney / scale
        guard beta >= .leastNormalMagnitude else {
            // The time value is so small that, normalised, it is subnormal (fewer than 53 bits)
            // or zero: no volatility can be resolved from it.
            throw QuantError(.invalidArgument, "option price \(price) exceeds its lower no-arbitrage bound \(intrinsic) by \(outOfTheMoney), "
                + "which normalised by D·√(FK) = \(scale) is below the smallest normal double: too small to resolve a volatility")
        }
        // The distance to the upper bound in price space, upper − price, is also the normalised
        // gap e^{x/2} − β times the scale (for the out-of-the-money counterpart too), and it is
        // exact where the price is close to the bound, while e^{x/2} − β would round to 0.
        let s = try normalisedVolatility(beta: beta, gap: (upper - price) / scale, x: x)
        return s / option.expiry.squareRoot()
    }

    /// Solves b(x, s) = β for s, with x ≤ 0, 0 < β and 0 < gap = e^{x/2} − β (given separately,
    /// computed without cancellation).
    static func normalisedVolatility(beta: Double, gap targetGap: Double, x: Double) throws -> Double {
        let bMax = exp(0.5 * x)
        guard beta > 0, targetGap > 0 else {
            throw QuantError(.invalidArgument, "normalised price \(beta) is outside (0, \(bMax)) at log-moneyness \(x)")
        }
        let sC = (2 * abs(x)).squareRoot()
        let lower = x < 0 && beta < NormalisedBlack.price(x, sC)
        var lo = lower ? 0 : sC
        var hi = lower ? sC : Double.infinity
        var s = lower ? lowerGuess(beta: beta, x: x, sC: sC) : upperGuess(gap: targetGap, x: x, sC: sC)
        if !(s > lo && s < hi) { s = hi.isFinite ? 0.5 * (lo + hi) : max(2 * lo, 1) }

        let logBeta = log(beta)
        let inverseLogBeta = 1 / logBeta
        let logGap = log(targetGap)
        let ePlus = bMax, eMinus = 1 / bMax
        let epsilon = Double.ulpOfOne
        for _ in 0..<100 {
            // Below s_c only b is needed, above it only e^{x/2} − b (from two positive terms):
            // one pair of erfc calls per iteration either way.
            let b = lower ? NormalisedBlack.price(x, s, ePlus, eMinus) : .nan
            let gap = lower ? .nan : NormalisedBlack.complement(x, s, ePlus, eMinus)
            let b1 = NormalisedBlack.vega(x, s)
            // Shrink the bracket: b is increasing in s (and the gap decreasing).
            if lower {
                if b > beta { hi = s } else if b < beta { lo = s } else { return s }
            } else {
                if gap < targetGap { hi = s } else if gap > targetGap { lo = s } else { return s }
            }
            let xs2 = x * x / (s * s)
            let r2 = xs2 / s - 0.25 * s                    // b''/b'
            let r3 = r2 * r2 - 3 * xs2 / (s * s) - 0.25    // b'''/b'
            // f = g(b(s)) − g(β); f' = g'b', f'' = g''b'² + g'b'', f''' = g'''b'³ + 3g''b'b'' + g'b'''.
            // The lower map is written with q = b'/b so that no power of a tiny b underflows.
            var value = Double.nan, f1 = Double.nan, f2 = Double.nan, f3 = Double.nan
            if lower {
                let logB = log(b)
                if b > 0, logB.isFinite, logB < 0 {
                    let q = b1 / b, l2 = logB * logB
                    value = 1 / logB - inverseLogBeta
                    f1 = -q / l2
                    f2 = (2 + logB) * q * q / (l2 * logB) - q * r2 / l2
                    f3 = -(2 * l2 + 6 * logB + 6) * q * q * q / (l2 * l2) + 3 * (2 + logB) * q * q * r2 / (l2 * logB) - q * r3 / l2
                }
            } else {
                if gap > 0 {
                    let q = b1 / gap
                    value = logGap - log(gap)
                    f1 = q
                    f2 = q * q + q * r2
                    f3 = 2 * q * q * q + 3 * q * q * r2 + q * r3
                }
            }
            var next = Double.nan
            if value.isFinite, f1.isFinite, f1 != 0 {
                let nu = -value / f1
                let gamma = f2 / f1, delta = f3 / f1
                let step = nu * (1 + 0.5 * gamma * nu) / (1 + nu * (gamma + delta * nu / 3))
                next = step.isFinite ? s + step : s + nu
                // Third-order convergence: once a step is below 1e-7·s the error after it is of
                // order (1e-7)³ relative, below rounding, so no further evaluation is needed.
                if abs(next - s) <= 1e-7 * s { return next > lo && next < hi ? next : s }
            }
            if !(next > lo && next < hi) {
                next = hi.isFinite ? 0.5 * (lo + hi) : 2 * s
            }
            if hi.isFinite, hi - lo <= 4 * epsilon * hi { return 0.5 * (lo + hi) }
            s = next
        }
        throw QuantError(.noConvergence, "implied volatility did not converge for normalised price \(beta) at log-moneyness \(x)")
    }

    /// Below the inflection point b ≈ s·exp(−(h² + t²)/2) / ((h² − t²)√(2π)) (the first terms of
    /// the Mills-ratio expansion); solving the exponent for s with the prefactor taken at the
    /// previous guess gives a start a few percent from the root.
    static func lowerGuess(beta: Double, x: Double, sC: Double) -> Double {
        let x2 = x * x
        var logTarget = -2 * log(beta)
        var s = sC
        for _ in 0..<2 {
            guard logTarget > abs(x) else { return 0.5 * sC }
            s = (2 * (logTarget - (logTarget * logTarget - x2).squareRoot())).squareRoot()
            let spread = x2 / (s * s) - 0.25 * s * s
            guard spread > 0, s < sC else { return min(s, 0.9 * sC) }
            let prefactor = s / (spread * 2.506_628_274_631_000_5)
            logTarget = -2 * (log(beta) - log(prefactor))
        }
        return s
    }

    /// Above the inflection point e^{x/2} − b ≈ (e^{x/2} + e^{−x/2})·Φ(−s/2), exact at the money.
    static func upperGuess(gap: Double, x: Double, sC: Double) -> Double {
        let s = -2 * StandardNormal.quantile(gap / (exp(0.5 * x) + exp(-0.5 * x)))
        return s.isFinite ? max(s, sC) : 2 * sC + 1
    }
}
