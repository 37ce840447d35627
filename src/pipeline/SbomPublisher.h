// SbomPublisher: the SBOM half of `signet run` — one SBOM per signed image digest and platform,
// generated from the registry (or taken from a file), written to the SBOM directory, and attested
// and/or attached in the registry, signed with the run's key.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "config/TaskSpec.h"
#include "cosign/ImageSigner.h"
#include "pipeline/Logger.h"
#include "pipeline/LostRaceCheck.h"
#include "pipeline/Report.h"
#include "sbom/SbomGenerator.h"
#include "sigstore/SigstoreServices.h"

namespace signet::pipeline {

class SbomPublisher {
  public:
    // Each subject is read and stored through a view of `client` bounded by `timeout`; generated
    // documents carry `created` (SOURCE_DATE_EPOCH) or the time they were made.
    SbomPublisher(oci::RegistryClient& client, const cosign::SignatureStore& store,
                  const crypto::Signer& signer, std::optional<std::time_t> created, Logger& logger,
                  std::chrono::seconds timeout,
                  cosign::SignatureFormat format = cosign::SignatureFormat::Legacy,
                  sigstore::SigstoreServices* services = nullptr)
        : client_(client),
          store_(store),
          signer_(signer),
          created_(created),
          logger_(logger),
          timeout_(timeout),
          format_(format),
          services_(services) {}

    // For every distinct image digest among the successful, non-child `results`: SBOM entries
    // for what was stored, and a failed RefResult ("sbom <repo@digest>") for what could not be.
    // Attestations and the SBOM images' signatures get the signatures' LostRaceCheck: one that
    // another writer replaced and that stayed missing is a failure, not an entry.
    void publish(const config::SbomSettings& settings, const std::vector<RefResult>& results,
                 Report& report);

  private:
    struct Subject {
        oci::Reference reference;  // repository, tag (for naming) and the signed digest
        std::string digest;
    };
    std::vector<SbomEntry> publishSubject(const config::SbomSettings& settings,
                                          const sbom::SbomGenerator& generator,
                                          const Subject& subject);
    // Through the subject's bounded store and signer.
    std::vector<SbomEntry> store(oci::RegistryClient& client, cosign::SignatureStore& through,
                                 cosign::ImageSigner& signer, const config::SbomSettings& settings,
                                 const Subject& subject, const std::string& digest,
                                 const std::optional<std::string>& platform,
                                 const std::string& document);

    // A layer written for an SBOM entry, waiting for the LostRaceCheck.
    struct Written {
        std::size_t check;  // its index in the check
        Subject subject;
        std::string location;  // the entry's location
    };
    // What the check found missing: each such entry leaves report.sboms for a failure.
    void confirm(LostRaceCheck& check, Report& report, std::vector<RefResult>& failures);
    static RefResult failureOf(const Subject& subject, const Error& error);

    oci::RegistryClient& client_;
    const cosign::SignatureStore& store_;
    const crypto::Signer& signer_;
    std::optional<std::time_t> created_;
    Logger& logger_;
    std::chrono::seconds timeout_;
    cosign::SignatureFormat format_;        // of the attestations and the SBOM images' signatures
    sigstore::SigstoreServices* services_;  // log and timestamp them, when set
    LostRaceCheck* check_ = nullptr;        // during publish()
    std::vector<Written> written_;
};

}  // namespace signet::pipeline
