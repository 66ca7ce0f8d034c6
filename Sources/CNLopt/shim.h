// NLopt's C interface, from libnlopt-dev (used for L-BFGS and SLSQP).
#include <nlopt.h>
