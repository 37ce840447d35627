#include "error/SettingSpelling.h"

namespace signet {
namespace {

SettingSpeller& installed() {
    static SettingSpeller speller;
    return speller;
}

}  // namespace

std::string spellSetting(std::string_view key, std::string_view value) {
    if (const auto& speller = installed()) return speller(key, value);
    std::string text(key);
    if (!value.empty()) text += "=" + std::string(value);
    return text;
}

void installSettingSpelling(SettingSpeller speller) {
    installed() = std::move(speller);
}

}  // namespace signet
