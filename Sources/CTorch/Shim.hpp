// Private C++ helpers shared by the CTorch implementation files.
// Not part of the public C API (lives outside include/).
#pragma once

#include "CTorch.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

/// The opaque handle: owns one at::Tensor (a reference-counted TensorImpl).
struct ctorch_tensor {
    at::Tensor value;
};

namespace ctorch {

/// Thrown by the shim itself when a caller passes bad arguments.
struct InvalidArgument : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// Stores `message` as the calling thread's last error.
void set_last_error(std::string message) noexcept;

/// Runs `body`, translating every exception into a status code + message.
/// This is the only place exceptions are caught; every extern "C" entry point
/// that can fail goes through it, so no exception reaches the C (Swift) caller.
template <class Body>
int32_t guarded(Body &&body) noexcept {
    try {
        std::forward<Body>(body)();
        return CTORCH_OK;
    } catch (const InvalidArgument &e) {
        set_last_error(e.what());
        return CTORCH_ERROR_INVALID_ARGUMENT;
    } catch (const c10::Error &e) {
        // what() carries a C++ backtrace in libtorch 1.13; keep the message only.
        set_last_error(e.what_without_backtrace());
        return CTORCH_ERROR_TORCH;
    } catch (const std::exception &e) {
        set_last_error(e.what());
        return CTORCH_ERROR_STD;
    } catch (...) {
        set_last_error("unknown C++ exception");
        return CTORCH_ERROR_UNKNOWN;
    }
}

/// Throws InvalidArgument when `pointer` is null.
inline void require(const void *pointer, const char *name) {
    if (pointer == nullptr) {
        throw InvalidArgument(std::string(name) + " must not be NULL");
    }
}

/// Maps a CTORCH_DTYPE_* constant to an ATen scalar type.
at::ScalarType scalar_type(int32_t dtype);

/// Maps an ATen scalar type back to a CTORCH_DTYPE_* constant.
int32_t dtype_code(at::ScalarType type);

/// Moves `tensor` into a new heap handle.
inline ctorch_tensor *wrap(at::Tensor tensor) {
    return new ctorch_tensor{std::move(tensor)};
}

}  // namespace ctorch
