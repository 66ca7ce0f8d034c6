// Stateless functional layers: each entry point is one ATen functional call.
#include "NNShim.hpp"

#include <cstring>

extern "C" int32_t ctorch_nn_linear(const ctorch_tensor *input, const ctorch_tensor *weight,
                                    const ctorch_tensor *bias, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(weight, "weight");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::linear(input->value, weight->value, ctorch::optional_tensor(bias)));
    });
}

extern "C" int32_t ctorch_nn_relu(const ctorch_tensor *input, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::relu(input->value));
    });
}

extern "C" int32_t ctorch_nn_layer_norm(const ctorch_tensor *input, const int64_t *normalized_shape,
                                        int64_t ndim, const ctorch_tensor *weight,
                                        const ctorch_tensor *bias, double eps, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(out, "out");
        const std::vector<int64_t> shape = ctorch::extents(normalized_shape, ndim);
        *out = ctorch::wrap(at::layer_norm(input->value, shape, ctorch::optional_tensor(weight),
                                           ctorch::optional_tensor(bias), eps));
    });
}

extern "C" int32_t ctorch_nn_embedding(const ctorch_tensor *weight, const int64_t *indices, int64_t count,
                                       const int64_t *shape, int64_t ndim, int64_t padding_idx,
                                       ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(weight, "weight");
        ctorch::require(out, "out");
        const std::vector<int64_t> sizes = ctorch::extents(shape, ndim);
        int64_t expected = 1;
        for (int64_t extent : sizes) expected *= extent;
        if (expected != count) {
            throw ctorch::InvalidArgument("index shape holds " + std::to_string(expected) +
                                          " elements but " + std::to_string(count) + " indices were given");
        }
        if (count > 0) ctorch::require(indices, "indices");
        at::Tensor index = at::empty(sizes, at::TensorOptions().dtype(at::kLong));
        if (count > 0) std::memcpy(index.data_ptr(), indices, static_cast<size_t>(count) * sizeof(int64_t));
        *out = ctorch::wrap(at::embedding(weight->value, index, padding_idx < 0 ? -1 : padding_idx));
    });
}

extern "C" int32_t ctorch_nn_batch_norm(const ctorch_tensor *input, const ctorch_tensor *weight,
                                        const ctorch_tensor *bias, const ctorch_tensor *running_mean,
                                        const ctorch_tensor *running_var, bool training, double momentum,
                                        double eps, ctorch_tensor **out, ctorch_tensor **out_running_mean,
                                        ctorch_tensor **out_running_var) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(running_mean, "running_mean");
        ctorch::require(running_var, "running_var");
        ctorch::require(out, "out");
        ctorch::require(out_running_mean, "out_running_mean");
        ctorch::require(out_running_var, "out_running_var");
        // at::batch_norm updates running statistics in place; work on copies so
        // the caller's tensors stay immutable and receive the new values as new handles.
        at::Tensor mean = running_mean->value.detach().clone();
        at::Tensor var = running_var->value.detach().clone();
        at::Tensor result = at::batch_norm(input->value, ctorch::optional_tensor(weight),
                                           ctorch::optional_tensor(bias), mean, var, training, momentum,
                                           eps, /*cudnn_enabled=*/false);
        *out = ctorch::wrap(std::move(result));
        *out_running_mean = ctorch::wrap(std::move(mean));
        *out_running_var = ctorch::wrap(std::move(var));
    });
}

extern "C" int32_t ctorch_nn_conv1d(const ctorch_tensor *input, const ctorch_tensor *weight,
                                    const ctorch_tensor *bias, int64_t stride, int64_t padding,
                                    int64_t dilation, int64_t groups, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(weight, "weight");
        ctorch::require(out, "out");
        *out = ctorch::wrap(at::conv1d(input->value, weight->value, ctorch::optional_tensor(bias),
                                       {stride}, {padding}, {dilation}, groups));
    });
}
