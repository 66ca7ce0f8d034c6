/*
 * CTorch training support: mini-batch selection and finiteness checks. Same rules as CTorch.h.
 */
#ifndef CTORCH_TRAINING_H
#define CTORCH_TRAINING_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The rows `indices[0..<count]` of `tensor` along dimension 0, as a new tensor. */
int32_t ctorch_take_rows(const ctorch_tensor *tensor, const int64_t *indices, int64_t count, ctorch_tensor **out);

/** `tensor.select(dim, index)` (negative `index` counts from the end), as a new tensor. */
int32_t ctorch_select(const ctorch_tensor *tensor, int64_t dim, int64_t index, ctorch_tensor **out);

/** Writes whether every element is finite (no NaN, no ±infinity). */
int32_t ctorch_all_finite(const ctorch_tensor *tensor, bool *out);

/** Writes the index of the first row (dimension 0) holding a non-finite element, or -1. */
int32_t ctorch_first_nonfinite_row(const ctorch_tensor *tensor, int64_t *out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_TRAINING_H */
