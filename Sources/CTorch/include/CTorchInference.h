/*
 * CTorch inference kernels: immutable snapshots of eval-mode models that run a single sequence (or a
 * small batch) in plain vectorised loops, without per-step ATen dispatch.
 */
#ifndef CTORCH_INFERENCE_H
#define CTORCH_INFERENCE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctorch_tensor ctorch_tensor;

/** Opaque snapshot of a unidirectional stacked LSTM, its last step, optional eval BatchNorm and head. */
typedef struct ctorch_lstm_kernel ctorch_lstm_kernel;

/**
 * Copies the weights into a kernel (later changes to the tensors are not seen).
 *
 * `params` holds, per layer, `w_ih [4H, in]`, `w_hh [4H, H]` and, when `has_biases`, `b_ih [4H]`,
 * `b_hh [4H]` (PyTorch's flat order, gates i, f, g, o); all float32 or all float64.
 * The optional batch normalisation (`norm_mean`, `norm_var` non-NULL; `norm_weight`, `norm_bias`
 * NULL for a non-affine layer) of the last hidden state is folded into the head's first layer.
 * Head: `head_w1 [M, H]`, `head_b1 [M]` (NULL: no bias); then, if `head_w2` is non-NULL, ReLU and a
 * grouped second layer: `head_w2 [O, M/O]`, `head_b2 [O]` (output o reads hidden units o·M/O ..< (o+1)·M/O).
 * Without `head_w2` the outputs are the M first-layer units.
 */
int32_t ctorch_lstm_kernel_create(const ctorch_tensor *const *params, int64_t count, bool has_biases,
                                  int64_t num_layers, const ctorch_tensor *norm_weight,
                                  const ctorch_tensor *norm_bias, const ctorch_tensor *norm_mean,
                                  const ctorch_tensor *norm_var, double norm_eps, const ctorch_tensor *head_w1,
                                  const ctorch_tensor *head_b1, const ctorch_tensor *head_w2,
                                  const ctorch_tensor *head_b2, ctorch_lstm_kernel **out);

/** Releases a kernel. NULL is ignored. */
void ctorch_lstm_kernel_free(ctorch_lstm_kernel *kernel);

/**
 * Runs `input` `[batch, sequence, features]` (`batch_first`) or `[sequence, batch, features]`, of the
 * kernel's dtype, and writes a new `[batch, outputs]` tensor. Safe to call from several threads at once.
 */
int32_t ctorch_lstm_kernel_run(const ctorch_lstm_kernel *kernel, const ctorch_tensor *input, bool batch_first,
                               ctorch_tensor **out);

#ifdef __cplusplus
}
#endif

#endif
