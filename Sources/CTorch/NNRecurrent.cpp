// Recurrent layers through libtorch's fused multi-layer kernels (at::lstm, at::gru).
#include "NNShim.hpp"

#include <array>

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

/// Runs a stacked recurrent layer. Without dropout, one fused call covers every layer.
/// With dropout in training mode, each layer is one fused call and the seeded mask is
/// applied between layers, as PyTorch does (but with the caller's generator).
/// `fused(x, states, params, layers)` returns the output and the final states.
template <size_t States, class Fused>
std::pair<at::Tensor, std::array<at::Tensor, States>> run_stacked(
    const at::Tensor &input, const std::array<at::Tensor, States> &states, const std::vector<at::Tensor> &params,
    bool has_biases, int64_t num_layers, bool bidirectional, double dropout, bool training,
    ctorch_generator *generator, Fused fused) {
    if (!(dropout >= 0.0 && dropout <= 1.0)) {
        throw ctorch::InvalidArgument("dropout probability must be in [0, 1], got " + std::to_string(dropout));
    }
    if (!training || dropout == 0.0 || num_layers <= 1) return fused(input, states, params, num_layers);
    ctorch::require(generator, "generator");
    const int64_t directions = bidirectional ? 2 : 1;
    const int64_t per_layer = directions * (has_biases ? 4 : 2);
    if (static_cast<int64_t>(params.size()) != num_layers * per_layer) {
        throw ctorch::InvalidArgument("expected " + std::to_string(num_layers * per_layer) + " weights for " +
                                      std::to_string(num_layers) + " layers, got " + std::to_string(params.size()));
    }
    at::Tensor x = input;
    std::array<std::vector<at::Tensor>, States> finals;
    for (int64_t layer = 0; layer < num_layers; ++layer) {
        const std::vector<at::Tensor> slice(params.begin() + layer * per_layer, params.begin() + (layer + 1) * per_layer);
        std::array<at::Tensor, States> layer_states;
        for (size_t s = 0; s < States; ++s) layer_states[s] = states[s].narrow(0, layer * directions, directions);
        auto [output, final_states] = fused(x, layer_states, slice, 1);
        for (size_t s = 0; s < States; ++s) finals[s].push_back(final_states[s]);
        x = layer + 1 < num_layers ? ctorch::seeded_dropout(output, dropout, generator->value) : output;
    }
    std::array<at::Tensor, States> result;
    for (size_t s = 0; s < States; ++s) result[s] = at::cat(finals[s], 0);
    return {x, result};
}

}  // namespace

extern "C" int32_t ctorch_nn_lstm(const ctorch_tensor *input, const ctorch_tensor *h0,
                                  const ctorch_tensor *c0, const ctorch_tensor *const *params,
                                  int64_t count, bool has_biases, int64_t num_layers, bool bidirectional,
                                  bool batch_first, double dropout, bool training, ctorch_generator *generator,
                                  ctorch_tensor **out, ctorch_tensor **out_h, ctorch_tensor **out_c) {
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
        auto fused = [&](const at::Tensor &x, const std::array<at::Tensor, 2> &states,
                         const std::vector<at::Tensor> &weights, int64_t layers) {
            auto [output, hn, cn] = at::lstm(x, {states[0], states[1]}, weights, has_biases, layers, 0.0,
                                             /*train=*/false, bidirectional, batch_first);
            return std::make_pair(output, std::array<at::Tensor, 2>{hn, cn});
        };
        auto [output, finals] = run_stacked<2>(input->value, {h, c}, list, has_biases, num_layers, bidirectional,
                                               dropout, training, generator, fused);
        *out = ctorch::wrap(std::move(output));
        *out_h = ctorch::wrap(std::move(finals[0]));
        *out_c = ctorch::wrap(std::move(finals[1]));
    });
}

extern "C" int32_t ctorch_nn_gru(const ctorch_tensor *input, const ctorch_tensor *h0,
                                 const ctorch_tensor *const *params, int64_t count, bool has_biases,
                                 int64_t num_layers, bool bidirectional, bool batch_first, double dropout,
                                 bool training, ctorch_generator *generator, ctorch_tensor **out,
                                 ctorch_tensor **out_h) {
    return ctorch::guarded([&] {
        ctorch::require(input, "input");
        ctorch::require(out, "out");
        ctorch::require(out_h, "out_h");
        const std::vector<at::Tensor> list = parameter_list(params, count);
        if (list.size() < 2) throw ctorch::InvalidArgument("a GRU needs at least w_ih and w_hh");
        const int64_t hidden = list[1].size(1);  // w_hh is (3*hidden, hidden)
        const at::Tensor h = initial_state(h0, input->value, num_layers, bidirectional, batch_first, hidden);
        auto fused = [&](const at::Tensor &x, const std::array<at::Tensor, 1> &states,
                         const std::vector<at::Tensor> &weights, int64_t layers) {
            auto [output, hn] = at::gru(x, states[0], weights, has_biases, layers, 0.0,
                                        /*train=*/false, bidirectional, batch_first);
            return std::make_pair(output, std::array<at::Tensor, 1>{hn});
        };
        auto [output, finals] = run_stacked<1>(input->value, {h}, list, has_biases, num_layers, bidirectional,
                                               dropout, training, generator, fused);
        *out = ctorch::wrap(std::move(output));
        *out_h = ctorch::wrap(std::move(finals[0]));
    });
}
