// Shape ops (reshape, expand, permute, squeeze, cat/stack, narrow, index_select) and bmm / t.
// Results may be views of their input; since no API mutates tensor data, sharing
// storage is unobservable from Swift (autograd tracks views correctly).
#include "OpsShim.hpp"

extern "C" int32_t ctorch_tensor_reshape(const ctorch_tensor *tensor, const int64_t *shape,
                                         int64_t ndim, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        return x.reshape(ctorch::extents(shape, ndim, "shape"));
    });
}

extern "C" int32_t ctorch_tensor_expand(const ctorch_tensor *tensor, const int64_t *shape,
                                        int64_t ndim, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        return x.expand(ctorch::extents(shape, ndim, "shape"));
    });
}

extern "C" int32_t ctorch_tensor_permute(const ctorch_tensor *tensor, const int64_t *dims,
                                         int64_t ndim, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        return x.permute(ctorch::extents(dims, ndim, "dims"));
    });
}

extern "C" int32_t ctorch_tensor_transpose(const ctorch_tensor *tensor, int64_t dim0, int64_t dim1,
                                           ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) { return x.transpose(dim0, dim1); });
}

extern "C" int32_t ctorch_tensor_squeeze(const ctorch_tensor *tensor, bool has_dim, int64_t dim,
                                         ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        return has_dim ? x.squeeze(dim) : x.squeeze();
    });
}

extern "C" int32_t ctorch_tensor_unsqueeze(const ctorch_tensor *tensor, int64_t dim,
                                           ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) { return x.unsqueeze(dim); });
}

extern "C" int32_t ctorch_tensor_cat(const ctorch_tensor *const *tensors, int64_t count, int64_t dim,
                                     bool stack, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        if (count < 1) throw ctorch::InvalidArgument("cat/stack needs at least one tensor");
        ctorch::require(tensors, "tensors");
        std::vector<at::Tensor> parts;
        parts.reserve(static_cast<size_t>(count));
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(tensors[i], "tensors[i]");
            parts.push_back(tensors[i]->value);
        }
        *out = ctorch::wrap(stack ? at::stack(parts, dim) : at::cat(parts, dim));
    });
}

extern "C" int32_t ctorch_tensor_narrow(const ctorch_tensor *tensor, int64_t dim, int64_t start,
                                        int64_t length, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) { return x.narrow(dim, start, length); });
}

extern "C" int32_t ctorch_tensor_index_select(const ctorch_tensor *tensor, int64_t dim,
                                              const ctorch_tensor *index, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(index, "index");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::index_select(tensor->value, dim, index->value));
    });
}

extern "C" int32_t ctorch_tensor_contiguous(const ctorch_tensor *tensor, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [](const at::Tensor &x) { return x.contiguous(); });
}

extern "C" int32_t ctorch_tensor_is_contiguous(const ctorch_tensor *tensor, bool *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = tensor->value.is_contiguous();
    });
}

extern "C" int32_t ctorch_tensor_bmm(const ctorch_tensor *lhs, const ctorch_tensor *rhs,
                                     ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(lhs, "lhs");
        ctorch::require(rhs, "rhs");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::bmm(lhs->value, rhs->value));
    });
}

extern "C" int32_t ctorch_tensor_t(const ctorch_tensor *tensor, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [](const at::Tensor &x) { return x.t(); });
}
