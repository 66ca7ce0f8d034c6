// A frozen LSTM predictor for batch-1 inference (CTorchInference.h): the weights are copied once into
// transposed, gate-padded buffers; a call runs the input projection of all steps as one small GEMM,
// then per step one [H × 4H] mat-vec and the fused gate nonlinearities, in plain vector loops. This
// removes the per-step ATen dispatch that dominates at::lstm on a single short sequence.
#include "InferenceMath.hpp"
#include "NNShim.hpp"

#include "CTorchInference.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace {

using namespace ctorch::inference;

/// One layer: `in` features; weights transposed to [in, 4·Hp] and [H, 4·Hp], where each gate's H
/// columns are padded with zeros to Hp (a multiple of the vector width), so every gate slice is whole
/// vectors. Padded units see zero pre-activations, so their cell and hidden values stay 0.
template <class T> struct Layer {
    int64_t in = 0;
    std::vector<T> wih, whh, bias;
};

struct KernelBase {
    virtual ~KernelBase() = default;
    virtual at::ScalarType dtype() const = 0;
    virtual int64_t features() const = 0;
    virtual at::Tensor run(const at::Tensor &input) const = 0;
};

template <class T> struct Kernel final : KernelBase {
    using V = typename Vec<T>::type;
    static constexpr int64_t W = Vec<T>::width;

    int64_t hidden = 0, padded = 0, units = 0, outputs = 0;  // H, Hp, head units M, outputs O
    bool grouped = false;                                     // ReLU + grouped second head layer
    std::vector<Layer<T>> layers;
    std::vector<T> w1, b1, w2, b2;

    at::ScalarType dtype() const override { return c10::CppTypeToScalarType<T>::value; }
    int64_t features() const override { return layers.front().in; }

    /// rows[r, :] = bias + Σ_k x[r, k] · w[k, :] for `count` rows of x (row stride `stride`), in
    /// column blocks of four vectors kept in registers.
    static CTORCH_INLINE void project(const T *x, int64_t count, int64_t stride, int64_t in, const T *w,
                                      const T *bias, int64_t columns, T *rows) {
        for (int64_t r = 0; r < count; ++r) {
            const T *xr = x + r * stride;
            for (int64_t j = 0; j < columns; j += 4 * W) {
                V a0 = load<V>(bias + j), a1 = load<V>(bias + j + W), a2 = load<V>(bias + j + 2 * W),
                  a3 = load<V>(bias + j + 3 * W);
                for (int64_t k = 0; k < in; ++k) {
                    const T *wk = w + k * columns + j;
                    const V s = V{} + xr[k];
                    a0 += s * load<V>(wk);
                    a1 += s * load<V>(wk + W);
                    a2 += s * load<V>(wk + 2 * W);
                    a3 += s * load<V>(wk + 3 * W);
                }
                T *out = rows + r * columns + j;
                store(out, a0);
                store(out + W, a1);
                store(out + 2 * W, a2);
                store(out + 3 * W, a3);
            }
        }
    }

    /// Runs one sequence `x` [steps, features]; leaves the top layer's last hidden state in `h`.
    CTORCH_INLINE void sequence(const T *x, int64_t steps, T *gates, T *seq, T *h, T *c) const {
        const int64_t columns = 4 * padded;
        const T *input = x;
        int64_t stride = features();
        for (size_t l = 0; l < layers.size(); ++l) {
            const Layer<T> &layer = layers[l];
            const bool last = l + 1 == layers.size();
            project(input, steps, stride, layer.in, layer.wih.data(), layer.bias.data(), columns, gates);
            std::fill(h, h + padded, T(0));
            std::fill(c, c + padded, T(0));
            for (int64_t t = 0; t < steps; ++t) {
                T *g = gates + t * columns;
                // g += h · W_hhᵀ, in place (the projection already holds x_t · W_ihᵀ + biases).
                for (int64_t j = 0; j < columns; j += 4 * W) {
                    V a0 = load<V>(g + j), a1 = load<V>(g + j + W), a2 = load<V>(g + j + 2 * W),
                      a3 = load<V>(g + j + 3 * W);
                    for (int64_t k = 0; k < hidden; ++k) {
                        const T *wk = layer.whh.data() + k * columns + j;
                        const V s = V{} + h[k];
                        a0 += s * load<V>(wk);
                        a1 += s * load<V>(wk + W);
                        a2 += s * load<V>(wk + 2 * W);
                        a3 += s * load<V>(wk + 3 * W);
                    }
                    store(g + j, a0);
                    store(g + j + W, a1);
                    store(g + j + 2 * W, a2);
                    store(g + j + 3 * W, a3);
                }
                // Gates i, f, g, o (PyTorch's order), fused with the cell and hidden updates.
                for (int64_t u = 0; u < padded; u += W) {
                    const V i = ctorch::inference::sigmoid(load<V>(g + u));
                    const V f = ctorch::inference::sigmoid(load<V>(g + padded + u));
                    const V n = ctorch::inference::tanh(load<V>(g + 2 * padded + u));
                    const V o = ctorch::inference::sigmoid(load<V>(g + 3 * padded + u));
                    const V cu = f * load<V>(c + u) + i * n;
                    store(c + u, cu);
                    store(h + u, o * ctorch::inference::tanh(cu));
                }
                if (!last) std::copy(h, h + padded, seq + t * padded);
            }
            input = seq;
            stride = padded;
        }
    }

    /// out[o] from the top hidden state: the (normalisation-folded) head.
    CTORCH_INLINE void head(const T *h, T *z, T *out) const {
        for (int64_t m = 0; m < units; ++m) {
            T sum = b1[m];
            for (int64_t k = 0; k < hidden; ++k) sum += w1[m * hidden + k] * h[k];
            z[m] = sum;
        }
        if (!grouped) {
            std::copy(z, z + units, out);
            return;
        }
        const int64_t group = units / outputs;
        for (int64_t o = 0; o < outputs; ++o) {
            T sum = b2[o];
            for (int64_t j = 0; j < group; ++j) sum += w2[o * group + j] * std::max(z[o * group + j], T(0));
            out[o] = sum;
        }
    }

    CTORCH_INLINE void forward(const T *x, int64_t batch, int64_t steps, T *out) const {
        // Per-thread scratch, reused across calls (no allocation once warm; concurrent calls are safe).
        thread_local std::vector<T> scratch;
        const int64_t columns = 4 * padded;
        const size_t need = static_cast<size_t>(steps * columns + steps * padded + 2 * padded + units);
        if (scratch.size() < need) scratch.resize(need);
        T *gates = scratch.data(), *seq = gates + steps * columns, *h = seq + steps * padded, *c = h + padded,
          *z = c + padded;
        for (int64_t b = 0; b < batch; ++b) {
            sequence(x + b * steps * features(), steps, gates, seq, h, c);
            head(h, z, out + b * outputs);
        }
    }

    at::Tensor run(const at::Tensor &input) const override;
};

