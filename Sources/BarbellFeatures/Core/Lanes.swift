#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Two-lane helpers shared by the kernels that run two bars (or an x and a y series) as the
/// lanes of a `SIMD2<Double>`. Swift's mask operators (`.|`, `any`) compile to branches here, so
/// the tests use one `movmskpd` on x86-64.
enum Lanes {
    /// Two consecutive doubles at `p` (any alignment).
    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
    }

    /// Writes `v` to the two doubles at `p` (any alignment).
    @inline(__always)
    static func store(_ v: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
    }

    /// `|v|` lane by lane: the sign bits cleared, exactly what scalar `abs` does.
    @inline(__always)
    static func magnitude(_ v: SIMD2<Double>) -> SIMD2<Double> {
        unsafeBitCast(unsafeBitCast(v, to: SIMD2<UInt64>.self) & SIMD2(repeating: 0x7FFF_FFFF_FFFF_FFFF), to: SIMD2<Double>.self)
    }

    /// `√v` lane by lane, correctly rounded (so the same bits as scalar `squareRoot()`), as one
    /// `sqrtpd`: `SIMD2.squareRoot()` compiles to two scalar roots with libm fallbacks here.
    @inline(__always)
    static func squareRoot(_ v: SIMD2<Double>) -> SIMD2<Double> {
        #if arch(x86_64)
        return _mm_sqrt_pd(v)
        #else
        return v.squareRoot()
        #endif
    }

    /// `any(a .> b)`.
    @inline(__always)
    static func anyGreater(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Bool {
        #if arch(x86_64)
        return _mm_movemask_pd(_mm_cmpgt_pd(a, b)) != 0
        #else
        return any(a .> b)
        #endif
    }

    /// `any(a .> b .| c .> d)`.
    @inline(__always)
    static func anyGreater(_ a: SIMD2<Double>, _ b: SIMD2<Double>, or c: SIMD2<Double>, _ d: SIMD2<Double>) -> Bool {
        #if arch(x86_64)
        return _mm_movemask_pd(_mm_or_pd(_mm_cmpgt_pd(a, b), _mm_cmpgt_pd(c, d))) != 0
        #else
        return any((a .> b) .| (c .> d))
        #endif
    }
}
