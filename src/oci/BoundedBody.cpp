#include "oci/BoundedBody.h"

namespace signet::oci {

bool readBounded(std::istream& in, std::size_t maxBody, std::string& body) {
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        std::streamsize got = in.gcount();
        if (got <= 0) break;
        if (body.size() + static_cast<std::size_t>(got) > maxBody) {
            body.append(buffer, maxBody - body.size());
            return false;
        }
        body.append(buffer, static_cast<std::size_t>(got));
    }
    return true;
}

}  // namespace signet::oci
