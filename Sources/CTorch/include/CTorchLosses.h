/*
 * CTorch losses: training objectives as single differentiable ATen expressions (see
 * Sources/BarbellTorch/Losses/Loss.swift for the formulas). Same rules as CTorch.h.
 */
#ifndef CTORCH_LOSSES_H
#define CTORCH_LOSSES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CTORCH_LOSS_MSE 0
#define CTORCH_LOSS_HUBER 1            /* params: delta */
#define CTORCH_LOSS_CROSS_ENTROPY 2    /* prediction: logits N x C; target: class indices N (any dtype) */
#define CTORCH_LOSS_PINBALL 3          /* params: the quantiles; prediction N x Q, target N */
#define CTORCH_LOSS_DIRECTIONAL 4      /* params: sharpness k */
#define CTORCH_LOSS_NEGATIVE_SHARPE 5  /* params: sharpness k, epsilon */
#define CTORCH_LOSS_MAX_DRAWDOWN 6     /* params: sharpness k */
#define CTORCH_LOSS_CVAR 7             /* params: sharpness k, tail fraction alpha */

/** The scalar loss `kind` of `prediction` against `target`, with `count` parameters. */
int32_t ctorch_loss(int32_t kind, const ctorch_tensor *prediction, const ctorch_tensor *target,
                    const double *params, int64_t count, ctorch_tensor **out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_LOSSES_H */
