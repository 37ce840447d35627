#include "oci/Reference.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "error/Error.h"

namespace signet::oci {
namespace {

// ggcr pkg/name/digest_test.go validDigest.
const std::string kDigest =
    "sha256:deadb33fdeadb33fdeadb33fdeadb33fdeadb33fdeadb33fdeadb33fdeadb33f";

struct Good {
    std::string input;
    std::string registry;
    std::string path;
    std::string tag;
    std::string digest;
};

// Expected values follow ggcr's pkg/name rules (registry.go, repository.go, tag.go, digest.go).
const std::vector<Good> kGood = {
    // Docker Hub normalisation.
    {"busybox", "index.docker.io", "library/busybox", "", ""},
    {"ubuntu", "index.docker.io", "library/ubuntu", "", ""},
    {"a", "index.docker.io", "library/a", "", ""},
    {"0", "index.docker.io", "library/0", "", ""},
    {"library/ubuntu", "index.docker.io", "library/ubuntu", "", ""},
    {"docker.io/busybox", "index.docker.io", "library/busybox", "", ""},
    {"docker.io/x/y", "index.docker.io", "x/y", "", ""},
    {"index.docker.io/library/ubuntu", "index.docker.io", "library/ubuntu", "", ""},
    {"index.docker.io/foo", "index.docker.io", "library/foo", "", ""},
    {"namespace/pathcomponent/image", "index.docker.io", "namespace/pathcomponent/image", "", ""},
    {"crossplane/provider-gcp:v0.14.0", "index.docker.io", "crossplane/provider-gcp", "v0.14.0",
     ""},
    // Registries: '.', ':' or localhost in the first component.
    {"gcr.io/g-convoy/hello-world:latest", "gcr.io", "g-convoy/hello-world", "latest", ""},
    {"gcr.io/google.com/g-convoy/hello-world:latest", "gcr.io", "google.com/g-convoy/hello-world",
     "latest", ""},
    {"gcr.io/project-id/with-nums:v2", "gcr.io", "project-id/with-nums", "v2", ""},
    {"us.gcr.io/project-id/image:with.period.in.tag", "us.gcr.io", "project-id/image",
     "with.period.in.tag", ""},
    {"gcr.io/project-id/image:w1th-alpha_num3ric.PLUScaps", "gcr.io", "project-id/image",
     "w1th-alpha_num3ric.PLUScaps", ""},
    {"domain.with.port:9001/image:latest", "domain.with.port:9001", "image", "latest", ""},
    {"www.example.test:12345/repo/path", "www.example.test:12345", "repo/path", "", ""},
    {"gcr.io/project-id/implicit-latest", "gcr.io", "project-id/implicit-latest", "", ""},
    {"mirror.gcr.io/ubuntu", "mirror.gcr.io", "ubuntu", "", ""},
    {"example.com/a", "example.com", "a", "", ""},
    {"example.com/a/b", "example.com", "a/b", "", ""},
    {"localhost/testimage:mytag", "localhost", "testimage", "mytag", ""},
    {"localhost:5000/foo", "localhost:5000", "foo", "", ""},
    {"127.0.0.1:5000/foo/bar:1.0", "127.0.0.1:5000", "foo/bar", "1.0", ""},
    {"[::1]:5000/foo:t", "[::1]:5000", "foo", "t", ""},
    {"localhostx/foo", "index.docker.io", "localhostx/foo", "", ""},
    // Digests, alone and with a tag (both kept).
    {"gcr.io/g-convoy/hello-world@" + kDigest, "gcr.io", "g-convoy/hello-world", "", kDigest},
    {"example.text/foo/bar@" + kDigest, "example.text", "foo/bar", "", kDigest},
    {"example.text/foo/bar:latest@" + kDigest, "example.text", "foo/bar", "latest", kDigest},
    {"example.text:8443/foo/bar:latest@" + kDigest, "example.text:8443", "foo/bar", "latest",
     kDigest},
    {"example.text/foo/bar:v1.0.0-alpine@" + kDigest, "example.text", "foo/bar", "v1.0.0-alpine",
     kDigest},
    {"nginx:latest@" + kDigest, "index.docker.io", "library/nginx", "latest", kDigest},
    {"library/ubuntu@" + kDigest, "index.docker.io", "library/ubuntu", "", kDigest},
    {"localhost:5000/foo@" + kDigest, "localhost:5000", "foo", "", kDigest},
    {"r.io/x@sha512:" + std::string(128, 'a'), "r.io", "x", "", "sha512:" + std::string(128, 'a')},
    {"r.io/x@sha384:" + std::string(96, '0'), "r.io", "x", "", "sha384:" + std::string(96, '0')},
    // Tag edge cases: 128 characters, '_' first.
    {"r.io/x:" + std::string(128, 't'), "r.io", "x", std::string(128, 't'), ""},
    {"r.io/x:_a", "r.io", "x", "_a", ""},
};

TEST(Reference, ParsesAndNormalisesLikeGgcr) {
    for (const auto& c : kGood) {
        SCOPED_TRACE(c.input);
        Reference ref = Reference::parse(c.input);
        EXPECT_EQ(ref.repository.registry, c.registry);
        EXPECT_EQ(ref.repository.path, c.path);
        EXPECT_EQ(ref.tag, c.tag);
        EXPECT_EQ(ref.digest, c.digest);
        EXPECT_EQ(Reference::parse(ref.str()).str(), ref.str());
    }
}

struct Bad {
    std::string input;
    std::string problem;  // a fragment the message must contain
};

const std::vector<Bad> kBad = {
    {"", "empty"},
    // ggcr badTagNames
    {"gcr.io/project-id/bad_chars:c@n'tuse", "digest"},
    {"gcr.io/project-id/wrong-length:white space", "tag can only contain"},
    {"gcr.io/project-id/too-many-chars:"
     "thisisthetagthatneverendsitgoesonandonmyfriendsomepeoplestartedtaggingitnotknowingwhatitwasa"
     "ndtheyllcontinuetaggingitforeverjustbecausethisisthetagthatneverends",
     "at most 128"},
    {"library/ubuntu:", "tag name must follow"},
    // ggcr badDigestNames
    {"gcr.io/project-id/unknown-alg@unknown:abc123", "unsupported digest algorithm"},
    {"gcr.io/project-id/wrong-length@sha256:d34db33fd34db33f", "64 hex characters"},
    {"gcr.io/project-id/missing-digest@", "digest"},
    {"repo@sha256:" + std::string(64, ':'), "lowercase hexadecimal"},
    {"repo@sha256:" + std::string(64, 's'), "lowercase hexadecimal"},
    {"repo@" + kDigest + "@" + kDigest, "at most one '@'"},
    {"library/nginx:@" + kDigest, "tag name must follow"},
    // ggcr badRepositoryNames / badRegistryNames
    {"white space", "repository can only contain"},
    {"b@char/image", "digest"},
    {"white space.io/foo", "not a valid host"},
    {"gcr?com.io/foo", "not a valid host"},
    // Our own rules.
    {"Busybox", "lowercase"},
    {"gcr.io/Project/x", "lowercase"},
    {"r.io/x@sha256:" + std::string(64, 'A'), "lowercase hexadecimal"},
    {"r.io/x@sha256:" + std::string(63, 'a'), "64 hex characters"},
    {"r.io/x@md5:" + std::string(32, 'a'), "unsupported digest algorithm"},
    {"r.io/x:-tag", "must start with"},
    {"r.io/x:.tag", "must start with"},
    {"r.io/x:" + std::string(129, 't'), "at most 128"},
    {"r.io//x", "must not be empty"},
    {"r.io/x/", "must not be empty"},
    {"r.io/", "must be given"},
    {":tag", "must be given"},
    {"r.io:/x", "not a valid host"},
    {"r.io:99999999/x", "not a valid host"},
    {"user@r.io/x", "digest"},
    {"r.io/" + std::string(256, 'a'), "at most 255"},
};

TEST(Reference, RejectsBadInputWithOneClearUsageLine) {
    for (const auto& c : kBad) {
        SCOPED_TRACE(c.input);
        try {
            Reference::parse(c.input);
            ADD_FAILURE() << "parsed";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage);
            std::string msg = e.what();
            EXPECT_EQ(msg.rfind("invalid reference \"" + c.input + "\": ", 0), 0u) << msg;
            EXPECT_NE(msg.find(c.problem), std::string::npos) << msg;
            EXPECT_EQ(msg.find('\n'), std::string::npos);
        }
    }
}

// Hostile references: each is refused by distribution/reference's grammar, with one line that
// names the reference and the reason. Several of these ("a/../b", "a..b", "-a") passed the old
// character-set check and reached the registry as request paths.
const std::vector<Bad> kHostile = {
    {"127.0.0.1:5000/other/../victim:t@" + kDigest, "path component \"..\""},
    {"127.0.0.1:5000/../../etc:t@" + kDigest, "path component \"..\""},
    {"r.io/./x", "path component \".\""},
    {"r.io/x/.", "path component \".\""},
    {"../x", "not a valid host"},
    {"./x", "not a valid host"},
    {"a//b", "must not be empty"},
    {"a/b/", "must not be empty"},
    {"/a", "must not be empty"},
    {"A/b", "lowercase"},
    {"r.io/a/B", "lowercase"},
    {"-a/b", "must start and end with a lowercase letter or digit"},
    {"a-/b", "must start and end with a lowercase letter or digit"},
    {"r.io/_a", "must start and end with a lowercase letter or digit"},
    {"r.io/a.", "must start and end with a lowercase letter or digit"},
    {"a..b", "separator \"..\""},
    {"r.io/a._b", "separator \"._\""},
    {"r.io/a___b", "separator \"___\""},
    {"r.io/a.-b", "separator \".-\""},
    {"r.io/a-_b", "separator \"-_\""},
    {"r.io/x:" + std::string(129, 't'), "at most 128"},
    {"r.io/x:t!x", "tag can only contain"},
    {"r.io/x:t\xc3\xa9", "tag can only contain"},
    {"r.io/x:t/y", "repository can only contain"},
    {"r.io/x@sha256:" + std::string(63, 'a'), "64 hex characters, not 63"},
    {"r.io/x@sha256:" + std::string(65, 'a'), "64 hex characters, not 65"},
    {"r.io/x@sha256:" + std::string(64, 'F'), "lowercase hexadecimal"},
    {"r.io/x@sha512:" + std::string(64, 'a'), "128 hex characters, not 64"},
    {"r.io/x@sha1:" + std::string(40, 'a'), "unsupported digest algorithm \"sha1\""},
    {"r.io/x@SHA256:" + std::string(64, 'a'), "unsupported digest algorithm"},
    {"r.io/" + std::string(10 * 1024, 'a'), "at most 255 characters, not 10245"},
    {"r.io/" + std::string(251, 'a'), "at most 255 characters, not 256"},
    {"r\xc3\xa9/p\xc3\xb6", "repository can only contain"},
    {"r.io/r\xc3\xa9", "repository can only contain"},
    {std::string("r.io/a\0b", 8), "repository can only contain"},
    {std::string("r.io/a:t\0", 9), "tag can only contain"},
    {"", "empty"},
    {" ", "repository can only contain"},
    {"r.io/a b", "repository can only contain"},
    {"r.io/a\nb", "repository can only contain"},
    {"r.io/a\n", "repository can only contain"},
    {"r.io/a:t\n", "tag can only contain"},
    {"r_io.com/x", "not a valid host"},
    {"-r.io/x", "not a valid host"},
    {"r.io-/x", "not a valid host"},
    {"r..io/x", "not a valid host"},
    {".r.io/x", "not a valid host"},
    {"[::1/x", "not a valid host"},
    {"[]:5000/x", "not a valid host"},
    {"[1.2.3.4]:5000/x", "IPv6"},
    {"[::1]x/y", "not a valid host"},
    {"r.io:65536/x", "port"},
    {"r.io:5a/x", "port"},
    {"r.io:/x", "port"},
};

TEST(Reference, RefusesHostileReferencesWithOneLineNamingThem) {
    for (const auto& c : kHostile) {
        SCOPED_TRACE(::testing::PrintToString(c.input.substr(0, 80)));
        try {
            Reference ref = Reference::parse(c.input);
            ADD_FAILURE() << "parsed as " << ref.str();
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage);
            std::string msg = e.what();
            std::string shown = c.input.substr(0, 512);
            for (char& ch : shown) {
                if (static_cast<unsigned char>(ch) < 0x20) ch = '?';
            }
            EXPECT_EQ(msg.rfind("invalid reference \"" + shown, 0), 0u) << msg;
            EXPECT_NE(msg.find(c.problem), std::string::npos) << msg;
            EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
            EXPECT_EQ(msg.find('\0'), std::string::npos) << msg;
            EXPECT_LT(msg.size(), 1200u) << msg;
        }
    }
}

