/*
 * CTorch serialization: state dicts in the format of `torch.save`/`torch.load`, and
 * TorchScript modules saved with `torch.jit.save`. Same rules as CTorch.h: opaque handles,
 * a status per fallible call, never an exception across the boundary.
 */
#ifndef CTORCH_SERIALIZATION_H
#define CTORCH_SERIALIZATION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded list of (name, tensor) pairs, in file order. */
typedef struct ctorch_named_tensors ctorch_named_tensors;

/**
 * Writes `count` named tensors to `path` as a dict of str → Tensor in the zip format of
 * `torch.save`, so Python reads it back with `torch.load(path)`. Names must be distinct.
 */
int32_t ctorch_state_dict_save(const char *path, const char *const *names,
                               const ctorch_tensor *const *tensors, int64_t count);

/**
 * Reads a dict of str → Tensor written by `torch.save(dict(module.state_dict()), path)` or by
 * `ctorch_state_dict_save`. A file that is not such a dict (or not a torch file) is an error;
 * so is a bare `state_dict()` (a `collections.OrderedDict`, which libtorch 1.13 reads as None),
 * with a message saying to wrap it in `dict(...)`.
 */
int32_t ctorch_state_dict_load(const char *path, ctorch_named_tensors **out);

int64_t ctorch_named_tensors_count(const ctorch_named_tensors *list);
/** The `index`-th name (valid until the list is freed), or NULL when out of range. */
const char *ctorch_named_tensors_name(const ctorch_named_tensors *list, int64_t index);
/** A new handle on the `index`-th tensor. */
int32_t ctorch_named_tensors_tensor(const ctorch_named_tensors *list, int64_t index, ctorch_tensor **out);
/** Releases a list. NULL is ignored. */
void ctorch_named_tensors_free(ctorch_named_tensors *list);

/** A TorchScript module. */
typedef struct ctorch_script_module ctorch_script_module;

/** Loads a module saved with `torch.jit.save` onto the CPU, in eval mode. */
int32_t ctorch_script_load(const char *path, ctorch_script_module **out);
/** Releases a module. NULL is ignored. */
void ctorch_script_free(ctorch_script_module *module);
/**
 * Calls `forward` with `count` tensor arguments (under no-grad) and returns its result, which
 * must be a tensor.
 */
int32_t ctorch_script_forward(ctorch_script_module *module, const ctorch_tensor *const *inputs,
                              int64_t count, ctorch_tensor **out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CTORCH_SERIALIZATION_H */
