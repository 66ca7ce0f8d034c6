// Private helpers shared by the neural-network layer files (NN*.cpp).
#pragma once

#include "Shim.hpp"

#include <ATen/core/Generator.h>

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

}  // namespace ctorch
