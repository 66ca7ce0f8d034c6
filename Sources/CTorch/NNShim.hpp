// Private helpers shared by the neural-network layer files (NN*.cpp).
#pragma once

#include "Shim.hpp"

#include <ATen/core/Generator.h>

#include <string>
#include <vector>

/// The opaque generator handle: owns one explicitly seeded CPU at::Generator.
struct ctorch_generator {
    at::Generator value;
};

namespace ctorch {

/// The tensor behind an optional handle: undefined when `tensor` is NULL,
/// which ATen's functional calls read as "absent" (for example, no bias).
inline at::Tensor optional_tensor(const ctorch_tensor *tensor) {
    return tensor == nullptr ? at::Tensor() : tensor->value;
}

/// Copies `ndim` extents into a vector, rejecting negative extents.
inline std::vector<int64_t> extents(const int64_t *shape, int64_t ndim) {
    if (ndim < 0) throw InvalidArgument("ndim must be >= 0");
    if (ndim > 0) require(shape, "shape");
    std::vector<int64_t> sizes(shape, shape + ndim);
    for (int64_t extent : sizes) {
        if (extent < 0) throw InvalidArgument("shape extents must be >= 0");
    }
    return sizes;
}

/// Inverted dropout with a Bernoulli mask drawn from `generator`; the mask is
/// an autograd constant, so gradients flow only through `x`.
inline at::Tensor seeded_dropout(const at::Tensor &x, double p, at::Generator &generator) {
    if (!(p >= 0.0 && p <= 1.0)) {
        throw InvalidArgument("dropout probability must be in [0, 1], got " + std::to_string(p));
    }
    if (p == 0.0) return x.clone();
    if (p == 1.0) return x * at::zeros_like(x);  // keeps the graph, like torch
    at::Tensor mask = at::empty_like(x, at::MemoryFormat::Contiguous).bernoulli_(1.0 - p, generator);
    return x * mask.div_(1.0 - p);
}

}  // namespace ctorch