// The same kernel compiled for AVX+FMA and for the baseline x86-64 (SSE2), chosen once at run time.
__attribute__((target("avx,fma"))) void forward_avx(const Kernel<float> &k, const float *x, int64_t b, int64_t s,
                                                    float *out) {
    k.forward(x, b, s, out);
}
__attribute__((target("avx,fma"))) void forward_avx(const Kernel<double> &k, const double *x, int64_t b, int64_t s,
                                                    double *out) {
    k.forward(x, b, s, out);
}
template <class T> void forward_baseline(const Kernel<T> &k, const T *x, int64_t b, int64_t s, T *out) {
    k.forward(x, b, s, out);
}

bool has_avx_fma() {
    static const bool yes = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
    return yes;
}

template <class T> at::Tensor Kernel<T>::run(const at::Tensor &input) const {
    const at::Tensor x = input.contiguous();
    const int64_t batch = x.size(0), steps = x.size(1);
    at::Tensor out = at::empty({batch, outputs}, x.options());
    if (batch == 0) return out;
    if (steps == 0) throw ctorch::InvalidArgument("FrozenLSTMPredictor needs at least one time step, got 0");
    if (has_avx_fma()) {
        forward_avx(*this, x.data_ptr<T>(), batch, steps, out.data_ptr<T>());
    } else {
        forward_baseline(*this, x.data_ptr<T>(), batch, steps, out.data_ptr<T>());
    }
    return out;
}

std::string shape_string(at::IntArrayRef sizes) {
    std::string s = "[";
    for (size_t d = 0; d < sizes.size(); ++d) s += (d ? ", " : "") + std::to_string(sizes[d]);
    return s + "]";
}
std::string shape_string(const at::Tensor &t) { return shape_string(t.sizes()); }

std::string dtype_name(at::ScalarType type) { return type == at::kFloat ? "float32" : type == at::kDouble ? "float64" : c10::toString(type); }

void expect_shape(const at::Tensor &t, std::vector<int64_t> shape, const std::string &name) {
    if (t.sizes().vec() != shape) {
        throw ctorch::InvalidArgument(name + ": expected shape " + shape_string(shape) + ", got " + shape_string(t));
    }
}

