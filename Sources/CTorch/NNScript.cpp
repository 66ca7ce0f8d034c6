// TorchScript modules saved in Python (torch.jit.save), loaded and run through libtorch's JIT.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"  // c10::Dict iterators (libtorch header)
#include "NNShim.hpp"

#include <torch/csrc/jit/serialization/import.h>
#pragma clang diagnostic pop

#include <memory>
#include <string>

struct ctorch_script_module {
    torch::jit::Module value;
};

extern "C" int32_t ctorch_script_load(const char *path, ctorch_script_module **out) {
    return ctorch::guarded([&] {
        ctorch::require(path, "path");
        ctorch::require(out, "out");
        auto module = std::make_unique<ctorch_script_module>(
            ctorch_script_module{torch::jit::load(std::string(path), c10::Device(c10::kCPU))});
        *out = module.release();
    });
}

extern "C" void ctorch_script_free(ctorch_script_module *module) {
    delete module;
}

extern "C" int32_t ctorch_script_set_training(ctorch_script_module *module, bool training) {
    return ctorch::guarded([&] {
        ctorch::require(module, "module");
        module->value.train(training);
    });
}

extern "C" int32_t ctorch_script_forward(ctorch_script_module *module, const ctorch_tensor *const *inputs,
                                         int64_t count, ctorch_tensor **outputs, int64_t capacity,
                                         int64_t *out_count) {
    return ctorch::guarded([&] {
        ctorch::require(module, "module");
        ctorch::require(out_count, "out_count");
        if (count < 0 || capacity < 0) throw ctorch::InvalidArgument("count and capacity must be >= 0");
        if (count > 0) ctorch::require(inputs, "inputs");
        std::vector<c10::IValue> arguments;
        arguments.reserve(static_cast<size_t>(count));
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(inputs[i], "inputs[i]");
            arguments.emplace_back(inputs[i]->value);
        }
        const c10::IValue result = module->value.forward(std::move(arguments));

        std::vector<at::Tensor> tensors;
        if (result.isTensor()) {
            tensors.push_back(result.toTensor());
        } else if (result.isTuple()) {
            for (const c10::IValue &element : result.toTupleRef().elements()) {
                if (!element.isTensor()) throw ctorch::InvalidArgument("forward returned a tuple holding a non-tensor");
                tensors.push_back(element.toTensor());
            }
        } else if (result.isTensorList()) {
            for (const at::Tensor &element : result.toTensorVector()) tensors.push_back(element);
        } else {
            throw ctorch::InvalidArgument(std::string("forward returned ") + result.tagKind() +
                                          ", not a tensor or a tuple of tensors");
        }
        if (static_cast<int64_t>(tensors.size()) > capacity) {
            throw ctorch::InvalidArgument("forward returned " + std::to_string(tensors.size()) +
                                          " tensors but there is room for " + std::to_string(capacity));
        }
        if (!tensors.empty()) ctorch::require(outputs, "outputs");
        for (size_t i = 0; i < tensors.size(); ++i) outputs[i] = ctorch::wrap(std::move(tensors[i]));
        *out_count = static_cast<int64_t>(tensors.size());
    });
}
