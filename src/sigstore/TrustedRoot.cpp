#include "sigstore/TrustedRoot.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "crypto/Pem.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "json/GoJson.h"

namespace signet::sigstore {
namespace {

constexpr std::size_t kMaxTrustedRoot = 4 * 1024 * 1024;

Error bad(const std::string& what, const std::string& why) {
    return Error(ErrorKind::Config, what + ": " + why);
}

// RFC 3339 ("2021-01-12T11:53:27Z", "…27.123+01:00") as seconds since the epoch.
std::time_t parseTime(const std::string& text, const std::string& what) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                    &second, &consumed) != 6)
        throw bad(what, "\"" + text + "\" is not an RFC 3339 time");
    std::size_t at = static_cast<std::size_t>(consumed);
    if (at < text.size() && text[at] == '.') {
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    }
    long offset = 0;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        int oh = 0, om = 0;
        if (std::sscanf(text.c_str() + at + 1, "%2d:%2d", &oh, &om) != 2)
            throw bad(what, "\"" + text + "\" is not an RFC 3339 time");
        offset = (text[at] == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        at += 6;
    } else if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else {
        throw bad(what, "\"" + text + "\" is not an RFC 3339 time");
    }
    if (at != text.size()) throw bad(what, "\"" + text + "\" is not an RFC 3339 time");
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return timegm(&tm) - offset;
}

}  // namespace

ValidityPeriod validityOf(const nlohmann::json& holder, const std::string& what) {
    ValidityPeriod period;
    auto valid = holder.find("validFor");
    if (valid == holder.end() || !valid->is_object()) return period;
    if (auto start = valid->find("start"); start != valid->end() && start->is_string())
        period.start = parseTime(*start, what);
    if (auto end = valid->find("end"); end != valid->end() && end->is_string())
        period.end = parseTime(*end, what);
    return period;
}

namespace {

std::string bytesField(const nlohmann::json& holder, const char* key, const std::string& what) {
    auto it = holder.find(key);
    if (it == holder.end() || !it->is_string()) throw bad(what, std::string("no ") + key);
    auto decoded = crypto::base64Decode(it->get<std::string>());
    if (!decoded) throw bad(what, std::string(key) + " is not base64");
    return *decoded;
}

std::shared_ptr<const crypto::KeyVerifier> verifierOfDer(const std::string& der,
                                                         const std::string& what) {
    try {
        return std::make_shared<crypto::KeyVerifier>(
            crypto::PublicKey::fromPem(crypto::encodePem("PUBLIC KEY", der), what));
    } catch (const Error& e) {
        throw bad(what, e.what());
    }
}

TransparencyLogKey parseLog(const nlohmann::json& log, const std::string& what) {
    if (!log.is_object()) throw bad(what, "a tlogs entry is not an object");
    TransparencyLogKey out;
    out.baseUrl = log.value("baseUrl", "");
    const auto& publicKey = log.value("publicKey", nlohmann::json::object());
    out.key = verifierOfDer(bytesField(publicKey, "rawBytes", what + " tlog " + out.baseUrl),
                            what + " tlog " + out.baseUrl);
    out.logId = bytesField(log.value("logId", nlohmann::json::object()), "keyId",
                           what + " tlog " + out.baseUrl);
    out.validFor = validityOf(publicKey, what);
    return out;
}

AuthorityChain parseAuthority(const nlohmann::json& tsa, const std::string& what) {
    if (!tsa.is_object()) throw bad(what, "an authority entry is not an object");
    AuthorityChain out;
    out.uri = tsa.value("uri", "");
    const auto chain = tsa.value("certChain", nlohmann::json::object());
    const auto certificates = chain.value("certificates", nlohmann::json::array());
    if (!certificates.is_array() || certificates.empty())
        throw bad(what, "authority " + out.uri + " has no certificates");
    for (const auto& certificate : certificates)
        out.certificates.push_back(bytesField(certificate, "rawBytes", what));
    out.validFor = validityOf(tsa, what);
    return out;
}

}  // namespace

namespace {

const TransparencyLogKey* findLog(const std::vector<TransparencyLogKey>& logs,
                                  const std::string& logId) {
    for (const auto& log : logs)
        if (log.logId == logId) return &log;
    return nullptr;
}

}  // namespace

const TransparencyLogKey* TrustedRoot::logById(const std::string& logId) const {
    return findLog(tlogs, logId);
}

const TransparencyLogKey* TrustedRoot::ctlogById(const std::string& logId) const {
    return findLog(ctlogs, logId);
}

TrustedRoot parseTrustedRoot(const std::string& text, const std::string& what) try {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_object()) throw bad(what, "not a JSON object");
    const std::string mediaType = parsed.value("mediaType", "");
    if (mediaType.rfind("application/vnd.dev.sigstore.trustedroot", 0) != 0)
        throw bad(what, "not a Sigstore trusted root (media type \"" + mediaType + "\")");
    TrustedRoot root;
    for (const auto& log : parsed.value("tlogs", nlohmann::json::array()))
        root.tlogs.push_back(parseLog(log, what));
    for (const auto& tsa : parsed.value("timestampAuthorities", nlohmann::json::array()))
        root.timestampAuthorities.push_back(parseAuthority(tsa, what));
    for (const auto& ca : parsed.value("certificateAuthorities", nlohmann::json::array()))
        root.certificateAuthorities.push_back(parseAuthority(ca, what));
    for (const auto& log : parsed.value("ctlogs", nlohmann::json::array()))
        root.ctlogs.push_back(parseLog(log, what));
    return root;
} catch (const nlohmann::json::exception& e) {
    throw bad(what, std::string("malformed: ") + e.what());
}

TrustedRoot loadTrustedRoot(const std::string& path) {
    return parseTrustedRoot(
        io::readFileContents(path, kMaxTrustedRoot, ErrorKind::Config, "trusted root"),
        "trusted root " + path);
}

TransparencyLogKey logKeyFromPem(const std::string& pem, const std::string& what) {
    TransparencyLogKey log;
    try {
        log.key = std::make_shared<crypto::KeyVerifier>(crypto::PublicKey::fromPem(pem, what));
    } catch (const Error& e) {
        throw bad(what, e.what());
    }
    log.logId = crypto::sha256(log.key->publicKey().pkixDer());
    return log;
}

}  // namespace signet::sigstore
