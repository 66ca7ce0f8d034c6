// Seeded generators, parameter initialisation and dropout.
// Every random draw takes an explicit generator: the global default generator
// is never used, so results depend only on the caller's seed and call order.
#include "NNShim.hpp"

#include <ATen/CPUGeneratorImpl.h>

extern "C" int32_t ctorch_generator_create(uint64_t seed, ctorch_generator **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        *out = new ctorch_generator{at::make_generator<at::CPUGeneratorImpl>(seed)};
    });
}

extern "C" void ctorch_generator_free(ctorch_generator *generator) {
    delete generator;
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
