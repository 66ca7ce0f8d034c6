// Seeded generators, parameter initialisation and dropout.
// Every random draw takes an explicit generator: the global default generator
// is never used, so results depend only on the caller's seed and call order.
#include "NNShim.hpp"

#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

extern "C" int32_t ctorch_generator_create(uint64_t seed, ctorch_generator **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        *out = new ctorch_generator{at::make_generator<at::CPUGeneratorImpl>(seed)};
    });
}

extern "C" void ctorch_generator_free(ctorch_generator *generator) {
    delete generator;
}

extern "C" int32_t ctorch_generator_get_state(ctorch_generator *generator, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(generator, "generator");
        ctorch::require(out, "out");
        std::lock_guard<std::mutex> lock(generator->value.mutex());
        // Widened to int64: the Swift tensor has no uint8 dtype, and a checkpoint then stores
        // the bytes in a dtype every reader knows.
        *out = ctorch::wrap(generator->value.get_state().to(at::kLong));
    });
}

extern "C" int32_t ctorch_generator_set_state(ctorch_generator *generator, const ctorch_tensor *state) {
    return ctorch::guarded([&] {
        ctorch::require(generator, "generator");
        ctorch::require(state, "state");
        std::lock_guard<std::mutex> lock(generator->value.mutex());
        // Any numeric dtype (a state dict file brings integers back as float64) holding whole
        // numbers 0...255, one dimension.
        const at::Tensor wide = state->value.to(at::kDouble);
        TORCH_CHECK(wide.dim() == 1, "a generator state is a 1-D tensor, got shape ", wide.sizes());
        TORCH_CHECK(wide.numel() == 0 || (wide.eq(wide.round()).all().item<bool>() && wide.min().item<double>() >= 0 &&
                                          wide.max().item<double>() <= 255),
                    "a generator state holds whole numbers 0...255");
        // set_state checks the size before touching the engine.
        generator->value.set_state(wide.to(at::kByte));
    });
}

namespace {

at::Tensor empty(const int64_t *shape, int64_t ndim, int32_t dtype) {
    return at::empty(ctorch::extents(shape, ndim), at::TensorOptions().dtype(ctorch::scalar_type(dtype)));
}

}  // namespace

extern "C" int32_t ctorch_nn_uniform(const int64_t *shape, int64_t ndim, int32_t dtype, double low,
                                     double high, ctorch_generator *generator, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(generator, "generator");
        ctorch::require(out, "out");
        at::Tensor tensor = empty(shape, ndim, dtype);
        tensor.uniform_(low, high, generator->value);
        *out = ctorch::wrap(std::move(tensor));
    });
}

extern "C" int32_t ctorch_nn_normal(const int64_t *shape, int64_t ndim, int32_t dtype, double mean,
                                    double std, ctorch_generator *generator, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(generator, "generator");
        ctorch::require(out, "out");
        at::Tensor tensor = empty(shape, ndim, dtype);
        tensor.normal_(mean, std, generator->value);
        *out = ctorch::wrap(std::move(tensor));
    });
}

extern "C" int32_t ctorch_nn_full(const int64_t *shape, int64_t ndim, int32_t dtype, double value,
                                  ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        at::Tensor tensor = empty(shape, ndim, dtype);
        tensor.fill_(value);
        *out = ctorch::wrap(std::move(tensor));
    });
}

extern "C" int32_t ctorch_nn_parameter(const ctorch_tensor *source, int32_t dtype, bool requires_grad,
                                       ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(source, "source");
        ctorch::require(out, "out");
        // copy=true: the parameter never shares storage with the caller's tensor.
        at::Tensor tensor = source->value.detach().to(ctorch::scalar_type(dtype), false, true);
        tensor.set_requires_grad(requires_grad);
        *out = ctorch::wrap(std::move(tensor));
    });
}

extern "C" int32_t ctorch_nn_dropout(const ctorch_tensor *input, double p, ctorch_generator *generator,
                                     ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(generator, "generator");
        ctorch::require(out, "out");
        *out = ctorch::wrap(ctorch::seeded_dropout(input->value, p, generator->value));
    });
}
