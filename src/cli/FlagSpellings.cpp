#include "cli/FlagSpellings.h"

namespace signet::cli {

std::optional<config::FlagSpellings> flagSpellingsOf(const std::string& command) {
    if (command == "run") return std::nullopt;
    // What every command that reaches a registry has (RegistryFlags, --key, --timeout).
    config::FlagSpellings flags = {
        {"key", "--key"},
        {"registry.timeout", "--timeout"},
        {"registry.insecure", "--allow-http-registry"},
    };
    if (command == "sign" || command == "attest" || command == "attach") {  // TagFlags
        flags["allow_tag_only=true"] = "--allow-tag-only";
        flags["verify_tags=false"] = "--no-verify-tags";
    }
    if (command == "sign") {
        flags["identity"] = "--identity";
        flags["recursive=true"] = "--recursive";
    }
    return flags;
}

}  // namespace signet::cli
