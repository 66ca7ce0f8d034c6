// Multi-head attention composed from ATen calls, following the arithmetic of
// torch.nn.functional.multi_head_attention_forward (PyTorch 1.13), attention dropout from an
// explicit generator.
#include "NNShim.hpp"

#include <cmath>
#include <limits>
#include <string>

extern "C" int32_t ctorch_nn_multi_head_attention(const ctorch_tensor *query, const ctorch_tensor *key,
                                                  const ctorch_tensor *value,
                                                  const ctorch_tensor *in_proj_weight,
                                                  const ctorch_tensor *in_proj_bias,
                                                  const ctorch_tensor *out_proj_weight,
                                                  const ctorch_tensor *out_proj_bias, int64_t num_heads,
                                                  bool batch_first, const ctorch_tensor *attn_mask,
                                                  const ctorch_tensor *key_padding_mask, double dropout,
                                                  ctorch_generator *generator, ctorch_tensor **out,
                                                  ctorch_tensor **out_weights) {
    return ctorch::guarded([&] {
        ctorch::require(query, "query");
        ctorch::require(key, "key");
        ctorch::require(value, "value");
        ctorch::require(in_proj_weight, "in_proj_weight");
        ctorch::require(out_proj_weight, "out_proj_weight");
        ctorch::require(out, "out");
        if (query->value.dim() != 3 || key->value.dim() != 3 || value->value.dim() != 3) {
            throw ctorch::InvalidArgument("attention query, key and value must be 3-D");
        }
        // Work in (sequence, batch, embed) like the reference implementation.
        at::Tensor q = batch_first ? query->value.transpose(0, 1) : query->value;
        at::Tensor k = batch_first ? key->value.transpose(0, 1) : key->value;
        at::Tensor v = batch_first ? value->value.transpose(0, 1) : value->value;
        const int64_t target = q.size(0), batch = q.size(1), embed = q.size(2), source = k.size(0);
        if (num_heads <= 0 || embed % num_heads != 0) {
            throw ctorch::InvalidArgument("embed dim " + std::to_string(embed) + " is not divisible by " +
                                          std::to_string(num_heads) + " heads");
        }
        if (k.size(1) != batch || v.size(1) != batch || v.size(0) != source) {
            throw ctorch::InvalidArgument("key and value must match the query's batch and each other's length");
        }
        const int64_t head_dim = embed / num_heads;

        const std::vector<at::Tensor> w = in_proj_weight->value.chunk(3);
        std::vector<at::Tensor> b(3);
        if (in_proj_bias != nullptr) b = in_proj_bias->value.chunk(3);
        q = at::linear(q, w[0], b[0]);
        k = at::linear(k, w[1], b[1]);
        v = at::linear(v, w[2], b[2]);

        // (L, N, E) -> (N * heads, L, head_dim)
        q = q.contiguous().view({target, batch * num_heads, head_dim}).transpose(0, 1);
        k = k.contiguous().view({source, batch * num_heads, head_dim}).transpose(0, 1);
        v = v.contiguous().view({source, batch * num_heads, head_dim}).transpose(0, 1);

        q = q / std::sqrt(static_cast<double>(head_dim));
        at::Tensor scores = at::bmm(q, k.transpose(-2, -1));  // (N * heads, L, S)
        if (attn_mask != nullptr) {
            const at::Tensor &mask = attn_mask->value;
            const bool shaped = (mask.dim() == 2 && mask.size(0) == target && mask.size(1) == source) ||
                                (mask.dim() == 3 && mask.size(0) == batch * num_heads && mask.size(1) == target &&
                                 mask.size(2) == source);
            if (!shaped) {
                throw ctorch::InvalidArgument("attention mask must be (" + std::to_string(target) + ", " +
                                              std::to_string(source) + ") or (" + std::to_string(batch * num_heads) +
                                              ", " + std::to_string(target) + ", " + std::to_string(source) +
                                              "), got " + c10::str(mask.sizes()));
            }
            scores = scores + mask;
        }
        if (key_padding_mask != nullptr) {
            const at::Tensor &mask = key_padding_mask->value;
            if (mask.dim() != 2 || mask.size(0) != batch || mask.size(1) != source) {
                throw ctorch::InvalidArgument("key padding mask must be (" + std::to_string(batch) + ", " +
                                              std::to_string(source) + "), got " + c10::str(mask.sizes()));
            }
            const at::Tensor padded = (mask != 0).view({batch, 1, 1, source})
                                          .expand({batch, num_heads, 1, source})
                                          .reshape({batch * num_heads, 1, source});
            scores = scores.masked_fill(padded, -std::numeric_limits<double>::infinity());
        }
        at::Tensor attention = at::softmax(scores, -1);
        if (dropout > 0 && generator != nullptr) attention = ctorch::seeded_dropout(attention, dropout, generator->value);
        at::Tensor output = at::bmm(attention, v);  // (N * heads, L, head_dim)
        output = output.transpose(0, 1).contiguous().view({target * batch, embed});
        output = at::linear(output, out_proj_weight->value, ctorch::optional_tensor(out_proj_bias));
        output = output.view({target, batch, embed});
        if (batch_first) output = output.transpose(0, 1).contiguous();

        if (out_weights != nullptr) {
            *out_weights = ctorch::wrap(attention.view({batch, num_heads, target, source}).mean(1));
        }
        *out = ctorch::wrap(std::move(output));
    });
}
