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
    if (command == "sign") {
        flags["allow_tag_only=true"] = "--allow-tag-only";
        flags["verify_tags=false"] = "--no-verify-tags";
        flags["identity"] = "--identity";
        flags["recursive=true"] = "--recursive";
    }
    return flags;
}

}  // namespace signet::cli
