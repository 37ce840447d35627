// RekorLog and TsaClient against the stand-ins (SigstoreStandIns.h: @sigstore/mock's Rekor v1
// log and RFC 3161 TSA on 127.0.0.1 — no real Rekor or TSA can run here): entries are created
// once and reused on 409, retried on 503 like registry requests, and timestamps check out
// against the stand-ins' trusted root.
#include <gtest/gtest.h>

#include "crypto/Encoding.h"
#include "crypto/RandomBytes.h"
#include "harness/Paths.h"
#include "harness/SigstoreStandIns.h"
#include "sigstore/LogEntryVerification.h"
#include "sigstore/SigstoreServices.h"
#include "sigstore/TimestampAuthority.h"

namespace signet::sigstore {
namespace {

SignedMaterial someSignature() {
    return {EntryKind::HashedRekord, crypto::randomBytes(70),
            testing::readFile(testing::fixture("interop/containers-image/cosign.pub")),
            crypto::sha256(crypto::randomBytes(16)), ""};
}

oci::RegistryOptions quickRetries() {
    oci::RegistryOptions options;
    options.retries = 3;
    options.timeout = std::chrono::seconds(10);
    return options;
}

TEST(ServiceClients, AnEntryAlreadyInTheLogIsFetchedAndReused) {
    testing::SigstoreStandIns standIns;
    SigstoreServices services({standIns.url(), ""}, quickRetries());
    auto witnesses = services.within(net::Deadline::after(std::chrono::seconds(30)));
    const SignedMaterial material = someSignature();
    const LogEntry first = witnesses.log->upload(material, witnesses.deadline);
    const LogEntry again = witnesses.log->upload(material, witnesses.deadline);
    EXPECT_EQ(again.logIndex, first.logIndex) << "409: the existing entry, not a new one";
    EXPECT_EQ(again.body, first.body);
    const LogEntry other = witnesses.log->upload(someSignature(), witnesses.deadline);
    EXPECT_EQ(other.logIndex, first.logIndex + 1);

    const TrustedRoot root = loadTrustedRoot(standIns.trustedRoot());
    EXPECT_EQ(logEntryProblem(first, root, material), "");
    EXPECT_NE(logEntryProblem(other, root, material).find("records another"), std::string::npos)
        << logEntryProblem(other, root, material);
    // The inclusion proof alone (no SET) still proves it, against a later tree too.
    LogEntry proofOnly = again;
    proofOnly.signedEntryTimestamp.clear();
    EXPECT_EQ(logEntryProblem(proofOnly, root, material), "");
    ASSERT_TRUE(proofOnly.inclusionProof);
    proofOnly.inclusionProof->hashes.push_back(std::string(32, '\0'));
    EXPECT_NE(logEntryProblem(proofOnly, root, material), "");
}

TEST(ServiceClients, UnavailableLogIsRetriedAndCounted) {
    testing::SigstoreStandIns standIns(std::map<std::string, std::string>{{"STANDIN_FAIL", "2"}});
    SigstoreServices services({standIns.url(), ""}, quickRetries());
    std::atomic<int> retries{0};
    auto witnesses = services.within(net::Deadline::after(std::chrono::seconds(60)), &retries);
    const LogEntry entry = witnesses.log->upload(someSignature(), witnesses.deadline, &retries);
    EXPECT_EQ(entry.logIndex, 0);
    EXPECT_EQ(retries.load(), 2);
    EXPECT_EQ(services.retries(), 2);

    testing::SigstoreStandIns down(std::map<std::string, std::string>{{"STANDIN_FAIL", "10"}});
    SigstoreServices failing({down.url(), ""}, quickRetries());
    auto w = failing.within(net::Deadline::after(std::chrono::seconds(60)));
    try {
        w.log->upload(someSignature(), w.deadline);
        ADD_FAILURE() << "a log that stays unavailable was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Unavailable) << e.what();
        EXPECT_NE(std::string(e.what()).find("503"), std::string::npos) << e.what();
    }
}

TEST(ServiceClients, TimestampsVerifyOverTheirDataOnly) {
    testing::SigstoreStandIns standIns;
    SigstoreServices services({"", standIns.tsaUrl()}, quickRetries());
    auto witnesses = services.within(net::Deadline::after(std::chrono::seconds(30)));
    const std::string stamp = witnesses.timestamps->stamp("signature bytes", witnesses.deadline);
    const TrustedRoot root = loadTrustedRoot(standIns.trustedRoot());
    std::time_t when = 0;
    EXPECT_EQ(timestampProblem(stamp, "signature bytes", root, &when), "");
    EXPECT_LE(std::abs(std::time(nullptr) - when), 60);
    EXPECT_NE(timestampProblem(stamp, "other bytes", root), "");
    testing::SigstoreStandIns otherTsa;
    EXPECT_NE(timestampProblem(stamp, "signature bytes", loadTrustedRoot(otherTsa.trustedRoot())),
              "");
    EXPECT_NE(timestampProblem(stamp.substr(0, stamp.size() / 2), "signature bytes", root), "");
}

}  // namespace
}  // namespace signet::sigstore
