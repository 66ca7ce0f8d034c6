// Library version reporting.
#include "CTorch.h"

// Self-contained header (only #defines); included by path so no extra include
// directory (and hence no unsafeFlags) is needed.
#include <torch/csrc/api/include/torch/version.h>

extern "C" const char *ctorch_version(void) {
    return TORCH_VERSION;
}
