#include "cli/CsvFlagValue.h"

#include "error/Error.h"

namespace signet::cli {
namespace {

[[noreturn]] void refuse(const std::string& value, const std::string& flag, std::size_t column,
                         const char* problem) {
    throw Error(ErrorKind::Usage, "invalid argument \"" + value + "\" for " + flag +
                                      ": parse error on line 1, column " +
                                      std::to_string(column + 1) + ": " + problem +
                                      " (comma-separated key=value pairs, as in cosign)");
}

}  // namespace

std::vector<std::string> csvFlagFields(const std::string& value, const std::string& flag) {
    std::vector<std::string> fields;
    if (value.empty()) return fields;
    std::size_t i = 0;
    while (true) {
        std::string field;
        if (i < value.size() && value[i] == '"') {
            ++i;
            while (true) {
                if (i >= value.size())
                    refuse(value, flag, i, "extraneous or missing \" in quoted-field");
                if (value[i] != '"') {
                    field += value[i++];
                    continue;
                }
                if (i + 1 < value.size() && value[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                ++i;  // the closing quote: a comma, the end of the line or of the value follows
                if (i < value.size() && value[i] != ',' && value[i] != '\n' && value[i] != '\r')
                    refuse(value, flag, i, "extraneous or missing \" in quoted-field");
                break;
            }
        } else {
            while (i < value.size() && value[i] != ',' && value[i] != '\n') {
                if (value[i] == '"') refuse(value, flag, i, "bare \" in non-quoted-field");
                field += value[i++];
            }
            if (!field.empty() && field.back() == '\r') field.pop_back();
        }
        fields.push_back(std::move(field));
        if (i >= value.size() || value[i] != ',') break;  // one record: a line break ends it
        ++i;
    }
    return fields;
}

}  // namespace signet::cli
