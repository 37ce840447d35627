#include "pipeline/SbomPublisher.h"

#include "net/Deadline.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "cosign/Attestor.h"
#include "cosign/SbomAttachment.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "sbom/SbomGenerator.h"
#include "sbom/image/RegistryImage.h"
#include "sbom/write/DocumentFormat.h"

namespace signet::pipeline {
namespace {

sbom::DocumentFormat documentFormat(config::SbomFormat format) {
    switch (format) {
        case config::SbomFormat::SpdxJson:
            return sbom::DocumentFormat::SpdxJson;
        case config::SbomFormat::SpdxTag:
            return sbom::DocumentFormat::SpdxTagValue;
        case config::SbomFormat::CycloneDxJson:
            return sbom::DocumentFormat::CycloneDxJson;
    }
    return sbom::DocumentFormat::SpdxJson;
}

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

std::vector<SbomEntry> SbomPublisher::store(cosign::SignatureStore& through,
                                            cosign::ImageSigner& signer,
                                            const config::SbomSettings& settings,
                                            const Subject& subject, const std::string& digest,
                                            const std::optional<std::string>& platform,
                                            const std::string& document) {
    const auto& traits = sbom::traitsOf(documentFormat(settings.format));
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
        auto attestation =
            cosign::attest(through, signer_, env_, repo, digest, traits.attestType, document);
        entry.attach = "attestation";
        entry.location = attestation.location;
        entries.push_back(entry);
    }
    if (settings.attach != config::SbomAttach::Attestation) {
        auto attached =
            cosign::attachSbom(through, signer, env_, repo, digest, document,
                               cosign::sbomMediaType(traits.attachType, traits.json), repo.name());
        entry.attach = "attach";
        entry.location = attached.location;
        entries.push_back(entry);
    }
    return entries;
}

std::vector<SbomEntry> SbomPublisher::publishSubject(const config::SbomSettings& settings,
                                                     const Subject& subject) {
    auto client = client_.within(net::Deadline::after(timeout_));
    cosign::SignatureStore through = store_.through(*client);
    cosign::ImageSigner signer(*client, through, signer_, env_);
    if (settings.mode == config::SbomMode::File) {
        std::string document =
            io::readFileContents(*settings.file, settings.maxBytes, ErrorKind::Config, "SBOM file");
        return store(through, signer, settings, subject, subject.digest, std::nullopt, document);
    }
    auto options = sbom::DocumentOptions::fromEnvironment(env_);
    auto generator = sbom::SbomGenerator::withDefaultCatalogers();
    std::vector<SbomEntry> entries;
    for (auto& image :
         sbom::platformImages(*client, subject.reference, subject.digest, settings.platforms)) {
        sbom::Sbom catalogue = generator.generate(image.input);
        std::string document =
            sbom::writeDocument(catalogue, documentFormat(settings.format), options);
        auto platform = image.platform.empty() ? std::nullopt : std::optional(image.platform);
        auto stored = store(through, signer, settings, subject, image.digest, platform, document);
        logger_.info("sbom " + subject.reference.repository.name() + "@" + image.digest +
                     (platform ? " (" + *platform + ")" : "") + ": " +
                     std::to_string(catalogue.packages.size()) + " packages, " +
                     std::to_string(document.size()) + " bytes, stored at " +
                     stored.front().location);
        entries.insert(entries.end(), stored.begin(), stored.end());
    }
    return entries;
}

void SbomPublisher::publish(const config::SbomSettings& settings,
                            const std::vector<RefResult>& results, Report& report) {
    if (settings.mode == config::SbomMode::Off) return;
    std::set<std::string> done;       // one SBOM per image digest, however many tags it has
    std::vector<RefResult> failures;  // appended after the loop: `results` may be report.results
    for (const auto& result : results) {
        if (!result.ok() || result.platform || result.digest.empty()) continue;
        Subject subject{oci::Reference::parse(result.ref), result.digest};
        if (!done.insert(subject.reference.repository.name() + "@" + result.digest).second)
            continue;
        try {
            auto entries = publishSubject(settings, subject);
            report.sboms.insert(report.sboms.end(), entries.begin(), entries.end());
        } catch (const Error& e) {
            RefResult failed;
            failed.ref = "sbom " + subject.reference.repository.name() + "@" + result.digest;
            failed.digest = result.digest;
            failed.attempts = 1;
            failed.failure = RefFailure{e.kind(), e.what()};
            logger_.refResult(failed);
            failures.push_back(std::move(failed));
        }
    }
    report.results.insert(report.results.end(), failures.begin(), failures.end());
}

}  // namespace signet::pipeline
