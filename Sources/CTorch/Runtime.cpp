// Grad mode, detach / zero_grad, devices and intra-op threads.
#include "OpsShim.hpp"

#include <ATen/Parallel.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <c10/core/GradMode.h>

extern "C" void ctorch_grad_mode_set(bool enabled, bool *previous) {
    // GradMode is thread-local in libtorch: this affects the calling thread only.
    if (previous != nullptr) *previous = c10::GradMode::is_enabled();
    c10::GradMode::set_enabled(enabled);
}

extern "C" bool ctorch_grad_mode_enabled(void) {
    return c10::GradMode::is_enabled();
}

extern "C" int32_t ctorch_tensor_detach(const ctorch_tensor *tensor, ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [](const at::Tensor &x) { return x.detach(); });
}

extern "C" int32_t ctorch_tensor_zero_grad(ctorch_tensor *tensor) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        // Like torch's zero_grad(set_to_none=True): drop the buffer rather than fill it.
        tensor->value.mutable_grad().reset();
    });
}

extern "C" int64_t ctorch_cuda_device_count(void) {
    try {
        if (!at::hasCUDA()) return 0;
        return at::detail::getCUDAHooks().getNumGPUs();
    } catch (...) {
        return 0;  // A broken CUDA runtime means "no usable device".
    }
}

extern "C" int32_t ctorch_tensor_device(const ctorch_tensor *tensor, int32_t *type, int64_t *index) {
    return ctorch::guarded([&] {
        ctorch::require(tensor, "tensor");
        ctorch::require(type, "type");
        ctorch::require(index, "index");
        const at::Device device = tensor->value.device();
        if (device.is_cpu()) {
            *type = CTORCH_DEVICE_CPU;
        } else if (device.is_cuda()) {
            *type = CTORCH_DEVICE_CUDA;
        } else {
            throw ctorch::InvalidArgument("unsupported device " + device.str());
        }
        *index = device.index();
    });
}

extern "C" int32_t ctorch_tensor_to_device(const ctorch_tensor *tensor, int32_t type, int64_t index,
                                           ctorch_tensor **out) {
    return ctorch::unary_entry(tensor, out, [&](const at::Tensor &x) {
        if (index < -1 || index > 127) throw ctorch::InvalidArgument("device index out of range");
        const auto device_index = static_cast<c10::DeviceIndex>(index);
        switch (type) {
        case CTORCH_DEVICE_CPU: return x.to(at::Device(at::kCPU));
        case CTORCH_DEVICE_CUDA: return x.to(at::Device(at::kCUDA, device_index));
        default: throw ctorch::InvalidArgument("unknown device type " + std::to_string(type));
        }
    });
}

extern "C" int32_t ctorch_set_num_threads(int64_t count) {
    return ctorch::guarded([&] {
        if (count < 1 || count > 4096) throw ctorch::InvalidArgument("thread count must be in 1...4096");
        at::set_num_threads(static_cast<int>(count));
    });
}

extern "C" int64_t ctorch_get_num_threads(void) {
    return at::get_num_threads();
}
