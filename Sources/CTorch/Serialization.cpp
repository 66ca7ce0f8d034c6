// State dicts in torch.save's format and TorchScript modules (see CTorchSerialization.h).
#include "Shim.hpp"
#include "CTorchSerialization.h"

#include <ATen/core/grad_mode.h>
// libtorch 1.13's c10::Dict iterators derive from std::iterator, deprecated in C++17, and the
// warning fires wherever this file instantiates them: it is about the library, not this code.
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
#include <ATen/core/Dict.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/import.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <vector>

struct ctorch_named_tensors {
    std::vector<std::string> names;
    std::vector<at::Tensor> tensors;
};

struct ctorch_script_module {
    torch::jit::Module module;
};

namespace {

std::vector<char> read_file(const char *path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot open ") + path);
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

extern "C" int32_t ctorch_state_dict_save(const char *path, const char *const *names,
                                          const ctorch_tensor *const *tensors, int64_t count) {
    return ctorch::guarded([&] {
        ctorch::require(path, "path");
        if (count < 0) throw ctorch::InvalidArgument("count must be >= 0");
        if (count > 0) {
            ctorch::require(names, "names");
            ctorch::require(tensors, "tensors");
        }
        c10::Dict<std::string, at::Tensor> dict;
        std::set<std::string> seen;
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(names[i], "names[i]");
            ctorch::require(tensors[i], "tensors[i]");
            if (!seen.insert(names[i]).second) {
                throw ctorch::InvalidArgument(std::string("duplicate name '") + names[i] + "'");
            }
            // Saved as plain tensors (no autograd history), as state_dict() returns them.
            dict.insert(names[i], tensors[i]->value.detach());
        }
        std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error(std::string("cannot write ") + path);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw std::runtime_error(std::string("cannot write ") + path);
    });
}

extern "C" int32_t ctorch_state_dict_load(const char *path, ctorch_named_tensors **out) {
    return ctorch::guarded([&] {
        ctorch::require(path, "path");
        ctorch::require(out, "out");
        std::vector<char> bytes = read_file(path);
        c10::IValue value;
        try {
            value = torch::jit::pickle_load(bytes);
        } catch (const c10::Error &) {
            // libtorch 1.13's unpickler turns every collections.OrderedDict into None (it expects
            // one only as a tensor's empty backward-hooks argument) and then fails filling it;
            // state_dict() returns one. Say so rather than pass on the internal assertion.
            static const std::string ordered = "collections\nOrderedDict";
            if (std::search(bytes.begin(), bytes.end(), ordered.begin(), ordered.end()) != bytes.end()) {
                throw std::runtime_error(std::string(path) +
                                         ": a collections.OrderedDict, which libtorch 1.13 cannot read; in Python save "
                                         "torch.save(dict(model.state_dict()), path) instead");
            }
            throw;
        }
        if (!value.isGenericDict()) {
            throw std::runtime_error(std::string(path) + ": expected a dict of name → tensor (a state dict), found " +
                                     value.tagKind());
        }
        auto list = std::make_unique<ctorch_named_tensors>();
        for (const auto &entry : value.toGenericDict()) {
            if (!entry.key().isString()) {
                throw std::runtime_error(std::string(path) + ": a state-dict key is not a string");
            }
            if (!entry.value().isTensor()) {
                throw std::runtime_error(std::string(path) + ": entry '" + entry.key().toStringRef() +
                                         "' is not a tensor (" + entry.value().tagKind() + ")");
            }
            list->names.push_back(entry.key().toStringRef());
            list->tensors.push_back(entry.value().toTensor());
        }
        *out = list.release();
    });
}

extern "C" int64_t ctorch_named_tensors_count(const ctorch_named_tensors *list) {
    return list == nullptr ? 0 : static_cast<int64_t>(list->names.size());
}

extern "C" const char *ctorch_named_tensors_name(const ctorch_named_tensors *list, int64_t index) {
    if (list == nullptr || index < 0 || index >= static_cast<int64_t>(list->names.size())) return nullptr;
    return list->names[static_cast<size_t>(index)].c_str();
}

extern "C" int32_t ctorch_named_tensors_tensor(const ctorch_named_tensors *list, int64_t index, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(list, "list");
        ctorch::require(out, "out");
        if (index < 0 || index >= static_cast<int64_t>(list->tensors.size())) {
            throw ctorch::InvalidArgument("index out of range");
        }
        *out = ctorch::wrap(list->tensors[static_cast<size_t>(index)]);
    });
}

extern "C" void ctorch_named_tensors_free(ctorch_named_tensors *list) { delete list; }

extern "C" int32_t ctorch_script_load(const char *path, ctorch_script_module **out) {
    return ctorch::guarded([&] {
        ctorch::require(path, "path");
        ctorch::require(out, "out");
        auto module = std::make_unique<ctorch_script_module>(ctorch_script_module{torch::jit::load(path, c10::Device(c10::kCPU))});
        module->module.eval();
        *out = module.release();
    });
}

extern "C" void ctorch_script_free(ctorch_script_module *module) { delete module; }

extern "C" int32_t ctorch_script_forward(ctorch_script_module *module, const ctorch_tensor *const *inputs,
                                         int64_t count, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(module, "module");
        ctorch::require(out, "out");
        if (count < 0) throw ctorch::InvalidArgument("count must be >= 0");
        if (count > 0) ctorch::require(inputs, "inputs");
        std::vector<c10::IValue> arguments;
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(inputs[i], "inputs[i]");
            arguments.emplace_back(inputs[i]->value);
        }
        at::NoGradGuard noGrad;
        c10::IValue result = module->module.forward(arguments);
        if (!result.isTensor()) {
            throw std::runtime_error(std::string("forward returned ") + result.tagKind() + ", expected a tensor");
        }
        *out = ctorch::wrap(result.toTensor());
    });
}
