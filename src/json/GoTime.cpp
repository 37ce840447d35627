#include "json/GoTime.h"

#include <algorithm>
#include <cctype>

#include "error/Error.h"

namespace signet::json {
namespace {

int digitsAt(const std::string& text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

int daysIn(int month, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

std::string goTimeText(const std::string& text) {
    const auto refuse = [&]() -> std::string {
        throw Error(ErrorKind::Usage, "parsing time \"" + text + "\" as RFC 3339 failed");
    };
    const int year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 2), day = digitsAt(text, 8, 2),
              hour = digitsAt(text, 11, 2), minute = digitsAt(text, 14, 2),
              second = digitsAt(text, 17, 2);
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || year < 0 || month < 1 || month > 12 || day < 1 ||
        day > daysIn(month, year) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 59) {
        return refuse();
    }
    std::size_t at = 19;
    std::string fraction;
    if (text[at] == '.') {
        ++at;
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
            fraction += text[at++];
        }
        if (fraction.empty()) return refuse();
        fraction.resize(std::min<std::size_t>(fraction.size(), 9));
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    }
    std::string zone = text.substr(at);
    if (zone != "Z") {
        const int zoneHour = digitsAt(zone, 1, 2), zoneMinute = digitsAt(zone, 4, 2);
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
            zoneHour < 0 || zoneHour > 23 || zoneMinute < 0 || zoneMinute > 59) {
            return refuse();
        }
        if (zoneHour == 0 && zoneMinute == 0) zone = "Z";
    }
    return text.substr(0, 19) + (fraction.empty() ? "" : "." + fraction) + zone;
}

std::string rfc3339Utc(std::time_t when) {
    std::tm parts{};
    gmtime_r(&when, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

}  // namespace signet::json
