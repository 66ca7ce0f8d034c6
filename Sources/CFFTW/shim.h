// FFTW 3's C interface (double precision), from libfftw3-dev.
#include <fftw3.h>
