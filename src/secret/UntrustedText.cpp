#include "secret/UntrustedText.h"

namespace signet::secret {

std::string quoteUntrusted(std::string_view text, const SecretSink& secrets, std::size_t limit) {
    const std::string clean = secrets.scrub(text);
    std::string out;
    for (char c : clean) {
        if (out.size() >= limit) {
            out += "…";
            break;
        }
        unsigned char u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
    return out;
}

}  // namespace signet::secret
