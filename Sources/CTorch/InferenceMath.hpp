// Fixed-width vectors and the gate nonlinearities of the inference kernels (InferenceLSTM.cpp).
//
// The vectors are 32 bytes (8 floats, 4 doubles): one AVX register where the CPU has AVX, two SSE
// registers otherwise. Everything here is always_inline so that it takes the instruction set of the
// function it is inlined into (the kernel is compiled once for AVX+FMA and once for the baseline).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

// -Wpsabi warns that 32-byte vectors are passed differently with and without AVX. These functions
// are always inlined within the one file that includes this private header, so no call ever crosses
// that ABI; the pragma deliberately stays on for the including file.
#pragma clang diagnostic ignored "-Wpsabi"

namespace ctorch::inference {

typedef float f8 __attribute__((vector_size(32)));
typedef double d4 __attribute__((vector_size(32)));
typedef int32_t i8 __attribute__((vector_size(32)));

#define CTORCH_INLINE inline __attribute__((always_inline))

template <class T> struct Vec;
template <> struct Vec<float> {
    using type = f8;
    static constexpr int64_t width = 8;
};
template <> struct Vec<double> {
    using type = d4;
    static constexpr int64_t width = 4;
};

/// Unaligned load and store (the buffers are std::vectors and tensor data).
template <class V, class T> CTORCH_INLINE V load(const T *p) {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <class V, class T> CTORCH_INLINE void store(T *p, V v) { std::memcpy(p, &v, sizeof v); }

/// e^x for 8 floats: Cephes' expf (range reduction by ln 2, degree-6 polynomial, ≈1 ulp on the
/// clamped range). glibc's scalar expf/tanhf would cost more than the whole mat-vec per step.
CTORCH_INLINE f8 exp8(f8 x) {
    const f8 hi = f8{} + 88.3762626647949f, lo = f8{} - 88.3762626647949f;
    x = __builtin_elementwise_min(__builtin_elementwise_max(x, lo), hi);
    // Round x·log2(e) to the nearest integer with the 1.5·2^23 trick (no AVX2 integer rounding needed).
    const f8 magic = f8{} + 12582912.0f;
    const f8 n = (x * 1.44269504088896341f + magic) - magic;
    const f8 r = x - n * 0.693359375f + n * 2.12194440e-4f;
    f8 p = f8{} + 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const f8 y = p * (r * r) + r + 1.0f;
    const i8 bits = (__builtin_convertvector(n, i8) + 127) << 23;
    f8 scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return y * scale;
}

CTORCH_INLINE f8 sigmoid(f8 x) { return 1.0f / (1.0f + exp8(-x)); }
/// tanh x = 1 − 2 / (1 + e^{2x}): exact at 0 and saturating to ±1; absolute error ≈ 1e-7 near 0.
CTORCH_INLINE f8 tanh(f8 x) { return 1.0f - 2.0f / (1.0f + exp8(x + x)); }

/// float64 keeps libm's exp and tanh lane by lane, so it matches libtorch to ~1e-15.
CTORCH_INLINE d4 sigmoid(d4 x) {
    d4 y;
    for (int i = 0; i < 4; ++i) y[i] = 1.0 / (1.0 + std::exp(-x[i]));
    return y;
}
CTORCH_INLINE d4 tanh(d4 x) {
    d4 y;
    for (int i = 0; i < 4; ++i) y[i] = std::tanh(x[i]);
    return y;
}

}  // namespace ctorch::inference
