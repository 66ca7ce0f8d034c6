// State-dict files: a dict of named tensors pickled the way torch.save does,
// so files move freely between Barbell and Python.
// c10::Dict's iterators derive from std::iterator, deprecated in C++17; the
// warning is about libtorch's header, not this file, so silence it here.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
#include "NNShim.hpp"

#include <torch/csrc/jit/serialization/pickle.h>
#pragma clang diagnostic pop

#include <fstream>
#include <iterator>
#include <string>
#include <utility>

struct ctorch_tensor_dict {
    std::vector<std::pair<std::string, at::Tensor>> entries;
};

extern "C" int32_t ctorch_tensor_dict_save(const char *const *names, const ctorch_tensor *const *tensors,
                                           int64_t count, const char *path) {
    return ctorch::guarded([&] {
        ctorch::require(path, "path");
        if (count < 0) throw ctorch::InvalidArgument("count must be >= 0");
        if (count > 0) {
            ctorch::require(names, "names");
            ctorch::require(tensors, "tensors");
        }
        c10::Dict<std::string, at::Tensor> dict;  // keeps insertion order
        for (int64_t i = 0; i < count; ++i) {
            ctorch::require(names[i], "names[i]");
            ctorch::require(tensors[i], "tensors[i]");
            // Saved values are plain data: no autograd history or requires_grad flag.
            dict.insert(names[i], tensors[i]->value.detach());
        }
        const std::vector<char> bytes = torch::jit::pickle_save(dict);
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        if (!file) throw std::runtime_error(std::string("cannot open ") + path + " for writing");
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!file) throw std::runtime_error(std::string("cannot write ") + path);
    });
}

extern "C" int32_t ctorch_tensor_dict_load(const char *path, ctorch_tensor_dict **out) {
    return ctorch::guarded([&] {
        ctorch::require(path, "path");
        ctorch::require(out, "out");
        std::ifstream file(path, std::ios::binary);
        if (!file) throw std::runtime_error(std::string("cannot open ") + path);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const c10::IValue value = torch::jit::pickle_load(bytes);
        if (!value.isGenericDict()) {
            throw ctorch::InvalidArgument(std::string(path) + " does not hold a dict of tensors (found " +
                                          value.tagKind() + ")");
        }
        auto result = std::make_unique<ctorch_tensor_dict>();
        for (const auto &entry : value.toGenericDict()) {
            if (!entry.key().isString() || !entry.value().isTensor()) {
                throw ctorch::InvalidArgument(std::string(path) + " holds a non-string key or non-tensor value");
            }
            at::Tensor tensor = entry.value().toTensor();
            if (!at::isFloatingType(tensor.scalar_type()) ||
                (tensor.scalar_type() != at::kFloat && tensor.scalar_type() != at::kDouble)) {
                tensor = tensor.to(at::kDouble);
            }
            result->entries.emplace_back(entry.key().toStringRef(), std::move(tensor));
        }
        *out = result.release();
    });
}

namespace {

const std::pair<std::string, at::Tensor> &entry_at(const ctorch_tensor_dict *dict, int64_t index) {
    ctorch::require(dict, "dict");
    if (index < 0 || index >= static_cast<int64_t>(dict->entries.size())) {
        throw ctorch::InvalidArgument("index " + std::to_string(index) + " is outside the dict's " +
                                      std::to_string(dict->entries.size()) + " entries");
    }
    return dict->entries[static_cast<size_t>(index)];
}

}  // namespace

extern "C" int32_t ctorch_tensor_dict_count(const ctorch_tensor_dict *dict, int64_t *out) {
    return ctorch::guarded([&] {
        ctorch::require(dict, "dict");
        ctorch::require(out, "out");
        *out = static_cast<int64_t>(dict->entries.size());
    });
}

extern "C" int32_t ctorch_tensor_dict_name(const ctorch_tensor_dict *dict, int64_t index, const char **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        *out = entry_at(dict, index).first.c_str();
    });
}

extern "C" int32_t ctorch_tensor_dict_tensor(const ctorch_tensor_dict *dict, int64_t index, ctorch_tensor **out) {
    return ctorch::guarded([&] {
        ctorch::require(out, "out");
        *out = ctorch::wrap(entry_at(dict, index).second);
    });
}

extern "C" void ctorch_tensor_dict_free(ctorch_tensor_dict *dict) {
    delete dict;
}
