// SbomPublisher's writes get the signatures' LostRaceCheck: an attestation another writer keeps
// replacing is a failed "sbom" entry, never a stored one.
#include "pipeline/SbomPublisher.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cosign/AttachmentImage.h"
#include "cosign/AttachmentTag.h"
#include "crypto/Encoding.h"
#include "crypto/KeySigner.h"
#include "harness/MemoryRegistry.h"
#include "harness/TempDir.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {
namespace {

const oci::Repository kRepo{"registry.test", "team/app"};

struct Publishing {
    testing::MemoryRegistry registry;
    std::string digest = registry.putImage(kRepo, "v1", R"({"schemaVersion":2})");
    cosign::SignatureStore store{registry, settings()};
    crypto::KeySigner signer{crypto::PrivateKey::generateEcdsaP256()};
    std::ostringstream commands, log;
    secret::SecretScrubber scrubber;
    Logger logger{commands, log, LogFormat::Plain, scrubber};
    testing::TempDir dir;
    Report report;

    static cosign::StoreSettings settings() {
        cosign::StoreSettings out;
        out.settle = std::chrono::milliseconds(5);  // the check's rounds, quickly
        return out;
    }
    config::SbomSettings sbomFile() {
        std::string path = dir.path() + "/sbom.spdx.json";
        std::ofstream(path) << R"({"spdxVersion":"SPDX-2.3"})";
        config::SbomSettings out;
        out.mode = config::SbomMode::File;
        out.file = path;
        return out;
    }
    void publish() {
        RefResult signed_;
        signed_.ref = "registry.test/team/app:v1@" + digest;
        signed_.reference = oci::Reference::parse(signed_.ref);
        signed_.digest = digest;
        report.results = {signed_};
        SbomPublisher publisher(registry, store, signer, std::nullopt, logger,
                                std::chrono::seconds(30));
        publisher.publish(sbomFile(), report.results, report);
    }
};

TEST(SbomPublisher, AStoredAttestationIsAnEntry) {
    Publishing run;
    run.publish();
    ASSERT_EQ(run.report.sboms.size(), 1u);
    EXPECT_EQ(run.report.sboms[0].attach, "attestation");
    EXPECT_EQ(run.report.results.size(), 1u);           // no failure
    EXPECT_GE(run.registry.calls("HEAD manifest"), 1);  // the check looked
}

TEST(SbomPublisher, AnAttestationAnotherWriterKeepsReplacingIsAFailureNotAnEntry) {
    Publishing run;
    // Another writer's .att image, put at the tag just before each of signet's looks at it.
    cosign::AttachmentImage theirs = cosign::AttachmentImage::empty(false);
    cosign::AttachmentLayer layer{"application/vnd.dsse.envelope.v1+json", "{\"theirs\":1}", {}};
    theirs.append(layer);
    run.registry.pushBlob(kRepo, crypto::sha256Digest(layer.payload), layer.payload);
    run.registry.pushBlob(kRepo, crypto::sha256Digest(theirs.configBytes()), theirs.configBytes());
    const std::string tag = cosign::attachmentTag(run.digest, cosign::AttachmentKind::Attestation);
    run.registry.setBeforeEach([&](const std::string& kind, const std::string& reference) {
        if (kind == "HEAD manifest" && reference == tag)
            run.registry.putImage(kRepo, tag, theirs.manifestBytes());
    });
    run.publish();
    EXPECT_TRUE(run.report.sboms.empty());
    ASSERT_EQ(run.report.results.size(), 2u);
    const RefResult& failed = run.report.results[1];
    EXPECT_EQ(failed.ref, "sbom registry.test/team/app@" + run.digest);
    ASSERT_TRUE(failed.failure.has_value());
    EXPECT_EQ(failed.failure->kind, ErrorKind::LostRace) << failed.failure->message;
    EXPECT_NE(run.log.str().find("sbom registry.test/team/app@"), std::string::npos)
        << run.log.str();
}

}  // namespace
}  // namespace signet::pipeline