TEST(Reference, NameOfExactly255CharactersIsAccepted) {
    Reference ref = Reference::parse("r.io/" + std::string(250, 'a'));
    EXPECT_EQ(ref.repository.path, std::string(250, 'a'));
    // Docker Hub names count as "docker.io/library/...", as distribution measures them.
    EXPECT_NO_THROW(Reference::parse(std::string(255 - 18, 'a')));
    EXPECT_THROW(Reference::parse(std::string(255 - 17, 'a')), Error);
}

const std::vector<Good> kGrammarGood = {
    {"a__b", "index.docker.io", "library/a__b", "", ""},
    {"a---b", "index.docker.io", "library/a---b", "", ""},
    {"a-b_c__d/e.f0", "index.docker.io", "a-b_c__d/e.f0", "", ""},
    {"localhost:5000/x", "localhost:5000", "x", "", ""},
    {"[::1]:5000/x", "[::1]:5000", "x", "", ""},
    {"[fe80::1]/x", "[fe80::1]", "x", "", ""},
    {"[2001:DB8::1]:443/x", "[2001:DB8::1]:443", "x", "", ""},
    {"127.0.0.1:5000/a/b.c_d-e:t@" + kDigest, "127.0.0.1:5000", "a/b.c_d-e", "t", kDigest},
    {"Registry.Example.COM/x", "Registry.Example.COM", "x", "", ""},
    {"r-1.example/x", "r-1.example", "x", "", ""},
    {"1.io:65535/x", "1.io:65535", "x", "", ""},
    {"r.io/0/1/2/3", "r.io", "0/1/2/3", "", ""},
    {"r.io/x:T_1.-", "r.io", "x", "T_1.-", ""},
};

