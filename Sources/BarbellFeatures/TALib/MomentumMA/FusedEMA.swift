/// The EMA step and stream the fused MomentumMA kernels (MACD, MACDFIX, TRIX, APO/PPO with an
/// EMA) share between their batch loops and streams. They are the overlap family's
/// ``EMA/step(_:_:a:k:)`` and ``EMA/Stream``, `ema = a * ema + k * x` with `a = 1 - k`, so an EMA
/// inside MACD rounds exactly like `EMA` itself (see EMA.swift for why that form).
enum FusedEMA {
    @inline(__always)
    static func step(_ ema: Double, _ x: Double, a: Double, k: Double) -> Double {
        EMA.step(ema, x, a: a, k: k)
    }

    typealias Stream = EMA.Stream
}
