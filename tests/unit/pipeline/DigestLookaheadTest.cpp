#include "pipeline/DigestLookahead.h"

#include <gtest/gtest.h>

#include <atomic>

#include "harness/MemoryRegistry.h"
#include "pipeline/JobPlanner.h"

namespace signet::pipeline {
namespace {

const oci::Repository kRepo{"registry.test", "team/app"};

struct Images {
    testing::MemoryRegistry registry;
    std::string v1 = registry.putImage(kRepo, "v1", R"({"schemaVersion":2,"n":1})");
    std::string v2 = registry.putImage(kRepo, "v2", R"({"schemaVersion":2,"n":2})");
    std::string untagged = registry.putImage(kRepo, "", R"({"schemaVersion":2,"n":3})");

    std::vector<SigningJob> jobs() const {
        return planJobs(config::parseRequested(
            {"registry.test/team/app:v1@" + v1, "registry.test/team/app:v2@" + v2,
             "registry.test/team/app@" + untagged,
             "registry.test/team/app:v2@" + v1,  // the tag moved on
             "registry.test/team/app:gone@" + v1}));
    }
};

BatchOptions options(unsigned concurrency) {
    BatchOptions out;
    out.concurrency = concurrency;
    return out;
}

TEST(DigestLookahead, ResolvesWhatItCanWhileTheKeyIsPending) {
    Images images;
    std::vector<SigningJob> jobs = images.jobs();
    lookAheadDigests(images.registry, jobs, options(4), [] { return true; });
    EXPECT_EQ(jobs[0].resolvedDigest, images.v1);
    EXPECT_EQ(jobs[1].resolvedDigest, images.v2);
    EXPECT_EQ(jobs[2].resolvedDigest, images.untagged);
    // A moved or missing tag is the job's answer too: it reports it without asking again.
    EXPECT_FALSE(jobs[3].resolvedDigest.has_value());
    ASSERT_TRUE(jobs[3].resolveError.has_value());
    EXPECT_EQ(jobs[3].resolveError->kind(), ErrorKind::TagMoved);
    ASSERT_TRUE(jobs[4].resolveError.has_value());
    EXPECT_EQ(jobs[4].resolveError->kind(), ErrorKind::TagMoved) << jobs[4].resolveError->what();
    EXPECT_EQ(images.registry.calls("HEAD manifest"), 5);
    EXPECT_EQ(images.registry.totalCalls(), 5);  // reads only
}

TEST(DigestLookahead, AsksNothingOnceTheKeyIsReady) {
    Images images;
    std::vector<SigningJob> jobs = images.jobs();
    lookAheadDigests(images.registry, jobs, options(4), [] { return false; });
    EXPECT_EQ(images.registry.totalCalls(), 0);
    for (const auto& job : jobs) EXPECT_FALSE(job.resolvedDigest.has_value());
}

TEST(DigestLookahead, StopsInOrderWhenTheKeyArrives) {
    Images images;
    std::vector<SigningJob> jobs = images.jobs();
    std::atomic<int> asked{0};
    lookAheadDigests(images.registry, jobs, options(1), [&] { return asked++ < 2; });
    EXPECT_EQ(jobs[0].resolvedDigest, images.v1);
    EXPECT_EQ(jobs[1].resolvedDigest, images.v2);
    for (std::size_t i = 2; i < jobs.size(); ++i) EXPECT_FALSE(jobs[i].resolvedDigest) << i;
    EXPECT_EQ(images.registry.totalCalls(), 2);
    // The jobs looked at have their time running; the others start theirs when signed.
    EXPECT_TRUE(jobs[0].deadline && jobs[0].deadline->bounded());
    EXPECT_FALSE(jobs[2].deadline.has_value());
}

TEST(DigestLookahead, LeavesIndexChildrenAndResolvedJobsAlone) {
    Images images;
    std::vector<SigningJob> jobs = images.jobs();
    jobs[0].child = true;
    jobs[1].resolvedDigest = images.v2;
    jobs.resize(2);
    lookAheadDigests(images.registry, jobs, options(2), [] { return true; });
    EXPECT_FALSE(jobs[0].resolvedDigest.has_value());
    EXPECT_FALSE(jobs[0].resolveError.has_value());
    EXPECT_EQ(images.registry.totalCalls(), 0);
}

}  // namespace
}  // namespace signet::pipeline
