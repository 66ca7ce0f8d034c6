/*
 * CTorchLayers: functional neural-network layers and seeded initialisation.
 *
 * Every function is a thin wrapper over one functional libtorch call (or a few
 * for composite layers such as multi-head attention). Layer state (weights,
 * running statistics) lives in the caller; nothing here keeps hidden state
 * except an explicit `ctorch_generator`. Same conventions as CTorch.h: status
 * codes, message via `ctorch_last_error()`, out-parameters written on success.
 * Optional tensor arguments (biases, affine weights) may be NULL.
 */
#ifndef CTORCH_LAYERS_H
#define CTORCH_LAYERS_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Seeded random number generation ---------------------------------- */

/** Opaque handle to an explicitly seeded CPU `at::Generator` (never the global one). */
typedef struct ctorch_generator ctorch_generator;

/** Creates a CPU generator seeded with `seed`. */
int32_t ctorch_generator_create(uint64_t seed, ctorch_generator **out);

/** Releases a generator. NULL is ignored. Never fails. */
void ctorch_generator_free(ctorch_generator *generator);

/** The generator's full state (PyTorch's `Generator.get_state()`), its bytes widened to an int64 tensor. */
int32_t ctorch_generator_get_state(ctorch_generator *generator, ctorch_tensor **out);

/** Replaces the generator's state with one from `ctorch_generator_get_state`; an invalid state
 *  (wrong size or dtype) is an error and leaves the generator unchanged. */
int32_t ctorch_generator_set_state(ctorch_generator *generator, const ctorch_tensor *state);

/** A tensor of i.i.d. uniform draws on [low, high) from `generator`. */
int32_t ctorch_nn_uniform(const int64_t *shape, int64_t ndim, int32_t dtype, double low,
                          double high, ctorch_generator *generator, ctorch_tensor **out);

/** A tensor of i.i.d. normal draws N(mean, std^2) from `generator`. */
int32_t ctorch_nn_normal(const int64_t *shape, int64_t ndim, int32_t dtype, double mean,
                         double std, ctorch_generator *generator, ctorch_tensor **out);

/** A tensor filled with `value`. */
int32_t ctorch_nn_full(const int64_t *shape, int64_t ndim, int32_t dtype, double value,
                       ctorch_tensor **out);

/**
 * A new leaf tensor: a detached copy of `source` converted to `dtype`, with
 * `requires_grad` set. Used to make module parameters and buffers that never
 * alias the caller's tensor.
 */
int32_t ctorch_nn_parameter(const ctorch_tensor *source, int32_t dtype, bool requires_grad,
                            ctorch_tensor **out);

/* ---- Layers (functional) ----------------------------------------------- */

/** `at::linear`: input @ weight^T + bias. */
int32_t ctorch_nn_linear(const ctorch_tensor *input, const ctorch_tensor *weight,
                         const ctorch_tensor *bias, ctorch_tensor **out);

/** `at::relu`. */
int32_t ctorch_nn_relu(const ctorch_tensor *input, ctorch_tensor **out);

/**
 * Training-mode (inverted) dropout: zeroes each element with probability `p`
 * using a Bernoulli mask drawn from `generator`, and scales survivors by 1/(1-p).
 */
int32_t ctorch_nn_dropout(const ctorch_tensor *input, double p, ctorch_generator *generator,
                          ctorch_tensor **out);

/** `at::layer_norm` over the trailing `ndim` dimensions `normalized_shape`. */
int32_t ctorch_nn_layer_norm(const ctorch_tensor *input, const int64_t *normalized_shape,
                             int64_t ndim, const ctorch_tensor *weight,
                             const ctorch_tensor *bias, double eps, ctorch_tensor **out);

/**
 * `at::embedding`: rows of `weight` selected by `count` indices laid out in
 * `shape` (product of extents == count). Output shape is shape + [dim].
 * `padding_idx` < 0 means none. Out-of-range indices are an error.
 */
int32_t ctorch_nn_embedding(const ctorch_tensor *weight, const int64_t *indices, int64_t count,
                            const int64_t *shape, int64_t ndim, int64_t padding_idx,
                            ctorch_tensor **out);

/**
 * `at::batch_norm`. The caller's running statistics are never modified:
 * `out_running_mean` / `out_running_var` receive new tensors holding the
 * updated statistics in training mode, and unchanged copies in eval mode.
 */
int32_t ctorch_nn_batch_norm(const ctorch_tensor *input, const ctorch_tensor *weight,
                             const ctorch_tensor *bias, const ctorch_tensor *running_mean,
                             const ctorch_tensor *running_var, bool training, double momentum,
                             double eps, ctorch_tensor **out, ctorch_tensor **out_running_mean,
                             ctorch_tensor **out_running_var);

/** `at::conv1d` on (batch, channels, length) input. */
int32_t ctorch_nn_conv1d(const ctorch_tensor *input, const ctorch_tensor *weight,
                         const ctorch_tensor *bias, int64_t stride, int64_t padding,
                         int64_t dilation, int64_t groups, ctorch_tensor **out);

/**
 * libtorch's fused `at::lstm`. `params` holds `count` tensors in PyTorch's flat
 * order: for each layer, for each direction, w_ih, w_hh[, b_ih, b_hh].
 * `h0` / `c0` have shape (layers * directions, batch, hidden); both NULL means zeros.
 * Writes the output sequence and the final hidden and cell states.
 * With `training` and `dropout` > 0, dropout with masks from `generator` is
 * applied to the output of every layer but the last (PyTorch's `dropout`
 * argument); the layers then run one fused call each, since at::lstm's own
 * dropout would draw from the global generator.
 */
