// A planted violation for the layers.upward-include-fails test: only config/ and cli/ read the
// environment.
#include "config/Environment.h"
