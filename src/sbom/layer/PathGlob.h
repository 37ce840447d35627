// PathGlob: a path pattern with `**` (any directories), `*` and `?` (within one path segment).
#pragma once

#include <string>
#include <string_view>

namespace signet::sbom {

class PathGlob {
  public:
    // `pattern` is relative to the image root, e.g. "**/lib/dpkg/status" or "etc/os-release".
    explicit PathGlob(std::string pattern);

    // `path` is absolute ("/var/lib/dpkg/status") or relative to the root.
    bool matches(std::string_view path) const;
    const std::string& pattern() const { return pattern_; }

  private:
    std::string pattern_;
};

}  // namespace signet::sbom