TEST(Reference, AcceptsWhatDistributionsGrammarAllows) {
    for (const auto& c : kGrammarGood) {
        SCOPED_TRACE(c.input);
        Reference ref = Reference::parse(c.input);
        EXPECT_EQ(ref.repository.registry, c.registry);
        EXPECT_EQ(ref.repository.path, c.path);
        EXPECT_EQ(ref.tag, c.tag);
        EXPECT_EQ(ref.digest, c.digest);
        EXPECT_EQ(Reference::parse(ref.str()).str(), ref.str());
    }
}

TEST(Reference, NamesFollowGgcr) {
    Reference both = Reference::parse("nginx:1.25@" + kDigest);
    EXPECT_EQ(both.str(), "index.docker.io/library/nginx:1.25@" + kDigest);
    EXPECT_EQ(both.name(), "index.docker.io/library/nginx@" + kDigest);
    EXPECT_EQ(both.tagName(), "index.docker.io/library/nginx:1.25");
    EXPECT_EQ(both.digestName(), "index.docker.io/library/nginx@" + kDigest);
    EXPECT_EQ(both.repository.name(), "index.docker.io/library/nginx");

    Reference bare = Reference::parse("gcr.io/p/x");
    EXPECT_EQ(bare.name(), "gcr.io/p/x:latest");
    EXPECT_FALSE(bare.hasTag());
    EXPECT_FALSE(bare.hasDigest());
    EXPECT_THROW(bare.tagName(), Error);
    EXPECT_THROW(bare.digestName(), Error);
}

