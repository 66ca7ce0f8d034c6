/// `e^x` lane by lane for `x ≤ 0` (the shifted log densities of the scaled forward recursion).
///
/// Four exponentials in one pass instead of four libm calls, by Tang's table method:
/// `x = (64 n + j) ln 2 / 64 + r` with `|r| ≤ ln 2 / 128`, so `e^x = 2^n · 2^(j/64) · e^r`, the
/// 64 values `2^(j/64)` from a table of correctly rounded constants and `e^r − 1` from its
/// degree-5 Taylor polynomial (truncation below 4e-17 on that interval). The result is within
/// 1 ulp of libm's (`HMMLanesTests` sweeps the domain). Lanes below −708 (including the −∞ of
/// padding states) return `e^−708` ≈ 3e-308 where libm would return a subnormal or 0: such a
/// state's weight stays below 1e-307 of the state the recursion normalises against (and padding
/// states meet only zero transition entries), while the recursion never has to handle an
/// infinity or a subnormal from here.
@inline(__always)
func laneExp(_ x: StateLanes) -> StateLanes {
    let low = -708.0
    let xc = x.replacing(with: low, where: x .< low)
    // Round 64 x / ln 2 to the nearest integer m with the 1.5·2^52 trick: adding it pushes the
    // fraction out of the mantissa, so its low bits hold m and subtracting it back gives m exactly.
    let shifter = 6_755_399_441_055_744.0
    let t = xc * 92.332_482_616_893_66 + shifter
    let m = t - shifter
    // Cody-Waite: ln 2 / 64 split in a 21-bit head (m · head is exact for these m) and a tail.
    let r = (xc - m * 0.010_830_417_275_428_772) - m * 7.420_820_373_486_988e-9
    let r2 = r * r
    // e^r − 1, so that the table entry T is added to the small T (e^r − 1) last (one rounding
    // on a term of size T rather than on the product T · e^r).
    let c23: StateLanes = 0.5 + r * (1.0 / 6)
    let c45: StateLanes = 1.0 / 24 + r * (1.0 / 120)
    let pm1: StateLanes = r + r2 * (c23 + r2 * c45)
    let bits = unsafeBitCast(unsafeBitCast(t, to: SIMD4<UInt64>.self) &- shifter.bitPattern, to: SIMD4<Int64>.self)
    let j = bits & 63
    let exponent: SIMD4<Int64> = ((bits &>> 6) &+ 1023) &<< 52
    let scale = unsafeBitCast(exponent, to: StateLanes.self)
    let table = laneExpTable.withUnsafeBufferPointer { tb in
        StateLanes(tb[Int(j[0])], tb[Int(j[1])], tb[Int(j[2])], tb[Int(j[3])])
    }
    return (table + table * pm1) * scale
}

/// `2^(j/64)` for j = 0…63, correctly rounded (written out rather than computed so the table is
/// static data, with no lazy initialisation on the hot path, and the same on every machine;
/// generated with mpmath at 60 digits and equal to glibc's `exp2` for every entry).
let laneExpTable: [Double] = [
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0
]
