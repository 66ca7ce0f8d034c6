// Mini-batch selection and finiteness checks for the trainer (see CTorchTraining.h).
#include "Shim.hpp"
#include "CTorchTraining.h"

extern "C" int32_t ctorch_take_rows(const ctorch_tensor *tensor, const int64_t *indices, int64_t count,
                                    ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        if (count < 0) throw ctorch::InvalidArgument("count must be >= 0");
        if (count > 0) ctorch::require(indices, "indices");
        if (tensor->value.dim() < 1) throw ctorch::InvalidArgument("take_rows needs a tensor with at least one dimension");
        // from_blob borrows the caller's buffer; clone so the index tensor owns its memory.
        at::Tensor index = at::from_blob(const_cast<int64_t *>(indices), {count}, at::kLong).clone();
        *out = ctorch::wrap(at::index_select(tensor->value, 0, index));
    });
}

extern "C" int32_t ctorch_select(const ctorch_tensor *tensor, int64_t dim, int64_t index, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = ctorch::wrap(tensor->value.select(dim, index));
    });
}

extern "C" int32_t ctorch_all_finite(const ctorch_tensor *tensor, bool *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        *out = at::isfinite(tensor->value).all().item<bool>();
    });
}

extern "C" int32_t ctorch_first_nonfinite_row(const ctorch_tensor *tensor, int64_t *out) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(out, "out");
        const at::Tensor &t = tensor->value;
        if (t.dim() == 0) {
            *out = at::isfinite(t).item<bool>() ? -1 : 0;
            return;
        }
        at::Tensor bad = at::logical_not(at::isfinite(t)).reshape({t.size(0), -1}).any(1);
        at::Tensor rows = at::nonzero(bad);
        *out = rows.numel() == 0 ? -1 : rows[0][0].item<int64_t>();
    });
}
