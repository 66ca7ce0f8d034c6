// LAPACK's C interface (LAPACKE) and CBLAS, from liblapacke-dev and libopenblas-dev (Debian's
// alternatives point libblas/liblapack at OpenBLAS).
#include <lapacke.h>
#include <cblas.h>
