/*
 * CTorch training support: finiteness checks of training data. Same rules as CTorch.h.
 */
#ifndef CTORCH_TRAINING_H
#define CTORCH_TRAINING_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Writes the index of the first row (dimension 0) holding a non-finite element, or -1. */
int32_t ctorch_first_nonfinite_row(const ctorch_tensor *tensor, int64_t *out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_TRAINING_H */
