// A planted violation for the layers.upward-include-fails test: oci/ may not include cli/.
#include "cli/Commands.h"
