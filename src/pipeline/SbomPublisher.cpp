#include "pipeline/SbomPublisher.h"

#include "net/Deadline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "cosign/Attestor.h"
#include "cosign/SbomAttachment.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "sbom/ImageSbom.h"

namespace signet::pipeline {
namespace {

void writeCopy(const std::string& dir, const std::string& digest, const std::string& extension,
               const std::string& document) {
    std::filesystem::create_directories(dir);
    std::string path = dir + "/" + digest.substr(digest.find(':') + 1) + extension;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !(out << document)) {
        throw Error(ErrorKind::Config, "cannot write SBOM copy to " + path + " (SIGNET_SBOM_DIR)");
    }
}

}  // namespace

std::vector<SbomEntry> SbomPublisher::store(
    oci::RegistryClient& client, cosign::SignatureStore& through, cosign::ImageSigner& signer,
    const config::SbomSettings& settings, const Subject& subject, const std::string& digest,
    const std::optional<std::string>& platform, const std::string& document) {
    const auto& traits = sbom::traitsOf(settings.format);
    std::string name = subject.reference.repository.name() + "@" + digest;
    if (document.size() > settings.maxBytes) {
        throw Error(ErrorKind::TooLarge,
                    "SBOM for " + name + " is " + std::to_string(document.size()) +
                        " bytes, over SIGNET_SBOM_MAX_BYTES (" + std::to_string(settings.maxBytes) +
                        "); raise it or narrow SIGNET_SBOM_PLATFORMS");
    }
    if (settings.dir) writeCopy(*settings.dir, digest, traits.extension, document);
    SbomEntry entry;
    entry.subject = name;
    entry.platform = platform;
    entry.format = traits.word;
    entry.sha256 = crypto::hexEncode(crypto::sha256(document));
    entry.size = document.size();
    std::vector<SbomEntry> entries;
    const auto& repo = subject.reference.repository;
    if (settings.attach != config::SbomAttach::Attach) {
        const auto predicate = cosign::makePredicate({traits.attestType, document});
        auto attestation = format_ == cosign::SignatureFormat::Bundle
                               ? cosign::attestBundle(client, through, signer_, repo, digest,
                                                      predicate, signer.witnesses())
                               : cosign::attest(through, signer_, repo, digest, predicate);
        entry.attach = "attestation";
        entry.location = attestation.location;
        entry.logIndex = attestation.logIndex;
        entries.push_back(entry);
        std::size_t index = check_->add(writtenLayer(attestation, digest));
        written_.push_back({index, subject, entry.location});
    }
    if (settings.attach != config::SbomAttach::Attestation) {
        auto attached =
            cosign::attachSbom(through, signer, repo, digest, document,
                               cosign::sbomMediaType(traits.attachType, traits.json), repo.name());
        entry.attach = "attach";
        entry.location = attached.location;
        entry.logIndex = attached.signature.logIndex;
        entries.push_back(entry);
        if (attached.signature.writes > 0)
            written_.push_back(
                {check_->add(writtenLayer(attached.signature)), subject, entry.location});
    }
    return entries;
}

std::vector<SbomEntry> SbomPublisher::publishSubject(const config::SbomSettings& settings,
                                                     const sbom::SbomGenerator& generator,
                                                     const Subject& subject) {
    const net::Deadline deadline = net::Deadline::after(timeout_);
    auto client = client_.within(deadline);
    cosign::SignatureStore through = store_.through(*client);
    cosign::ImageSigner signer(*client, through, signer_, format_,
                               services_ ? services_->within(deadline) : sigstore::Witnesses{});
    if (settings.mode == config::SbomMode::File) {
        std::string document =
            io::readFileContents(*settings.file, settings.maxBytes, ErrorKind::Config, "SBOM file");
        return store(*client, through, signer, settings, subject, subject.digest, std::nullopt,
                     document);
    }
    std::vector<SbomEntry> entries;
    for (auto& image :
         sbom::platformImages(*client, subject.reference, subject.digest, settings.platforms)) {
        sbom::ImageSbom made =
            sbom::makeImageSbom(generator, std::move(image), settings.format, created_);
        auto platform = made.platform.empty() ? std::nullopt : std::optional(made.platform);
        auto stored = store(*client, through, signer, settings, subject, made.digest, platform,
                            made.document);
        logger_.info("sbom " + sbom::summaryOf(made) + "; " + std::to_string(made.document.size()) +
                     " bytes stored at " + stored.front().location);
        for (const auto& warning : made.catalogue.warnings)
            logger_.info("sbom " + made.subject + ": warning: " + warning);
        entries.insert(entries.end(), stored.begin(), stored.end());
    }
    return entries;
}

RefResult SbomPublisher::failureOf(const Subject& subject, const Error& error) {
    RefResult failed;
    failed.ref = "sbom " + subject.reference.repository.name() + "@" + subject.digest;
    failed.digest = subject.digest;
    failed.attempts = 1;
    failed.failure = RefFailure{error.kind(), error.what()};
    return failed;
}

void SbomPublisher::confirm(LostRaceCheck& check, Report& report,
                            std::vector<RefResult>& failures) {
    std::vector<LostRaceOutcome> outcomes = check.confirm();
    for (const auto& written : written_) {
        const auto& outcome = outcomes[written.check];
        if (!outcome.failure) continue;
        std::erase_if(report.sboms,
                      [&](const SbomEntry& entry) { return entry.location == written.location; });
        RefResult failed = failureOf(written.subject, *outcome.failure);
        bool known = std::any_of(failures.begin(), failures.end(),
                                 [&](const RefResult& other) { return other.ref == failed.ref; });
        if (known) continue;
        logger_.refResult(failed);
        failures.push_back(std::move(failed));
    }
}

void SbomPublisher::publish(const config::SbomSettings& settings,
                            const std::vector<RefResult>& results, Report& report) {
    if (settings.mode == config::SbomMode::Off) return;
    std::shared_ptr<const sbom::LayerCache> cache;
    if (settings.cacheDir && settings.mode == config::SbomMode::Generate) {
        std::string unusable;
        cache = sbom::openLayerCache(
            {.dir = *settings.cacheDir, .maxBytes = settings.cacheMaxBytes}, unusable);
        if (!cache) logger_.info("sbom: warning: " + unusable);
    }
    const auto generator = sbom::SbomGenerator::withDefaultCatalogers({}, cache);
    LostRaceCheck check(client_, store_, {store_.settings().settle, timeout_, 4});
    check_ = &check;
    written_.clear();
    std::set<std::string> done;       // one SBOM per image digest, however many tags it has
    std::vector<RefResult> failures;  // appended after the loop: `results` may be report.results
    for (const auto& result : results) {
        if (!result.ok() || result.platform || result.digest.empty()) continue;
        Subject subject{result.reference, result.digest};
        if (!done.insert(subject.reference.repository.name() + "@" + result.digest).second)
            continue;
        try {
            auto entries = publishSubject(settings, generator, subject);
            report.sboms.insert(report.sboms.end(), entries.begin(), entries.end());
        } catch (const Error& e) {
            failures.push_back(failureOf(subject, e));
            logger_.refResult(failures.back());
        }
    }
    confirm(check, report, failures);
    check_ = nullptr;
    report.results.insert(report.results.end(), failures.begin(), failures.end());
}

}  // namespace signet::pipeline
