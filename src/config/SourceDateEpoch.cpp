#include "config/SourceDateEpoch.h"

#include "error/Error.h"

namespace signet::config {

std::optional<std::time_t> sourceDateEpoch(const Environment& env) {
    auto epoch = env.get("SOURCE_DATE_EPOCH");
    if (!epoch || epoch->empty()) return std::nullopt;
    bool digits =
        epoch->size() <= 12 && epoch->find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
        throw Error(ErrorKind::Config, "SOURCE_DATE_EPOCH='" + *epoch +
                                           "' is not a Unix time in seconds; set it to an "
                                           "integer like 1700000000 or unset it");
    }
    return static_cast<std::time_t>(std::stoll(*epoch));
}

}  // namespace signet::config
