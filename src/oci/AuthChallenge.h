// AuthChallenge: a WWW-Authenticate challenge (RFC 7235) such as Bearer realm=…,service=….
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace signet::oci {

struct AuthChallenge {
    std::string scheme;                         // lower-case: "bearer", "basic"
    std::map<std::string, std::string> params;  // lower-case names → unquoted values

    std::string param(const std::string& name) const {
        auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
    }
};

// Every challenge in a WWW-Authenticate value; quoted values may hold commas and \-escapes.
// Malformed parts are skipped, so this never throws; an empty vector means nothing usable.
std::vector<AuthChallenge> parseAuthChallenges(std::string_view header);

}  // namespace signet::oci