TEST(Reference, IsValidDigest) {
    EXPECT_TRUE(isValidDigest(kDigest));
    EXPECT_FALSE(isValidDigest("sha256:"));
    EXPECT_FALSE(isValidDigest(kDigest + "0"));
    EXPECT_FALSE(isValidDigest("SHA256:" + kDigest.substr(7)));
    EXPECT_FALSE(isValidDigest(""));
}

// Random and mutated inputs: parse only returns or throws signet::Error, and whatever parses
// re-parses from str() to the same value.
TEST(Reference, RandomisedInputsNeverCrashAndRoundTrip) {
    std::mt19937 rng(20261122);
    const std::string alphabet = "abcAZ09_-.:/@[]sha256 \t\x01\xff";
    const std::vector<std::string> seeds = {"busybox", "gcr.io/p/x:v1@" + kDigest,
                                            "localhost:5000/a/b:c", "[::1]:5000/foo:t",
                                            "docker.io/library/x@" + kDigest};
    int parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string input;
        if (i % 2 == 0) {
            input = seeds[rng() % seeds.size()];
            int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits && !input.empty(); ++e) {
                std::size_t pos = rng() % input.size();
                switch (rng() % 3) {
                    case 0:
                        input[pos] = alphabet[rng() % alphabet.size()];
                        break;
                    case 1:
                        input.erase(pos, 1);
                        break;
                    default:
                        input.insert(pos, 1, alphabet[rng() % alphabet.size()]);
                }
            }
        } else {
            std::size_t len = rng() % 40;
            for (std::size_t k = 0; k < len; ++k) input += alphabet[rng() % alphabet.size()];
        }
        try {
            Reference ref = Reference::parse(input);
            ++parsed;
            Reference again = Reference::parse(ref.str());
            EXPECT_EQ(again.repository, ref.repository) << input;
            EXPECT_EQ(again.tag, ref.tag) << input;
            EXPECT_EQ(again.digest, ref.digest) << input;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Usage) << input;
        }
    }
    EXPECT_GT(parsed, 100);  // the mutations must also exercise the success path
}

}  // namespace
}  // namespace signet::oci
