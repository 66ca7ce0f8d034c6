/*
 * CTorch: a small, pure C API over libtorch (ATen + autograd).
 *
 * Design rules:
 *   - Tensors are opaque handles (`ctorch_tensor *`) owned by the caller and
 *     released with `ctorch_tensor_free`. No API mutates tensor *data*; ops are
 *     out-of-place and return new handles. The only state changes are autograd
 *     metadata (`ctorch_tensor_set_requires_grad`, gradient accumulation by
 *     `ctorch_tensor_backward`).
 *   - No C++ exception ever crosses this boundary. Every fallible function
 *     returns a status (`CTORCH_OK` on success). On failure the message is
 *     stored in thread-local storage and returned by `ctorch_last_error()`;
 *     read it on the same thread, before the next failing call.
 *   - Out-parameters are only written on success.
 */
#ifndef CTORCH_H
#define CTORCH_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes returned by every fallible function. */
#define CTORCH_OK 0
/** The shim rejected an argument (null pointer, bad dtype, size mismatch...). */
#define CTORCH_ERROR_INVALID_ARGUMENT 1
/** libtorch raised a `c10::Error` (shape mismatch, autograd misuse...). */
#define CTORCH_ERROR_TORCH 2
/** A `std::exception` other than `c10::Error` (e.g. `std::bad_alloc`). */
#define CTORCH_ERROR_STD 3
/** Something that is not a `std::exception` was thrown. */
#define CTORCH_ERROR_UNKNOWN 4

/* Element types. */
#define CTORCH_DTYPE_FLOAT32 0
#define CTORCH_DTYPE_FLOAT64 1

/** Opaque tensor handle. */
typedef struct ctorch_tensor ctorch_tensor;

/** Message of the most recent failure on the calling thread ("" if none). Never NULL. */
const char *ctorch_last_error(void);

/** Version of the libtorch headers the shim was compiled against (TORCH_VERSION). Never NULL. */
const char *ctorch_version(void);

/* ---- Creation, metadata, data access ---------------------------------- */

/**
 * Creates a CPU tensor by copying `count` elements of type `dtype` from `data`.
 * `shape` has `ndim` non-negative extents whose product must equal `count`
 * (`ndim == 0` is a scalar, `count == 1`). `data` may be NULL only when `count == 0`.
 */
int32_t ctorch_tensor_from_data(const void *data, int64_t count, int32_t dtype,
                                const int64_t *shape, int64_t ndim,
                                ctorch_tensor **out);

/** Releases a handle. NULL is ignored. Never fails. */
void ctorch_tensor_free(ctorch_tensor *tensor);

int32_t ctorch_tensor_ndim(const ctorch_tensor *tensor, int64_t *out);

/** Writes `ndim` extents into `out_shape`, which holds `capacity` elements (must be >= ndim). */
int32_t ctorch_tensor_shape(const ctorch_tensor *tensor, int64_t *out_shape, int64_t capacity);

/** Writes a `CTORCH_DTYPE_*` code (float32, float64, int64, bool); other dtypes are an error. */
int32_t ctorch_tensor_dtype(const ctorch_tensor *tensor, int32_t *out);

int32_t ctorch_tensor_numel(const ctorch_tensor *tensor, int64_t *out);

/**
 * Copies all elements, in row-major order, into `out` (room for `count`
 * elements, which must equal numel), converting to `dtype` if needed.
 */
int32_t ctorch_tensor_copy_data(const ctorch_tensor *tensor, void *out, int64_t count,
                                int32_t dtype);

/* ---- Operations (out-of-place; broadcasting follows torch) ------------ */

int32_t ctorch_tensor_add(const ctorch_tensor *lhs, const ctorch_tensor *rhs, ctorch_tensor **out);
int32_t ctorch_tensor_mul(const ctorch_tensor *lhs, const ctorch_tensor *rhs, ctorch_tensor **out);
int32_t ctorch_tensor_matmul(const ctorch_tensor *lhs, const ctorch_tensor *rhs, ctorch_tensor **out);
/** Sum of all elements, as a 0-dimensional tensor. */
int32_t ctorch_tensor_sum(const ctorch_tensor *tensor, ctorch_tensor **out);

/* ---- Autograd --------------------------------------------------------- */

/** Sets `requires_grad` (only allowed on leaf tensors of floating dtype). */
int32_t ctorch_tensor_set_requires_grad(ctorch_tensor *tensor, bool requires_grad);

int32_t ctorch_tensor_requires_grad(const ctorch_tensor *tensor, bool *out);

/** Runs backward from a scalar (one-element) tensor; gradients accumulate into leaves. */
int32_t ctorch_tensor_backward(ctorch_tensor *tensor);

/**
 * Snapshot (detached copy) of the accumulated gradient. Writes NULL to `out`
 * when the tensor has no gradient yet.
 */
int32_t ctorch_tensor_grad(const ctorch_tensor *tensor, ctorch_tensor **out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#include "CTorchTensorOps.h"
#include "CTorchLayers.h"
#include "CTorchLosses.h"
#include "CTorchOptim.h"
#include "CTorchTraining.h"
#include "CTorchInference.h"

#endif /* CTORCH_H */
