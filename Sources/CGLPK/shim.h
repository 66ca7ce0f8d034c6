// The GNU Linear Programming Kit's C interface, from libglpk-dev.
#include <glpk.h>
