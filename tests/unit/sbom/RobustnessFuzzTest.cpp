// Randomised robustness: mutated layers and metadata must only ever return or throw signet::Error.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <random>
#include <sstream>

#include "error/Error.h"
#include "sbom/SbomGenerator.h"
#include "sbom/catalog/apk/ApkCataloger.h"
#include "sbom/catalog/dpkg/DpkgCataloger.h"
#include "sbom/catalog/go/GoBuildInfo.h"
#include "sbom/catalog/java/JavaArchive.h"
#include "sbom/catalog/npm/NpmCataloger.h"
#include "sbom/catalog/python/PythonCataloger.h"
#include "sbom/catalog/rpm/RpmCataloger.h"
#include "sbom/catalog/rpm/RpmHeader.h"
#include "sbom/catalog/rpm/RpmdbSqlite.h"
#include "sbom/layer/LayerReader.h"
#include "sbom/license/SpdxLicenseExpression.h"
#include "sbom/os/OsRelease.h"
#include "sbom/write/SpdxJsonWriter.h"
#include "support/LayerBuilder.h"

namespace signet::sbom {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTimeBudget = std::chrono::seconds(20);

class Mutator {
  public:
    explicit Mutator(unsigned seed) : rng_(seed) {}

    std::string mutate(std::string data) {
        int edits = 1 + static_cast<int>(rng_() % 8);
        for (int i = 0; i < edits; ++i) {
            if (data.empty()) {
                data.push_back(static_cast<char>(rng_()));
                continue;
            }
            std::size_t at = rng_() % data.size();
            switch (rng_() % 6) {
                case 0:
                    data[at] = static_cast<char>(rng_());
                    break;
                case 1:
                    data[at] = static_cast<char>(data[at] ^ (1 << (rng_() % 8)));
                    break;
                case 2:
                    data.resize(at);
                    break;
                case 3:
                    data.insert(at, std::string(1 + rng_() % 64, static_cast<char>(rng_())));
                    break;
                case 4:
                    data.erase(at, 1 + rng_() % 64);
                    break;
                default: {
                    std::size_t from = rng_() % data.size();
                    data.insert(at, data.substr(from, 1 + rng_() % 128));
                    break;
                }
            }
        }
        return data;
    }
    std::uint32_t next() { return rng_(); }

