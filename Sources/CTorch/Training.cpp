// Finiteness checks of training data (see CTorchTraining.h).
#include "Shim.hpp"
#include "CTorchTraining.h"

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
