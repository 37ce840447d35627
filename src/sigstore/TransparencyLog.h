// TransparencyLog: where signet records a signature in public view (Rekor API v1), and
// RekorLog, the HTTP client for one Rekor instance.
#pragma once

#include <atomic>

#include <Poco/URI.h>

#include <string>

#include "net/Deadline.h"
#include "oci/HttpTransport.h"
#include "sigstore/EntryBody.h"
#include "sigstore/LogEntry.h"

namespace signet::sigstore {

class TransparencyLog {
  public:
    virtual ~TransparencyLog() = default;
    // The entry recording `material`: a new one, or the one already there (409).
    virtual LogEntry upload(const SignedMaterial& material, const net::Deadline& deadline,
                            std::atomic<int>* retries = nullptr) = 0;
    virtual std::string url() const = 0;
};

class RekorLog : public TransparencyLog {
  public:
    // `base`: the instance's URL, e.g. https://rekor.sigstore.dev.
    RekorLog(oci::HttpTransport& transport, Poco::URI base);

    // POST /api/v1/log/entries, retried as the registry's requests are (a repeat that lands
    // twice gets 409, whose Location is then read); 409 → GET of the existing entry.
    LogEntry upload(const SignedMaterial& material, const net::Deadline& deadline,
                    std::atomic<int>* retries = nullptr) override;
    std::string url() const override { return base_.toString(); }

  private:
    oci::HttpTransport& transport_;
    Poco::URI base_;
};

}  // namespace signet::sigstore