  private:
    std::mt19937 rng_;
};

template <typename F>
void onlySignetErrors(F&& body) {
    try {
        body();
    } catch (const Error&) {
    }
}

std::vector<std::unique_ptr<Cataloger>> allCatalogers() {
    std::vector<std::unique_ptr<Cataloger>> c;
    c.push_back(std::make_unique<DpkgCataloger>());
    c.push_back(std::make_unique<ApkCataloger>());
    c.push_back(std::make_unique<PythonCataloger>());
    c.push_back(std::make_unique<NpmCataloger>());
    c.push_back(std::make_unique<RpmCataloger>());
    return c;
}

std::string seedLayer(test::Compression compression) {
    return test::LayerBuilder()
        .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
        .file("var/lib/dpkg/status",
              "Package: bash\nVersion: 5.2\nArchitecture: amd64\nSource: bash (5.2-1)\n\n"
              "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2\n")
        .file("usr/share/doc/bash/copyright", "Format: x\n\nLicense: GPL-3+\n")
        .file("lib/apk/db/installed", "P:musl\nV:1.2\nA:x86_64\no:musl-src\n\nP:b\nV:2\n")
        .file("site/x-1.0.dist-info/METADATA", "Name: x\nVersion: 1.0\nLicense: MIT\n\nbody")
        .file("app/package.json", R"({"name":"@s/app","version":"1.0.0","license":{"type":"MIT"}})")
        .symlink("etc/link", "../var/lib/dpkg/status")
        .hardlink("etc/hard", "etc/os-release")
        .whiteout("opt/gone")
        .opaque("srv")
        .build(compression);
}

// Reads a (mutated) layer without a digest check so the parsers see every mutation, then
// runs the catalogers and the SPDX writer on whatever survived.
void scanOneLayer(const std::string& blob) {
    auto catalogers = allCatalogers();
    std::vector<FileRule> rules = osReleaseFileRules();
    for (const auto& c : catalogers) {
        for (auto& r : c->fileRules()) rules.push_back(std::move(r));
    }
    ScanLimits limits;
    limits.maxLayerBytes = 32 << 20;
    ScanBudget budget;
    Sbom sbom;
    LayerReader reader(rules, limits, budget, sbom.warnings);
    SquashedFilesystem fs;
    std::istringstream in(blob);
    fs.applyLayer(reader.read(in, "", 0));
    sbom.image.diffIds = {"sha256:00"};
    sbom.distro = identifyRelease(fs);
    CatalogContext ctx{fs, sbom.distro, sbom.image.diffIds, sbom.warnings};
    for (const auto& c : catalogers) {
        for (auto& p : c->catalog(ctx)) sbom.packages.push_back(std::move(p));
    }
    DocumentOptions options;
    options.uuid = "00000000-0000-4000-8000-000000000000";
    writeSpdxJson(sbom, options);
}

TEST(RobustnessFuzz, MutatedLayersInEveryCompression) {
    Mutator mutator(20261122);
    auto start = Clock::now();
    int runs = 0;
    for (auto compression :
         {test::Compression::None, test::Compression::Gzip, test::Compression::Zstd}) {
        std::string seed = seedLayer(compression);
        onlySignetErrors([&] { scanOneLayer(seed); });
        for (int i = 0; i < 400 && Clock::now() - start < kTimeBudget; ++i, ++runs) {
            std::string blob = mutator.mutate(seed);
            onlySignetErrors([&] { scanOneLayer(blob); });
        }
    }
    EXPECT_GT(runs, 100);
}

TEST(RobustnessFuzz, MetadataParsersOnMutatedText) {
    Mutator mutator(7);
    auto start = Clock::now();
    const std::vector<std::string> seeds = {
        "Package: a\nVersion: 1\n Continuation\nStatus: deinstall\n\n\nPackage: b\n",
        "ID=\"debian\"\nVERSION_ID='12'\nID_LIKE=a b\n",
        "(GPL-2+ or MIT) AND Apache-2.0 WITH LLVM-exception",
    };
    for (int i = 0; i < 3000 && Clock::now() - start < kTimeBudget; ++i) {
        std::string text = mutator.mutate(seeds[i % seeds.size()]);
        onlySignetErrors([&] {
            parseOsRelease(text);
            std::map<std::string, std::string> extracted;
            spdxLicenseExpression({text}, extracted);
            PathGlob(text).matches(text);
        });
    }
}

std::string rpmHeaderSeed() {
    auto be = [](std::uint32_t v) {
        std::string s(4, '\0');
        for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
        return s;
    };
    std::string store = std::string(
                            "pkg\0"
                            "1.2\0",
                            8) +
                        be(3);
    return be(3) + be(static_cast<std::uint32_t>(store.size())) + be(1000) + be(6) + be(0) + be(1) +
           be(1001) + be(6) + be(4) + be(1) + be(1003) + be(4) + be(8) + be(1) + store;
}

std::string rpmdbSeed() {
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(
        db, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
        nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &insert, nullptr);
    std::string blob = rpmHeaderSeed();
    sqlite3_bind_blob(insert, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_finalize(insert);
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    std::string out(reinterpret_cast<char*>(bytes), static_cast<std::size_t>(size));
    sqlite3_free(bytes);
    sqlite3_close(db);
    return out;
}

TEST(RobustnessFuzz, BinaryParsersOnMutatedInput) {
    Mutator mutator(99);
    auto start = Clock::now();
    std::string header = rpmHeaderSeed();
    EXPECT_EQ(parseRpmHeader(header).epoch, 3);
    std::string database = rpmdbSeed();
    ASSERT_EQ(rpmdbSqliteBlobs(database).size(), 1u);
    std::string elf = test::LayerBuilder().build();  // not ELF: exercised as garbage
    std::string zip = "PK\x03\x04";
    for (int i = 0; i < 2000 && Clock::now() - start < kTimeBudget; ++i) {
        std::string h = mutator.mutate(header);
        onlySignetErrors([&] { parseRpmHeader(h); });
        if (i % 4 == 0) {
            std::string d = mutator.mutate(database);
            onlySignetErrors([&] { rpmdbSqliteBlobs(d); });
        }
        std::string e = mutator.mutate(
            "\x7F"
            "ELF\x02\x01\x01" +
            std::string(200, '\0') + elf);
        onlySignetErrors([&] { readGoBuildInfo(e); });
        std::string z = mutator.mutate(zip + std::string(100, 'z'));
        onlySignetErrors([&] { readJavaArchive(z, "x-1.0.jar"); });
        onlySignetErrors([&] {
            parseGoModInfo(
                mutator.mutate("path\tx\nmod\tx\tv1\t\ndep\ty\tv2\th1:z\n=>\tq\tv3\t\n"));
        });
    }
}

}  // namespace
}  // namespace signet::sbom

namespace signet::sbom {
namespace {

// Parsers see untrusted files of megabytes; none may recurse per byte (std::regex does).
TEST(RobustnessFuzz, HugeSingleLinesAreHandledIteratively) {
    std::string longName(3 << 19, 'a');
    test::LayerBuilder layer;
    layer.file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
        .file("etc/debian_version", std::string(60000, '1'))
        .file("var/lib/dpkg/status", "Package: bash\nVersion: 1\n")
        .file(
            "usr/share/doc/bash/copyright",
            "Format: x\nLicense: " + longName + "\n/usr/share/common-licenses/" + longName + "\n");
    std::string ldflags = "build\t-ldflags=-X main.version=" + longName + "\n";
    EXPECT_EQ(parseGoModInfo(ldflags).setting("-ldflags").size(), ldflags.size() - 16);
    std::istringstream in(layer.build(test::Compression::Gzip));
    auto catalogers = allCatalogers();
    std::vector<FileRule> rules = osReleaseFileRules();
    for (const auto& c : catalogers) {
        for (auto& r : c->fileRules()) rules.push_back(std::move(r));
    }
    ScanLimits limits;
    ScanBudget budget;
    std::vector<std::string> warnings;
    SquashedFilesystem fs;
    fs.applyLayer(LayerReader(rules, limits, budget, warnings).read(in, "", 0));
    auto release = identifyRelease(fs);
    ASSERT_TRUE(release);
    EXPECT_EQ(release->versionId, "12") << "a 60000-digit debian_version is not a point release";
    const std::string* licenses = fs.content("/usr/share/doc/bash/copyright");
    ASSERT_NE(licenses, nullptr);
    EXPECT_EQ(licenses->size(), 201u)
        << "one capped common-licenses name; the huge License: is dropped";
}

}  // namespace
}  // namespace signet::sbom
