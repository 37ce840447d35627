#include "sbom/model/DependencyResolver.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace signet::sbom {

std::vector<DependencyEdge> resolveDependencies(const std::vector<Package>& packages) {
    using Scope = std::pair<std::string, std::string>;  // type, primary evidence path
    auto scopeOf = [](const Package& p) {
        if (!p.dependencyScope.empty()) return Scope{p.type, p.dependencyScope};
        return Scope{p.type, p.locations.empty() ? "" : p.locations.front().path};
    };
    std::map<Scope, std::map<std::string, std::vector<std::size_t>>> providers;
    for (std::size_t i = 0; i < packages.size(); ++i) {
        auto& names = providers[scopeOf(packages[i])];
        names[packages[i].name].push_back(i);
        for (const auto& alias : packages[i].provides) names[alias].push_back(i);
    }
    std::set<std::pair<std::size_t, std::size_t>> edges;
    for (std::size_t dependant = 0; dependant < packages.size(); ++dependant) {
        const auto& names = providers[scopeOf(packages[dependant])];
        for (const auto& wanted : packages[dependant].dependsOn) {
            auto found = names.find(wanted);
            if (found == names.end()) continue;
            for (std::size_t dependency : found->second) {
                if (dependency != dependant) edges.insert({dependency, dependant});
            }
        }
    }
    std::vector<DependencyEdge> out;
    for (const auto& [dependency, dependant] : edges) out.push_back({dependency, dependant});
    return out;
}

}  // namespace signet::sbom