/// Copies `t` [rows, H] (gate-major rows, 4H of them) transposed into [rows' columns, 4·Hp] with each
/// gate's columns padded to Hp.
template <class T> std::vector<T> gate_transposed(const at::Tensor &t, int64_t hidden, int64_t padded) {
    const at::Tensor w = t.to(c10::CppTypeToScalarType<T>::value).contiguous();
    const int64_t in = w.size(1);
    const T *src = w.data_ptr<T>();
    std::vector<T> out(static_cast<size_t>(in * 4 * padded), T(0));
    for (int64_t gate = 0; gate < 4; ++gate)
        for (int64_t u = 0; u < hidden; ++u)
            for (int64_t k = 0; k < in; ++k) out[k * 4 * padded + gate * padded + u] = src[(gate * hidden + u) * in + k];
    return out;
}

template <class T> std::vector<T> values(const at::Tensor &t) {
    const at::Tensor c = t.to(c10::CppTypeToScalarType<T>::value).contiguous();
    return std::vector<T>(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
}

template <class T>
std::unique_ptr<KernelBase> make_kernel(const std::vector<at::Tensor> &params, bool has_biases, int64_t num_layers,
                                        const at::Tensor &head_w1, const at::Tensor &head_b1,
                                        const at::Tensor &head_w2, const at::Tensor &head_b2) {
    auto k = std::make_unique<Kernel<T>>();
    const int64_t per_layer = has_biases ? 4 : 2;
    k->hidden = params[1].size(1);
    k->padded = (k->hidden + Kernel<T>::W - 1) / Kernel<T>::W * Kernel<T>::W;
    const int64_t H = k->hidden, Hp = k->padded;
    for (int64_t l = 0; l < num_layers; ++l) {
        const at::Tensor &wih = params[l * per_layer], &whh = params[l * per_layer + 1];
        const std::string at_layer = " of layer " + std::to_string(l);
        if (wih.dim() != 2 || wih.size(0) != 4 * H || (l > 0 && wih.size(1) != H)) {
            throw ctorch::InvalidArgument("w_ih" + at_layer + ": expected shape [" + std::to_string(4 * H) + ", " +
                                          (l > 0 ? std::to_string(H) : "features") + "], got " + shape_string(wih));
        }
        expect_shape(whh, {4 * H, H}, "w_hh" + at_layer);
        Layer<T> layer;
        layer.in = wih.size(1);
        layer.wih = gate_transposed<T>(wih, H, Hp);
        layer.whh = gate_transposed<T>(whh, H, Hp);
        layer.bias.assign(static_cast<size_t>(4 * Hp), T(0));
        if (has_biases) {
            expect_shape(params[l * per_layer + 2], {4 * H}, "b_ih" + at_layer);
            expect_shape(params[l * per_layer + 3], {4 * H}, "b_hh" + at_layer);
            const std::vector<T> bih = values<T>(params[l * per_layer + 2]), bhh = values<T>(params[l * per_layer + 3]);
            for (int64_t gate = 0; gate < 4; ++gate)
                for (int64_t u = 0; u < H; ++u)
                    layer.bias[gate * Hp + u] = bih[gate * H + u] + bhh[gate * H + u];
        }
        k->layers.push_back(std::move(layer));
    }
    k->units = head_w1.size(0);
    k->w1 = values<T>(head_w1);
    k->b1 = values<T>(head_b1);
    k->grouped = head_w2.defined();
    k->outputs = k->grouped ? head_w2.size(0) : k->units;
    if (k->grouped) {
        k->w2 = values<T>(head_w2);
        k->b2 = head_b2.defined() ? values<T>(head_b2) : std::vector<T>(static_cast<size_t>(k->outputs), T(0));
    }
    return k;
}

}  // namespace

struct ctorch_lstm_kernel {
    std::unique_ptr<KernelBase> kernel;
};

