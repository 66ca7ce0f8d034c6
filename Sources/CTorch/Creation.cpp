// Dtype conversion and tensor factories (constant, range, seeded random).
#include "OpsShim.hpp"

#include <ATen/CPUGeneratorImpl.h>


extern "C" int32_t ctorch_tensor_to_dtype(const ctorch_tensor *tensor, int32_t dtype,
                                          ctorch_tensor **out) {
    return ctorch::guarded([&] {
        const at::ScalarType type = ctorch::scalar_type(dtype);
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = ctorch::wrap(tensor->value.to(type));
    });
}

extern "C" int32_t ctorch_tensor_full(const int64_t *shape, int64_t ndim, double value,
                                      int32_t dtype, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        const auto sizes = ctorch::extents(shape, ndim, "shape");
        const at::ScalarType type = ctorch::scalar_type(dtype);
        *out = ctorch::wrap(at::full(sizes, value, at::TensorOptions().dtype(type)));
    });
}

extern "C" int32_t ctorch_tensor_arange(double start, double end, double step, int32_t dtype,
                                        ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        const at::ScalarType type = ctorch::scalar_type(dtype);
        *out = ctorch::wrap(at::arange(start, end, step, at::TensorOptions().dtype(type)));
    });
}

extern "C" int32_t ctorch_tensor_random(int32_t distribution, const int64_t *shape, int64_t ndim,
                                        uint64_t seed, int32_t dtype, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        const auto sizes = ctorch::extents(shape, ndim, "shape");
        const auto options = at::TensorOptions().dtype(ctorch::scalar_type(dtype));
        // A private generator per call: results depend on `seed` only, never on
        // what other calls (or other threads) drew before.
        at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
        // No lock here: the sampling kernels take the generator's mutex themselves
        // (it is not recursive), and this generator is never shared anyway.
        switch (distribution) {
        case CTORCH_RANDOM_NORMAL: *out = ctorch::wrap(at::randn(sizes, generator, options)); break;
        case CTORCH_RANDOM_UNIFORM: *out = ctorch::wrap(at::rand(sizes, generator, options)); break;
        default: throw ctorch::InvalidArgument(ctorch::op_error("random", distribution));
        }
    });
}
