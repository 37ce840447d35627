#include "pipeline/LostRaceCheck.h"

#include <algorithm>
#include <thread>

#include "cosign/AttachmentTag.h"
#include "io/ParallelFor.h"

namespace signet::pipeline {

WrittenLayer writtenLayer(const cosign::SignedImage& signed_) {
    return {signed_.target,          signed_.tag,    signed_.layer,
            signed_.referrer,        signed_.digest, signed_.stored.manifestDigest,
            signed_.stored.roundTrip};
}

WrittenLayer writtenLayer(const cosign::Attestation& attestation, const std::string& subject) {
    return {attestation.target,          attestation.tag, attestation.layer,
            attestation.referrer,        subject,         attestation.stored.manifestDigest,
            attestation.stored.roundTrip};
}

LostRaceCheck::LostRaceCheck(oci::RegistryClient& client, const cosign::SignatureStore& store,
                             LostRaceSettings settings)
    : client_(client), store_(store), settings_(settings), rng_(std::random_device{}()) {}

std::size_t LostRaceCheck::add(WrittenLayer written) {
    std::lock_guard<std::mutex> lock(mutex_);
    written_.push_back(std::move(written));
    return written_.size() - 1;
}

void LostRaceCheck::settleAfter(std::chrono::milliseconds slowest, int round) {
    // The random part doubles each round: writers that merged back at the same moment and
    // overwrote each other again spread apart, like Ethernet stations after a collision.
    std::uniform_int_distribution<long long> jitter(0, (settings_.settle.count() / 4)
                                                           << (round - 1));
    std::this_thread::sleep_for(std::max(settings_.settle, 3 * slowest) +
                                std::chrono::milliseconds(jitter(rng_)));
}

bool LostRaceCheck::stillThere(WrittenLayer& written, LostRaceOutcome& outcome, bool mergeBack) {
    auto client = client_.within(net::Deadline::after(settings_.timeout));
    cosign::SignatureStore store = store_.through(*client);
    const bool there =
        written.referrer
            ? store.holdsReferrer(written.repo, written.subject, written.referrer->digest,
                                  written.manifestDigest)
            : store.holds(written.repo, written.tag, written.layer, written.manifestDigest);
    if (there) return true;
    if (!mergeBack) return false;
    cosign::AppendResult merged =
        written.referrer ? store.addReferrer(written.repo, written.subject, *written.referrer)
                         : store.append(written.repo, written.tag, written.layer, nullptr);
    written.manifestDigest = merged.manifestDigest;
    written.roundTrip = merged.roundTrip;
    outcome.rewrites += merged.writes;
    return false;
}

std::vector<LostRaceOutcome> LostRaceCheck::confirm() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<LostRaceOutcome> outcomes(written_.size());
    if (settings_.settle.count() <= 0) return outcomes;
    std::vector<std::size_t> open(written_.size());
    for (std::size_t i = 0; i < open.size(); ++i) open[i] = i;
    for (int round = 1; round <= kRounds && !open.empty(); ++round) {
        std::chrono::milliseconds slowest{0};
        for (std::size_t i : open) slowest = std::max(slowest, written_[i].roundTrip);
        settleAfter(slowest, round);
        std::vector<char> missing(open.size(), 0);
        io::parallelFor(open.size(), settings_.concurrency, [&](std::size_t k) {
            std::size_t i = open[k];
            try {
                missing[k] = !stillThere(written_[i], outcomes[i], round < kRounds);
            } catch (const Error& e) {
                outcomes[i].failure =
                    e.withContext("checking the signature written to " +
                                  cosign::attachmentLocation(written_[i].repo, written_[i].tag));
            }
        });
        std::vector<std::size_t> next;
        for (std::size_t k = 0; k < open.size(); ++k) {
            if (missing[k]) next.push_back(open[k]);
        }
        open = std::move(next);
    }
    for (std::size_t i : open) {
        outcomes[i].failure =
            Error(ErrorKind::LostRace,
                  cosign::attachmentLocation(written_[i].repo, written_[i].tag) +
                      ": another writer replaced the signature image and the signature was still "
                      "missing after " +
                      std::to_string(kRounds) + " checks and " +
                      std::to_string(outcomes[i].rewrites) + " merge-backs; sign again");
    }
    return outcomes;
}

}  // namespace signet::pipeline