int32_t ctorch_nn_lstm(const ctorch_tensor *input, const ctorch_tensor *h0,
                       const ctorch_tensor *c0, const ctorch_tensor *const *params,
                       int64_t count, bool has_biases, int64_t num_layers, bool bidirectional,
                       bool batch_first, double dropout, bool training,
                       ctorch_generator *generator, ctorch_tensor **out, ctorch_tensor **out_h,
                       ctorch_tensor **out_c);

/** libtorch's fused `at::gru`; same conventions as `ctorch_nn_lstm`, without a cell state. */
int32_t ctorch_nn_gru(const ctorch_tensor *input, const ctorch_tensor *h0,
                      const ctorch_tensor *const *params, int64_t count, bool has_biases,
                      int64_t num_layers, bool bidirectional, bool batch_first, double dropout,
                      bool training, ctorch_generator *generator, ctorch_tensor **out,
                      ctorch_tensor **out_h);

/**
 * Multi-head scaled dot-product attention as in `torch.nn.MultiheadAttention`.
 * With `dropout` > 0 and a `generator` (training), the attention weights are
 * dropped out with masks from `generator`, as PyTorch does; NULL or 0: none. Inputs are (batch, seq, embed) when `batch_first`, else
 * (seq, batch, embed). `in_proj_weight` is (3*embed, embed) packing the query,
 * key and value projections. Optional masks (NULL for none):
 *   - `attn_mask`: float, added to the attention scores; (target, source) or
 *     (batch * heads, target, source); -inf forbids a position (PyTorch's float mask);
 *   - `key_padding_mask`: (batch, source); non-zero marks a padded key that no
 *     query attends to (PyTorch's boolean mask, True = padding).
 * `out_weights` (may be NULL) receives the attention weights (after dropout,
 * like PyTorch's) averaged over heads, (batch, target, source).
 */
int32_t ctorch_nn_multi_head_attention(const ctorch_tensor *query, const ctorch_tensor *key,
                                       const ctorch_tensor *value,
                                       const ctorch_tensor *in_proj_weight,
                                       const ctorch_tensor *in_proj_bias,
                                       const ctorch_tensor *out_proj_weight,
                                       const ctorch_tensor *out_proj_bias, int64_t num_heads,
                                       bool batch_first, const ctorch_tensor *attn_mask,
                                       const ctorch_tensor *key_padding_mask, double dropout,
                                       ctorch_generator *generator, ctorch_tensor **out,
                                       ctorch_tensor **out_weights);

/* ---- State-dict files (interoperable with Python's torch.save / torch.load) ---- */

/** Opaque, ordered list of named tensors read from a file. */
typedef struct ctorch_tensor_dict ctorch_tensor_dict;

/**
 * Writes `count` named tensors to `path` as a dict of tensors with
 * `torch::pickle_save`, a format Python's `torch.load` reads.
 */
int32_t ctorch_tensor_dict_save(const char *const *names, const ctorch_tensor *const *tensors,
                                int64_t count, const char *path);

/**
 * Reads a file written by `ctorch_tensor_dict_save` or by Python's
 * `torch.save(dict_of_tensors, path)`. The top-level object must be a dict
 * from strings to tensors (save a PyTorch state dict as `dict(model.state_dict())`:
 * libtorch's unpickler does not rebuild an OrderedDict). Integer and boolean
 * tensors (such as BatchNorm's `num_batches_tracked`) are converted to float64.
 */
int32_t ctorch_tensor_dict_load(const char *path, ctorch_tensor_dict **out);

/** Number of entries. */
int32_t ctorch_tensor_dict_count(const ctorch_tensor_dict *dict, int64_t *out);

/** The name of entry `index`; valid until the dict is freed. */
int32_t ctorch_tensor_dict_name(const ctorch_tensor_dict *dict, int64_t index, const char **out);

/** A new handle to the tensor of entry `index`. */
int32_t ctorch_tensor_dict_tensor(const ctorch_tensor_dict *dict, int64_t index, ctorch_tensor **out);

/** Releases a dict. NULL is ignored. Never fails. */
void ctorch_tensor_dict_free(ctorch_tensor_dict *dict);

/* ---- TorchScript modules (saved in Python with torch.jit.save) ---------------- */

/** Opaque handle to a loaded TorchScript module (`torch::jit::Module`). */
typedef struct ctorch_script_module ctorch_script_module;

/** Loads a TorchScript archive written by Python's `torch.jit.save`, on the CPU. */
int32_t ctorch_script_load(const char *path, ctorch_script_module **out);

/** Releases a module. NULL is ignored. Never fails. */
void ctorch_script_free(ctorch_script_module *module);

/** Sets training (true) or evaluation (false) mode on the module and its submodules. */
int32_t ctorch_script_set_training(ctorch_script_module *module, bool training);

/**
 * Calls `forward` with `count` tensor arguments. The result must be a tensor or
 * a tuple / list of tensors; up to `capacity` of them are written to `outputs`
 * and their number to `out_count` (an error if there are more than `capacity`).
 */
int32_t ctorch_script_forward(ctorch_script_module *module, const ctorch_tensor *const *inputs,
                              int64_t count, ctorch_tensor **outputs, int64_t capacity,
                              int64_t *out_count);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_LAYERS_H */
