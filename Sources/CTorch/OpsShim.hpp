// Private helpers for the tensor-ops entry points (CTorchTensorOps.h).
#pragma once

#include "Shim.hpp"

#include <string>
#include <vector>

namespace ctorch {

/// Copies a C extent array into a vector, rejecting a NULL array with ndim > 0.
inline std::vector<int64_t> extents(const int64_t *shape, int64_t ndim, const char *name) {
    if (ndim < 0) throw InvalidArgument(std::string(name) + " length must be >= 0");
    if (ndim > 0) require(shape, name);
    return std::vector<int64_t>(shape, shape + ndim);
}

/// Runs `make` for one input tensor and one output handle, checking both pointers.
template <class Make>
int32_t unary_entry(const ctorch_tensor *tensor, ctorch_tensor **out, Make make) {
    return guarded([&] {
        require(tensor, "tensor");
        require(out, "out");
        *out = wrap(make(tensor->value));
    });
}

inline std::string op_error(const char *family, int32_t op) {
    return std::string("unknown ") + family + " op code " + std::to_string(op);
}

}  // namespace ctorch
