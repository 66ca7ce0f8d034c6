/*
 * CTorch optimisation steps. The one exception to "no API mutates tensor data": these update a
 * parameter and its optimizer state in place (under no-grad), as torch.optim does, so a model's
 * parameter handles stay the same tensors through training.
 */
#ifndef CTORCH_OPTIM_H
#define CTORCH_OPTIM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * PyTorch 1.13's AdamW update of one parameter from its `.grad` (nothing happens when it has
 * none): decoupled weight decay, then the bias-corrected Adam step. `exp_avg` and `exp_avg_sq`
 * are the state (zeros before the first step, same shape as the parameter); `step` is the step
 * number being taken (1 on the first).
 */
int32_t ctorch_adamw_step(ctorch_tensor *param, ctorch_tensor *exp_avg, ctorch_tensor *exp_avg_sq,
                          int64_t step, double lr, double beta1, double beta2, double eps,
                          double weight_decay);

/**
 * PyTorch 1.13's SGD update of one parameter from its `.grad` (nothing when it has none), with
 * weight decay, momentum (the buffer is set from the first gradient when `first`), dampening and
 * Nesterov. `momentum_buffer` may be NULL when `momentum` is 0.
 */
int32_t ctorch_sgd_step(ctorch_tensor *param, ctorch_tensor *momentum_buffer, bool first, double lr,
                        double momentum, double dampening, double weight_decay, bool nesterov);

/**
 * torch.nn.utils.clip_grad_norm_: scales the gradients of `params` so their joint 2-norm is at
 * most `max_norm`; writes the norm before clipping.
 */
int32_t ctorch_clip_grad_norm(ctorch_tensor *const *params, int64_t count, double max_norm,
                              double *total_norm);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_OPTIM_H */
