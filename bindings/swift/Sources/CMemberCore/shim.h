/* The umbrella header of libmembercore, for the CMemberCore module (module.modulemap). */
#ifndef CMEMBERCORE_SHIM_H
#define CMEMBERCORE_SHIM_H
#include <membercore/membercore.h>
#endif
