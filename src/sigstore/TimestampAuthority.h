// TimestampAuthority: an RFC 3161 time-stamping service signet asks to vouch for when a
// signature existed (TsaClient over HTTP), and the checks on what it answers.
#pragma once

#include <atomic>

#include <Poco/URI.h>

#include <ctime>
#include <string>

#include "net/Deadline.h"
#include "oci/HttpTransport.h"
#include "sigstore/TrustedRoot.h"

namespace signet::sigstore {

class TimestampAuthority {
  public:
    virtual ~TimestampAuthority() = default;
    // The DER TimeStampResp for `data` (the signature bytes): granted, over sha256(data), with
    // this request's nonce.
    virtual std::string stamp(const std::string& data, const net::Deadline& deadline,
                              std::atomic<int>* retries = nullptr) = 0;
    virtual std::string url() const = 0;
};

class TsaClient : public TimestampAuthority {
  public:
    // `endpoint`: the full URL, e.g. https://timestamp.sigstore.dev/api/v1/timestamp.
    TsaClient(oci::HttpTransport& transport, Poco::URI endpoint);

    // POSTs an application/timestamp-query (sha256 imprint, a 64-bit random nonce, certReq) and
    // checks the reply. Throws Error(Registry) for a refused or mismatched reply.
    std::string stamp(const std::string& data, const net::Deadline& deadline,
                      std::atomic<int>* retries = nullptr) override;
    std::string url() const override { return endpoint_.toString(); }

  private:
    oci::HttpTransport& transport_;
    Poco::URI endpoint_;
};

// A DER TimeStampReq over sha256(data) with `nonce` (8 raw bytes) asking for certificates.
std::string timestampRequest(const std::string& data, const std::string& nonce);

// Empty when `response` (DER TimeStampResp) is granted and matches sha256(data) and, when
// given, `nonce`; else the reason. Signatures are not checked here.
std::string timestampReplyProblem(const std::string& response, const std::string& data,
                                  const std::string& nonce = "");

// Empty when `response` is a granted timestamp over sha256(data) whose signature verifies with
// a chain of one of `root`'s timestamp authorities, at a time within that authority's validity;
// `when` gets the time stamped. Else the reason.
std::string timestampProblem(const std::string& response, const std::string& data,
                             const TrustedRoot& root, std::time_t* when = nullptr);

}  // namespace signet::sigstore
