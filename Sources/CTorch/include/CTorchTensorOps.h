/*
 * CTorchTensorOps: the tensor operation surface used by the models
 * (dtypes, creation, element-wise, reductions, shape, matrix, grad mode,
 * devices, threads). Same rules as CTorch.h: opaque handles, out-of-place
 * ops, a status code from every fallible call, the message in
 * ctorch_last_error(). Ops are grouped under an op code per family so the
 * C surface stays small while Swift exposes one method per operation.
 */
#ifndef CTORCH_TENSOR_OPS_H
#define CTORCH_TENSOR_OPS_H

#include "CTorch.h" /* ctorch_tensor; safe both ways thanks to the include guards */

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* More element types (CTORCH_DTYPE_FLOAT32 = 0 and FLOAT64 = 1 are in CTorch.h). */
#define CTORCH_DTYPE_INT64 2
/** One byte per element, 0 or 1 (the layout of C `bool` and Swift `Bool`). */
#define CTORCH_DTYPE_BOOL 3

/* Device types. */
#define CTORCH_DEVICE_CPU 0
#define CTORCH_DEVICE_CUDA 1

/* ---- Creation and conversion ------------------------------------------ */

/** Converts to `dtype` (a copy unless the dtype already matches; differentiable between float dtypes). */
int32_t ctorch_tensor_to_dtype(const ctorch_tensor *tensor, int32_t dtype, ctorch_tensor **out);

/** A CPU tensor of `shape` filled with `value` converted to `dtype`. */
int32_t ctorch_tensor_full(const int64_t *shape, int64_t ndim, double value, int32_t dtype,
                           ctorch_tensor **out);

/** `[start, end)` in steps of `step` (torch.arange), as `dtype`. */
int32_t ctorch_tensor_arange(double start, double end, double step, int32_t dtype,
                             ctorch_tensor **out);

#define CTORCH_RANDOM_NORMAL 0  /* standard normal, torch.randn */
#define CTORCH_RANDOM_UNIFORM 1 /* uniform on [0, 1), torch.rand */

/**
 * Random CPU tensor drawn from a fresh CPU generator seeded with `seed`
 * (never the global generator): the same seed gives bit-identical values.
 * `dtype` must be a float dtype.
 */
int32_t ctorch_tensor_random(int32_t distribution, const int64_t *shape, int64_t ndim,
                             uint64_t seed, int32_t dtype, ctorch_tensor **out);

/* ---- Element-wise ------------------------------------------------------ */

#define CTORCH_UNARY_NEG 0
#define CTORCH_UNARY_EXP 1
#define CTORCH_UNARY_LOG 2
#define CTORCH_UNARY_SQRT 3
#define CTORCH_UNARY_ABS 4
#define CTORCH_UNARY_TANH 5
#define CTORCH_UNARY_SIGMOID 6
#define CTORCH_UNARY_RELU 7
#define CTORCH_UNARY_GELU 8     /* exact (erf) form */
#define CTORCH_UNARY_SOFTPLUS 9 /* beta 1, threshold 20 */
#define CTORCH_UNARY_LOGICAL_NOT 10

int32_t ctorch_tensor_unary(const ctorch_tensor *tensor, int32_t op, ctorch_tensor **out);

#define CTORCH_BINARY_ADD 0
#define CTORCH_BINARY_SUB 1
#define CTORCH_BINARY_MUL 2
#define CTORCH_BINARY_DIV 3
#define CTORCH_BINARY_POW 4
#define CTORCH_BINARY_EQ 5 /* comparisons return bool tensors */
#define CTORCH_BINARY_NE 6
#define CTORCH_BINARY_LT 7
#define CTORCH_BINARY_LE 8
#define CTORCH_BINARY_GT 9
#define CTORCH_BINARY_GE 10
#define CTORCH_BINARY_MAXIMUM 11
#define CTORCH_BINARY_MINIMUM 12
#define CTORCH_BINARY_LOGICAL_AND 13
#define CTORCH_BINARY_LOGICAL_OR 14

/** `lhs op rhs` with torch broadcasting and type promotion. */
int32_t ctorch_tensor_binary(const ctorch_tensor *lhs, const ctorch_tensor *rhs, int32_t op,
                             ctorch_tensor **out);

/**
 * `tensor op scalar` (or `scalar op tensor` when `scalar_first`). The scalar
 * promotes like a Python number: it never widens a float32 tensor; next to an
 * int64/bool tensor an integral value acts as a Python int (int64 + 1 is int64)
 * and a fractional one as a Python float (int64 + 0.5 is float32, torch's default).
 */
int32_t ctorch_tensor_binary_scalar(const ctorch_tensor *tensor, double scalar, bool scalar_first,
                                    int32_t op, ctorch_tensor **out);

/** Clamps to [min, max]; a bound is ignored when its `has_` flag is false (not both). */
int32_t ctorch_tensor_clamp(const ctorch_tensor *tensor, bool has_min, double min, bool has_max,
                            double max, ctorch_tensor **out);

/** `condition ? a : b` element-wise (condition must be bool), broadcasting. */
int32_t ctorch_tensor_where(const ctorch_tensor *condition, const ctorch_tensor *a,
                            const ctorch_tensor *b, ctorch_tensor **out);

/* ---- Reductions -------------------------------------------------------- */

