#include "config/ValueParsing.h"

#include <cctype>
#include <limits>

#include "error/Error.h"

namespace signet::config {
namespace {

constexpr std::size_t kMaxQuoted = 80;

[[noreturn]] void fail(std::string_view origin, const std::string& problem) {
    throw Error(ErrorKind::Config, std::string(origin) + ": " + problem);
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> splitOn(std::string_view text, std::string_view separators) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of(separators, start);
        if (end == std::string_view::npos) end = text.size();
        std::string item = trim(text.substr(start, end - start));
        if (!item.empty()) items.push_back(std::move(item));
        start = end + 1;
    }
    return items;
}

// Parses leading decimal digits of `text` starting at `pos`; false on overflow or no digits.
bool readNumber(std::string_view text, std::size_t& pos, std::uint64_t& value) {
    std::size_t begin = pos;
    value = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        unsigned digit = static_cast<unsigned>(text[pos] - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
        value = value * 10 + digit;
        ++pos;
    }
    return pos > begin;
}

std::string joinChoices(const std::vector<std::string>& choices) {
    std::string out;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) out += (i + 1 == choices.size()) ? " or " : ", ";
        out += choices[i];
    }
    return out;
}

bool isLowerHex(std::string_view text) {
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'a' || c > 'f')) return false;
    }
    return true;
}

}  // namespace

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin])) ++begin;
    while (end > begin && isSpace(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> splitList(std::string_view text) {
    return splitOn(text, "\n\r, \t");
}

std::vector<std::string> splitLines(std::string_view text) {
    return splitOn(text, "\n\r");
}

std::string quoteForMessage(std::string_view text) {
    static const char* kHex = "0123456789abcdef";
    std::string out = "'";
    for (std::size_t i = 0; i < text.size() && i < kMaxQuoted; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > kMaxQuoted) out += "...";
    return out + "'";
}

bool parseBool(std::string_view text, std::string_view origin) {
    std::string word = lower(trim(text));
    if (word == "true" || word == "1" || word == "yes") return true;
    if (word == "false" || word == "0" || word == "no") return false;
    fail(origin, "must be true, false, 1, 0, yes or no, got " + quoteForMessage(text));
}

std::chrono::seconds parseDuration(std::string_view text, std::string_view origin) {
    const std::string value = trim(text);
    const std::string problem =
        "must be a duration like 90s, 3m, 1h or plain seconds, got " + quoteForMessage(text);
    constexpr std::uint64_t kMaxSeconds = 24 * 3600;
    std::size_t pos = 0;
    std::uint64_t total = 0;
    if (value.empty()) fail(origin, problem);
    while (pos < value.size()) {
        std::uint64_t number = 0;
        if (!readNumber(value, pos, number) || number > kMaxSeconds) fail(origin, problem);
        std::uint64_t unit = 1;
        if (pos < value.size()) {
            switch (value[pos]) {
                case 'h':
                    unit = 3600;
                    break;
                case 'm':
                    unit = 60;
                    break;
                case 's':
                    unit = 1;
                    break;
                default:
                    fail(origin, problem);
            }
            ++pos;
        } else if (total != 0) {
            fail(origin, problem);  // "1m30" : a unit is required after the first part
        }
        total += number * unit;
        if (total > kMaxSeconds) fail(origin, "must be at most 24h, got " + quoteForMessage(text));
    }
    if (total == 0) fail(origin, "must be longer than 0s, got " + quoteForMessage(text));
    return std::chrono::seconds(total);
}

unsigned parseCount(std::string_view text, unsigned min, unsigned max, std::string_view origin) {
    const std::string value = trim(text);
    std::size_t pos = 0;
    std::uint64_t number = 0;
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    if (!readNumber(value, pos, number) || pos != value.size()) {
        fail(origin, "must be a whole number from " + range + ", got " + quoteForMessage(text));
    }
    if (number < min || number > max) {
        fail(origin, "must be from " + range + ", got " + quoteForMessage(text));
    }
    return static_cast<unsigned>(number);
}

std::uint64_t parseByteSize(std::string_view text, std::string_view origin) {
    const std::string value = trim(text);
    const std::string problem =
        "must be a size in bytes like 16777216, 16MiB or 20M, got " + quoteForMessage(text);
    constexpr std::uint64_t kMax = 4ull * 1024 * 1024 * 1024;
    std::size_t pos = 0;
    std::uint64_t number = 0;
    if (!readNumber(value, pos, number)) fail(origin, problem);
    const std::string suffix = lower(value.substr(pos));
    static const std::map<std::string, std::uint64_t> kUnits = {
        {"", 1},         {"b", 1},          {"k", 1000},        {"kb", 1000},    {"m", 1000000},
        {"mb", 1000000}, {"g", 1000000000}, {"gb", 1000000000}, {"ki", 1 << 10}, {"kib", 1 << 10},
        {"mi", 1 << 20}, {"mib", 1 << 20},  {"gi", 1 << 30},    {"gib", 1 << 30}};
    auto unit = kUnits.find(suffix);
    if (unit == kUnits.end()) fail(origin, problem);
    if (number == 0 || number > kMax / unit->second) {
        fail(origin, "must be from 1 byte to 4GiB, got " + quoteForMessage(text));
    }
    return number * unit->second;
}

std::size_t parseChoice(std::string_view text, const std::vector<std::string>& choices,
                        std::string_view origin) {
    const std::string value = trim(text);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (choices[i] == value) return i;
    }
    fail(origin, "must be " + joinChoices(choices) + ", got " + quoteForMessage(text));
}

std::pair<std::string, std::string> parseAnnotation(std::string_view text,
                                                    std::string_view origin) {
    const std::size_t eq = text.find('=');
    std::string key = eq == std::string_view::npos ? std::string() : trim(text.substr(0, eq));
    if (key.empty()) {
        fail(origin, "annotations must be key=value, got " + quoteForMessage(text));
    }
    return {key, trim(text.substr(eq + 1))};
}

std::string parseDigest(std::string_view text, std::string_view origin) {
    const std::string value = trim(text);
    const bool ok = (value.rfind("sha256:", 0) == 0 && value.size() == 7 + 64 &&
                     isLowerHex(std::string_view(value).substr(7))) ||
                    (value.rfind("sha512:", 0) == 0 && value.size() == 7 + 128 &&
                     isLowerHex(std::string_view(value).substr(7)));
    if (!ok) {
        fail(origin,
             "must be a digest like sha256:<64 lower-case hex>, got " + quoteForMessage(text));
    }
    return value;
}

}  // namespace signet::config
