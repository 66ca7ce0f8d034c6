// Reductions (over one dim or everything), max/min with indices, softmax-like ops along a dim.
#include "OpsShim.hpp"

#include <tuple>

namespace {

/// Reduces over every element.
at::Tensor reduce_all(const at::Tensor &x, int32_t op) {
    switch (op) {
    case CTORCH_REDUCE_SUM: return at::sum(x);
    case CTORCH_REDUCE_MEAN: return at::mean(x);
    case CTORCH_REDUCE_MAX: return at::amax(x, at::IntArrayRef{});
    case CTORCH_REDUCE_MIN: return at::amin(x, at::IntArrayRef{});
    case CTORCH_REDUCE_ARGMAX: return at::argmax(x);
    case CTORCH_REDUCE_ARGMIN: return at::argmin(x);
    case CTORCH_REDUCE_LOGSUMEXP: return at::logsumexp(x.reshape({-1}), {0});
    case CTORCH_REDUCE_VAR_UNBIASED: return at::var(x, true);
    case CTORCH_REDUCE_VAR_BIASED: return at::var(x, false);
    case CTORCH_REDUCE_STD_UNBIASED: return at::std(x, true);
    case CTORCH_REDUCE_STD_BIASED: return at::std(x, false);
    default: throw ctorch::InvalidArgument(ctorch::op_error("reduce", op));
    }
}

/// Reduces over `dim` only.
at::Tensor reduce_dim(const at::Tensor &x, int32_t op, int64_t dim, bool keepdim) {
    switch (op) {
    case CTORCH_REDUCE_SUM: return at::sum(x, {dim}, keepdim);
    case CTORCH_REDUCE_MEAN: return at::mean(x, {dim}, keepdim);
    case CTORCH_REDUCE_MAX: return at::amax(x, {dim}, keepdim);
    case CTORCH_REDUCE_MIN: return at::amin(x, {dim}, keepdim);
    case CTORCH_REDUCE_ARGMAX: return at::argmax(x, dim, keepdim);
    case CTORCH_REDUCE_ARGMIN: return at::argmin(x, dim, keepdim);
    case CTORCH_REDUCE_LOGSUMEXP: return at::logsumexp(x, {dim}, keepdim);
    case CTORCH_REDUCE_VAR_UNBIASED: return at::var(x, {dim}, true, keepdim);
    case CTORCH_REDUCE_VAR_BIASED: return at::var(x, {dim}, false, keepdim);
    case CTORCH_REDUCE_STD_UNBIASED: return at::std(x, {dim}, true, keepdim);
    case CTORCH_REDUCE_STD_BIASED: return at::std(x, {dim}, false, keepdim);
    default: throw ctorch::InvalidArgument(ctorch::op_error("reduce", op));
    }
}

}  // namespace

extern "C" int32_t ctorch_tensor_reduce(const ctorch_tensor *tensor, int32_t op, bool has_dim,
                                        int64_t dim, bool keepdim, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        if (has_dim) return reduce_dim(x, op, dim, keepdim);
        at::Tensor all = reduce_all(x, op);
        // Keeping dims of a full reduction means one size-1 extent per input dim.
        return keepdim ? all.reshape(std::vector<int64_t>(x.dim(), 1)) : all;
    });
}

extern "C" int32_t ctorch_tensor_extreme_with_indices(const ctorch_tensor *tensor, bool is_min,
                                                      int64_t dim, bool keepdim,
                                                      ctorch_tensor **values,
                                                      ctorch_tensor **indices) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(values, "values");
        ctorch::require(indices, "indices");
        at::Tensor v, i;
        std::tie(v, i) = is_min ? at::min(tensor->value, dim, keepdim) : at::max(tensor->value, dim, keepdim);
        // Wrap both before publishing either, so a failure leaks nothing.
        ctorch_tensor *value_handle = ctorch::wrap(std::move(v));
        try {
            *indices = ctorch::wrap(std::move(i));
        } catch (...) {
            ctorch_tensor_free(value_handle);
            throw;
        }
        *values = value_handle;
    });
}

extern "C" int32_t ctorch_tensor_along_dim(const ctorch_tensor *tensor, int32_t op, int64_t dim,
                                           ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        switch (op) {
        case CTORCH_ALONG_SOFTMAX: return at::softmax(x, dim);
        case CTORCH_ALONG_LOG_SOFTMAX: return at::log_softmax(x, dim);
        case CTORCH_ALONG_CUMSUM: return at::cumsum(x, dim);
        default: throw ctorch::InvalidArgument(ctorch::op_error("along-dim", op));
        }
    });
}