#define CTORCH_REDUCE_SUM 0
#define CTORCH_REDUCE_MEAN 1
#define CTORCH_REDUCE_MAX 2 /* values only (amax: ties share the gradient) */
#define CTORCH_REDUCE_MIN 3
#define CTORCH_REDUCE_ARGMAX 4 /* int64 indices; over the flattened tensor without a dim */
#define CTORCH_REDUCE_ARGMIN 5
#define CTORCH_REDUCE_LOGSUMEXP 6
#define CTORCH_REDUCE_VAR_UNBIASED 7 /* divisor n - 1 */
#define CTORCH_REDUCE_VAR_BIASED 8   /* divisor n */
#define CTORCH_REDUCE_STD_UNBIASED 9
#define CTORCH_REDUCE_STD_BIASED 10

/** Reduces over `dim` (negative counts from the end) or, when `has_dim` is false, over all elements. */
int32_t ctorch_tensor_reduce(const ctorch_tensor *tensor, int32_t op, bool has_dim, int64_t dim,
                             bool keepdim, ctorch_tensor **out);

/** torch.max/min(dim): values and their int64 indices (`is_min` selects min). */
int32_t ctorch_tensor_extreme_with_indices(const ctorch_tensor *tensor, bool is_min, int64_t dim,
                                           bool keepdim, ctorch_tensor **values,
                                           ctorch_tensor **indices);

#define CTORCH_ALONG_SOFTMAX 0
#define CTORCH_ALONG_LOG_SOFTMAX 1
#define CTORCH_ALONG_CUMSUM 2

/** A same-shape op along one dimension. */
int32_t ctorch_tensor_along_dim(const ctorch_tensor *tensor, int32_t op, int64_t dim,
                                ctorch_tensor **out);

/* ---- Shape ------------------------------------------------------------- */

/** Reshape; one extent may be -1 (inferred). */
int32_t ctorch_tensor_reshape(const ctorch_tensor *tensor, const int64_t *shape, int64_t ndim,
                              ctorch_tensor **out);
/** Broadcasts size-1 dimensions to `shape` (-1 keeps an extent). */
int32_t ctorch_tensor_expand(const ctorch_tensor *tensor, const int64_t *shape, int64_t ndim,
                             ctorch_tensor **out);
int32_t ctorch_tensor_permute(const ctorch_tensor *tensor, const int64_t *dims, int64_t ndim,
                              ctorch_tensor **out);
int32_t ctorch_tensor_transpose(const ctorch_tensor *tensor, int64_t dim0, int64_t dim1,
                                ctorch_tensor **out);
/** Drops size-1 dimension `dim`, or all of them when `has_dim` is false. */
int32_t ctorch_tensor_squeeze(const ctorch_tensor *tensor, bool has_dim, int64_t dim,
                              ctorch_tensor **out);
int32_t ctorch_tensor_unsqueeze(const ctorch_tensor *tensor, int64_t dim, ctorch_tensor **out);
/** Joins `count` tensors along an existing dim (`stack` false) or a new one (`stack` true). */
int32_t ctorch_tensor_cat(const ctorch_tensor *const *tensors, int64_t count, int64_t dim,
                          bool stack, ctorch_tensor **out);
int32_t ctorch_tensor_narrow(const ctorch_tensor *tensor, int64_t dim, int64_t start,
                             int64_t length, ctorch_tensor **out);
/** Gathers slices along `dim` at the positions in the 1-D int64 tensor `index`. */
int32_t ctorch_tensor_index_select(const ctorch_tensor *tensor, int64_t dim,
                                   const ctorch_tensor *index, ctorch_tensor **out);
int32_t ctorch_tensor_contiguous(const ctorch_tensor *tensor, ctorch_tensor **out);
/** Whether the elements are laid out densely in row-major order. */
int32_t ctorch_tensor_is_contiguous(const ctorch_tensor *tensor, bool *out);

/* ---- Matrix ------------------------------------------------------------ */

/** Batched matrix product of [b, n, m] and [b, m, p]. */
int32_t ctorch_tensor_bmm(const ctorch_tensor *lhs, const ctorch_tensor *rhs, ctorch_tensor **out);
/** Transpose of a tensor with at most 2 dimensions. */
int32_t ctorch_tensor_t(const ctorch_tensor *tensor, ctorch_tensor **out);

/* ---- Autograd mode and graph ------------------------------------------ */

/** Sets the calling thread's grad mode; writes the previous mode to `previous` (may be NULL). Never fails. */
void ctorch_grad_mode_set(bool enabled, bool *previous);
/** The calling thread's grad mode. Never fails. */
bool ctorch_grad_mode_enabled(void);
/** A tensor sharing data but cut from the graph (requires_grad false). */
int32_t ctorch_tensor_detach(const ctorch_tensor *tensor, ctorch_tensor **out);
/** Drops the accumulated gradient (the next backward starts from none). */
int32_t ctorch_tensor_zero_grad(ctorch_tensor *tensor);

/* ---- Devices and threads ---------------------------------------------- */

/** Number of usable CUDA devices (0 when libtorch was built without CUDA). Never fails. */
int64_t ctorch_cuda_device_count(void);
int32_t ctorch_tensor_device(const ctorch_tensor *tensor, int32_t *type, int64_t *index);
/** Copies to a device (`index` -1 = the current CUDA device); differentiable. */
int32_t ctorch_tensor_to_device(const ctorch_tensor *tensor, int32_t type, int64_t index,
                                ctorch_tensor **out);
/** Intra-op thread count (at::set_num_threads; n >= 1). */
int32_t ctorch_set_num_threads(int64_t count);
int64_t ctorch_get_num_threads(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_TENSOR_OPS_H */