extern "C" int32_t ctorch_lstm_kernel_create(const ctorch_tensor *const *params, int64_t count, bool has_biases,
                                             int64_t num_layers, const ctorch_tensor *norm_weight,
                                             const ctorch_tensor *norm_bias, const ctorch_tensor *norm_mean,
                                             const ctorch_tensor *norm_var, double norm_eps,
                                             const ctorch_tensor *head_w1, const ctorch_tensor *head_b1,
                                             const ctorch_tensor *head_w2, const ctorch_tensor *head_b2,
                                             ctorch_lstm_kernel **out) {
    return ctorch::guarded([&] {
        ctorch::require(params, "params");
        ctorch::require(head_w1, "head_w1");
        ctorch::require(out, "out");
        if (num_layers < 1 || count != num_layers * (has_biases ? 4 : 2)) {
            throw ctorch::InvalidArgument("expected " + std::to_string(num_layers * (has_biases ? 4 : 2)) +
                                          " LSTM weights for " + std::to_string(num_layers) + " layers, got " +
                                          std::to_string(count));
        }
        std::vector<at::Tensor> list;
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(params[i], "params[i]");
            list.push_back(params[i]->value.detach());
        }
        const at::ScalarType dtype = list[0].scalar_type();
        if (dtype != at::kFloat && dtype != at::kDouble) throw ctorch::InvalidArgument("LSTM weights must be float32 or float64");
        if (list[1].dim() != 2) throw ctorch::InvalidArgument("w_hh must be 2-D, got " + shape_string(list[1]));
        const int64_t H = list[1].size(1);
        // Fold the eval batch normalisation y = h·s + t (s = γ/√(var+ε), t = β − mean·s) into the first
        // head layer in float64: W1' = W1·diag(s), b1' = b1 + W1·t.
        at::Tensor w1 = head_w1->value.detach().to(at::kDouble);
        if (w1.dim() != 2 || w1.size(1) != H) {
            throw ctorch::InvalidArgument("head weight: expected shape [units, " + std::to_string(H) + "], got " +
                                          shape_string(w1));
        }
        const int64_t M = w1.size(0);
        at::Tensor b1 = head_b1 ? head_b1->value.detach().to(at::kDouble) : at::zeros({M}, at::kDouble);
        expect_shape(b1, {M}, "head bias");
        if ((norm_mean == nullptr) != (norm_var == nullptr)) throw ctorch::InvalidArgument("give both norm_mean and norm_var, or neither");
        if (norm_mean != nullptr) {
            const at::Tensor mean = norm_mean->value.detach().to(at::kDouble), var = norm_var->value.detach().to(at::kDouble);
            expect_shape(mean, {H}, "norm running_mean");
            expect_shape(var, {H}, "norm running_var");
            at::Tensor s = at::rsqrt(var + norm_eps);
            if (norm_weight) s = s * norm_weight->value.detach().to(at::kDouble);
            at::Tensor t = -mean * s;
            if (norm_bias) t = t + norm_bias->value.detach().to(at::kDouble);
            b1 = b1 + at::mv(w1, t);
            w1 = w1 * s.unsqueeze(0);
        }
        at::Tensor w2, b2;
        if (head_w2 != nullptr) {
            w2 = head_w2->value.detach();
            if (w2.dim() != 2 || w2.size(0) < 1 || w2.size(0) * w2.size(1) != M) {
                throw ctorch::InvalidArgument("grouped head weight: expected [outputs, " + std::to_string(M) +
                                              " / outputs], got " + shape_string(w2));
            }
            if (head_b2) {
                b2 = head_b2->value.detach();
                expect_shape(b2, {w2.size(0)}, "grouped head bias");
            }
        }
        auto kernel = dtype == at::kFloat ? make_kernel<float>(list, has_biases, num_layers, w1, b1, w2, b2)
                                          : make_kernel<double>(list, has_biases, num_layers, w1, b1, w2, b2);
        *out = new ctorch_lstm_kernel{std::move(kernel)};
    });
}

extern "C" void ctorch_lstm_kernel_free(ctorch_lstm_kernel *kernel) { delete kernel; }

extern "C" int32_t ctorch_lstm_kernel_run(const ctorch_lstm_kernel *kernel, const ctorch_tensor *input,
                                          bool batch_first, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(kernel, "kernel");
        ctorch::require(input, "input");
        ctorch::require(out, "out");
        const KernelBase &k = *kernel->kernel;
        at::Tensor x = input->value;
        if (x.dim() != 3 || x.size(2) != k.features()) {
            const std::string f = std::to_string(k.features());
            throw ctorch::InvalidArgument("FrozenLSTMPredictor expects input of shape " +
                                          (batch_first ? "[batch, sequence, " + f + "]" : "[sequence, batch, " + f + "]") +
                                          ", got " + shape_string(x));
        }
        if (x.scalar_type() != k.dtype()) {
            throw ctorch::InvalidArgument("FrozenLSTMPredictor expects " + dtype_name(k.dtype()) + " input, got " +
                                          dtype_name(x.scalar_type()));
        }
        if (!batch_first) x = x.transpose(0, 1);
        *out = ctorch::wrap(k.run(x.detach()));
    });
}
