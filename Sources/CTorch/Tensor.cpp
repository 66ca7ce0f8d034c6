// Tensor creation, metadata queries, and copying data back to the host.
#include "Shim.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

at::ScalarType ctorch::scalar_type(int32_t dtype) {
    switch (dtype) {
    case CTORCH_DTYPE_FLOAT32: return at::kFloat;
    case CTORCH_DTYPE_FLOAT64: return at::kDouble;
    case CTORCH_DTYPE_INT64: return at::kLong;
    case CTORCH_DTYPE_BOOL: return at::kBool;
    default: throw InvalidArgument("unsupported dtype code " + std::to_string(dtype));
    }
}

int32_t ctorch::dtype_code(at::ScalarType type) {
    switch (type) {
    case at::kFloat: return CTORCH_DTYPE_FLOAT32;
    case at::kDouble: return CTORCH_DTYPE_FLOAT64;
    case at::kLong: return CTORCH_DTYPE_INT64;
    case at::kBool: return CTORCH_DTYPE_BOOL;
    default: throw InvalidArgument(std::string("unsupported tensor dtype ") + c10::toString(type));
    }
}

extern "C" int32_t ctorch_tensor_from_data(const void *data, int64_t count, int32_t dtype,
                                           const int64_t *shape, int64_t ndim,
                                           ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        if (ndim < 0) throw ctorch::InvalidArgument("ndim must be >= 0");
        if (ndim > 0) ctorch::require(shape, "shape");
        if (count < 0) throw ctorch::InvalidArgument("count must be >= 0");
        if (count > 0) ctorch::require(data, "data");
        const at::ScalarType type = ctorch::scalar_type(dtype);

        std::vector<int64_t> sizes(shape, shape + ndim);
        int64_t expected = 1;
        for (int64_t extent : sizes) {
            if (extent < 0) throw ctorch::InvalidArgument("shape extents must be >= 0");
            if (extent != 0 && expected > std::numeric_limits<int64_t>::max() / extent) {
                throw ctorch::InvalidArgument("shape element count overflows int64");
            }
            expected *= extent;
        }
        if (expected != count) {
            throw ctorch::InvalidArgument("shape holds " + std::to_string(expected) +
                                          " elements but " + std::to_string(count) +
                                          " values were given");
        }

        at::Tensor tensor = at::empty(sizes, at::TensorOptions().dtype(type));
        if (count > 0) {
            std::memcpy(tensor.data_ptr(), data, static_cast<size_t>(count) * tensor.element_size());
        }
        *out = ctorch::wrap(std::move(tensor));
    });
}

extern "C" void ctorch_tensor_free(ctorch_tensor *tensor) {
    delete tensor;  // at::Tensor's destructor does not throw.
}

extern "C" int32_t ctorch_tensor_ndim(const ctorch_tensor *tensor, int64_t *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = tensor->value.dim();
    });
}

extern "C" int32_t ctorch_tensor_shape(const ctorch_tensor *tensor, int64_t *out_shape,
                                       int64_t capacity) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        const at::IntArrayRef sizes = tensor->value.sizes();
        const auto ndim = static_cast<int64_t>(sizes.size());
        if (capacity < ndim) {
            throw ctorch::InvalidArgument("shape buffer holds " + std::to_string(capacity) +
                                          " extents but the tensor has " + std::to_string(ndim));
        }
        if (ndim > 0) ctorch::require(out_shape, "out_shape");
        std::copy(sizes.begin(), sizes.end(), out_shape);
    });
}

extern "C" int32_t ctorch_tensor_dtype(const ctorch_tensor *tensor, int32_t *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = ctorch::dtype_code(tensor->value.scalar_type());
    });
}

extern "C" int32_t ctorch_tensor_numel(const ctorch_tensor *tensor, int64_t *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = tensor->value.numel();
    });
}

extern "C" int32_t ctorch_tensor_copy_data(const ctorch_tensor *tensor, void *out, int64_t count,
                                           int32_t dtype) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        const at::ScalarType type = ctorch::scalar_type(dtype);
        const int64_t numel = tensor->value.numel();
        if (count != numel) {
            throw ctorch::InvalidArgument("buffer holds " + std::to_string(count) +
                                          " elements but the tensor has " + std::to_string(numel));
        }
        if (numel == 0) return;
        ctorch::require(out, "out");
        // detach(): reading must not extend the autograd graph.
        const at::Tensor host = tensor->value.detach().to(at::kCPU, type).contiguous();
        std::memcpy(out, host.data_ptr(), static_cast<size_t>(numel) * host.element_size());
    });
}
