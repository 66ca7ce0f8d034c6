// Thread-local error reporting for the CTorch C API.
#include "Shim.hpp"

namespace {
thread_local std::string last_error;
}

void ctorch::set_last_error(std::string message) noexcept {
    try {
        last_error = std::move(message);
    } catch (...) {
        // Assigning can only fail on allocation; keep the previous text rather than throw.
    }
}

extern "C" const char *ctorch_last_error(void) {
    return last_error.c_str();
}
