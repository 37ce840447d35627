// LostRaceCheck: a run's second look at the signatures it wrote, once its writes are done.
// The registry API has no compare-and-swap: a writer that read a tag before signet's PUT can
// replace it afterwards. After a settle window the check re-reads every tag the run wrote, merges
// back any of its layers that went missing, and repeats for a few rounds; a layer still missing
// after the last round is lost (ErrorKind::LostRace): its reference failed, it is never "signed".
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cosign/Attestor.h"
#include "cosign/ImageSigner.h"
#include "cosign/SignatureStore.h"
#include "error/Error.h"
#include "oci/RegistryClient.h"

namespace signet::pipeline {

// A layer one PUT of the run wrote.
struct WrittenLayer {
    oci::Repository repo;
    std::string tag;
    cosign::AttachmentLayer layer;
    // A bundle's referrer descriptor instead of a layer: the entry `tag` (the referrers index
    // of the digest `subject`) must list.
    std::optional<oci::Descriptor> referrer;
    std::string subject;
    std::string manifestDigest;              // the manifest that PUT wrote
    std::chrono::milliseconds roundTrip{0};  // how long that PUT took
};

// The entry for what `signed_` wrote.
WrittenLayer writtenLayer(const cosign::SignedImage& signed_);
// The entry for what `attestation` (of the image `subject`) wrote.
WrittenLayer writtenLayer(const cosign::Attestation& attestation, const std::string& subject);

struct LostRaceSettings {
    // The least wait before the re-read; zero means signet is the only writer: no check at all.
    std::chrono::milliseconds settle{1000};
    std::chrono::milliseconds timeout{std::chrono::minutes(3)};  // per layer and round
    unsigned concurrency = 4;
};

struct LostRaceOutcome {
    std::optional<Error> failure;  // LostRace, or the error that kept the layer from a check
    int rewrites = 0;              // times it was merged back
};

class LostRaceCheck {
  public:
    static constexpr int kRounds = 5;  // re-reads; a merge-back follows each but the last
    LostRaceCheck(oci::RegistryClient& client, const cosign::SignatureStore& store,
                  LostRaceSettings settings);

    // Thread-safe; returns the layer's index in confirm()'s answer.
    std::size_t add(WrittenLayer written);

    // Waits max(settle, 3 × the slowest manifest PUT seen) plus a random part of up to
    // settle/4 × 2^(round-1), then re-reads; one outcome per added layer, in order.
    std::vector<LostRaceOutcome> confirm();

  private:
    void settleAfter(std::chrono::milliseconds slowest, int round);
    // True when the layer is in place; otherwise merges it back (updating `written`).
    bool stillThere(WrittenLayer& written, LostRaceOutcome& outcome, bool mergeBack);

    oci::RegistryClient& client_;
    const cosign::SignatureStore& store_;
    LostRaceSettings settings_;
    std::mutex mutex_;
    std::vector<WrittenLayer> written_;
    std::mt19937 rng_;
};

}  // namespace signet::pipeline
