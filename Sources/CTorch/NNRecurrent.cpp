// Recurrent layers through libtorch's fused multi-layer kernels (at::lstm, at::gru).
#include "NNShim.hpp"

namespace {

std::vector<at::Tensor> parameter_list(const ctorch_tensor *const *params, int64_t count) {
    if (count < 0) throw ctorch::InvalidArgument("parameter count must be >= 0");
    if (count > 0) ctorch::require(params, "params");
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) {
        ctorch::require(params[i], "params[i]");
        list.push_back(params[i]->value);
    }
    return list;
}

/// Zeros of shape (layers * directions, batch, hidden) when no initial state is given.
at::Tensor initial_state(const ctorch_tensor *given, const at::Tensor &input, int64_t num_layers,
                         bool bidirectional, bool batch_first, int64_t hidden) {
    if (given != nullptr) return given->value;
    if (input.dim() != 3) {
        throw ctorch::InvalidArgument("recurrent input must be 3-D, got " + std::to_string(input.dim()) + "-D");
    }
    const int64_t batch = input.size(batch_first ? 0 : 1);
    return at::zeros({num_layers * (bidirectional ? 2 : 1), batch, hidden}, input.options());
}

}  // namespace

extern "C" int32_t ctorch_nn_lstm(const ctorch_tensor *input, const ctorch_tensor *h0,
                                  const ctorch_tensor *c0, const ctorch_tensor *const *params,
                                  int64_t count, bool has_biases, int64_t num_layers, bool bidirectional,
                                  bool batch_first, ctorch_tensor **out, ctorch_tensor **out_h,
                                  ctorch_tensor **out_c) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(out, "out");
        ctorch::require(out_h, "out_h");
        ctorch::require(out_c, "out_c");
        if ((h0 == nullptr) != (c0 == nullptr)) throw ctorch::InvalidArgument("give both h0 and c0, or neither");
        const std::vector<at::Tensor> list = parameter_list(params, count);
        if (list.size() < 2) throw ctorch::InvalidArgument("an LSTM needs at least w_ih and w_hh");
        const int64_t hidden = list[1].size(1);  // w_hh is (4*hidden, hidden)
        const at::Tensor h = initial_state(h0, input->value, num_layers, bidirectional, batch_first, hidden);
        const at::Tensor c = initial_state(c0, input->value, num_layers, bidirectional, batch_first, hidden);
        auto [output, hn, cn] = at::lstm(input->value, {h, c}, list, has_biases, num_layers, 0.0,
                                         /*train=*/false, bidirectional, batch_first);
        *out = ctorch::wrap(std::move(output));
        *out_h = ctorch::wrap(std::move(hn));
        *out_c = ctorch::wrap(std::move(cn));
    });
}

extern "C" int32_t ctorch_nn_gru(const ctorch_tensor *input, const ctorch_tensor *h0,
                                 const ctorch_tensor *const *params, int64_t count, bool has_biases,
                                 int64_t num_layers, bool bidirectional, bool batch_first,
                                 ctorch_tensor **out, ctorch_tensor **out_h) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(out, "out");
        ctorch::require(out_h, "out_h");
        const std::vector<at::Tensor> list = parameter_list(params, count);
        if (list.size() < 2) throw ctorch::InvalidArgument("a GRU needs at least w_ih and w_hh");
        const int64_t hidden = list[1].size(1);  // w_hh is (3*hidden, hidden)
        const at::Tensor h = initial_state(h0, input->value, num_layers, bidirectional, batch_first, hidden);
        auto [output, hn] = at::gru(input->value, h, list, has_biases, num_layers, 0.0,
                                    /*train=*/false, bidirectional, batch_first);
        *out = ctorch::wrap(std::move(output));
        *out_h = ctorch::wrap(std::move(hn));
    });
}
