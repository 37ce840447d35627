// DependencyResolver: turns packages' provides/dependsOn names into DEPENDENCY_OF edges.
#pragma once

#include <vector>

#include "sbom/model/Sbom.h"

namespace signet::sbom {

// Edges among `packages` (already in final order): a package that provides a name another
// package of the same type and same primary evidence file (or dependencyScope) depends on is
// its dependency.
std::vector<DependencyEdge> resolveDependencies(const std::vector<Package>& packages);

}  // namespace signet::sbom
