// BatchRunner against the in-memory registry: each job's time is bounded by its own deadline, a
// job that outlives it fails with Timeout, and the other jobs are signed all the same.
#include "pipeline/BatchRunner.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "cosign/AttachmentTag.h"
#include "crypto/KeySigner.h"
#include "harness/MemoryRegistry.h"
#include "pipeline/JobPlanner.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {
namespace {

const oci::Repository kRepo{"registry.test", "team/app"};

struct Batch {
    testing::MemoryRegistry registry;
    std::string v1 = registry.putImage(kRepo, "v1", R"({"schemaVersion":2,"n":1})");
    std::string v2 = registry.putImage(kRepo, "v2", R"({"schemaVersion":2,"n":2})");
    std::string v3 = registry.putImage(kRepo, "v3", R"({"schemaVersion":2,"n":3})");
    cosign::SignatureStore store{registry, settings()};
    crypto::KeySigner signer{crypto::PrivateKey::generateEcdsaP256()};
    std::ostringstream commands, log;
    secret::SecretScrubber scrubber;
    Logger logger{commands, log, LogFormat::Plain, scrubber};

    static cosign::StoreSettings settings() {
        cosign::StoreSettings out;
        out.settle = std::chrono::milliseconds(5);
        return out;
    }
    std::vector<SigningJob> jobs() const {
        return planJobs(config::parseRequested({"registry.test/team/app:v1@" + v1,
                                                "registry.test/team/app:v2@" + v2,
                                                "registry.test/team/app:v3@" + v3}));
    }
    std::vector<RefResult> run(std::vector<SigningJob> jobs, std::chrono::seconds timeout) {
        BatchOptions options;
        options.timeout = timeout;
        options.concurrency = 3;
        return BatchRunner(registry, store, signer, logger).run(jobs, options);
    }
    bool signedAt(const std::string& digest) {
        return registry
            .getManifest(kRepo, cosign::attachmentTag(digest, cosign::AttachmentKind::Signature))
            .has_value();
    }
};

TEST(BatchRunner, AJobThatOutlivesItsDeadlineFailsWithTimeoutAndTheOthersAreSigned) {
    Batch batch;
    const std::string slowTag = cosign::attachmentTag(batch.v2, cosign::AttachmentKind::Signature);
    batch.registry.setBeforeEach([&](const std::string& kind, const std::string& reference) {
        if (kind == "PUT manifest" && reference == slowTag)
            std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    });
    auto results = batch.run(batch.jobs(), std::chrono::seconds(1));
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0].ok()) << results[0].failure->message;
    EXPECT_TRUE(results[2].ok()) << results[2].failure->message;
    ASSERT_FALSE(results[1].ok());
    EXPECT_EQ(results[1].failure->kind, ErrorKind::Timeout);
    EXPECT_NE(results[1].failure->message.find("deadline"), std::string::npos)
        << results[1].failure->message;
    EXPECT_TRUE(batch.signedAt(batch.v1));
    EXPECT_FALSE(batch.signedAt(batch.v2)) << "the PUT past the deadline took no effect";
    EXPECT_TRUE(batch.signedAt(batch.v3));
}

TEST(BatchRunner, AJobsTimeRunsFromItsFirstStep) {
    Batch batch;
    std::vector<SigningJob> jobs = batch.jobs();
    // The look-ahead started the second job's clock long ago: nothing is left of its time, and
    // it asks the registry nothing more; the others get the whole budget.
    jobs[1].deadline = net::Deadline::after(std::chrono::milliseconds(0));
    auto results = batch.run(jobs, std::chrono::seconds(30));
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0].ok());
    ASSERT_FALSE(results[1].ok());
    EXPECT_EQ(results[1].failure->kind, ErrorKind::Timeout);
    EXPECT_TRUE(results[2].ok());
    EXPECT_FALSE(batch.signedAt(batch.v2));
}

}  // namespace
}  // namespace signet::pipeline
