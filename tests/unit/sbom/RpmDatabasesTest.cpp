// rpm's three database backends: Berkeley DB files written by Berkeley DB itself (db5.3_load) and
// read back by rpm's own bdb_ro backend, ndb files laid out as rpmpkg.c writes them, hostile
// variants of both, and the cataloger choosing the backend rpm would open.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "error/Error.h"
#include "harness/Paths.h"
#include "sbom/SbomGenerator.h"
#include "sbom/catalog/rpm/BerkeleyDbHash.h"
#include "sbom/catalog/rpm/RpmCataloger.h"
#include "sbom/catalog/rpm/RpmHeader.h"
#include "sbom/catalog/rpm/RpmNdb.h"
#include "sbom/catalog/rpm/RpmdbSqlite.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

using test::InMemoryImage;
using test::LayerBuilder;

std::string be32(std::uint32_t v) {
    std::string s(4, '\0');
    for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
    return s;
}

std::string le32(std::uint32_t v) {
    std::string s(4, '\0');
    for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    return s;
}

// An rpm header blob: NAME, VERSION, RELEASE strings and PROVIDENAME/REQUIRENAME arrays.
std::string headerBlob(const std::string& name, const std::string& version,
                       const std::vector<std::string>& provides = {},
                       const std::vector<std::string>& requires_ = {}) {
    std::string index, store;
    int entries = 0;
    auto add = [&](std::uint32_t tag, std::uint32_t type, const std::vector<std::string>& values) {
        index += be32(tag) + be32(type) + be32(static_cast<std::uint32_t>(store.size())) +
                 be32(static_cast<std::uint32_t>(values.size()));
        for (const auto& v : values) store += v + std::string(1, '\0');
        ++entries;
    };
    add(1000, 6, {name});
    add(1001, 6, {version});
    add(1002, 6, {"1"});
    if (!provides.empty()) add(1047, 8, provides);
    if (!requires_.empty()) add(1049, 8, requires_);
    return be32(entries) + be32(static_cast<std::uint32_t>(store.size())) + index + store;
}

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) out += std::string{digits[c >> 4], digits[c & 15]};
    return out;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// A Berkeley DB hash file written by Berkeley DB's own db5.3_load from key/value pairs.
std::string berkeleyDb(const std::vector<std::pair<std::string, std::string>>& records,
                       const std::string& options = "") {
    if (!test::haveProgram("db5.3_load")) {
        ADD_FAILURE() << "db5.3_load is missing (.ci/install-deps installs db5.3-util)";
        return "";
    }
    test::ScratchDir dir;
    std::string dump = "VERSION=3\nformat=bytevalue\ntype=hash\nHEADER=END\n";
    for (const auto& [key, value] : records) dump += " " + hex(key) + "\n " + hex(value) + "\n";
    dump += "DATA=END\n";
    signet::testing::writeFile(dir.path() + "/dump", dump);
    std::vector<std::string> argv{"db5.3_load", "-f", dir.path() + "/dump"};
    if (!options.empty()) {
        std::size_t start = 0;
        while (start < options.size()) {
            auto end = options.find(' ', start);
            if (end == std::string::npos) end = options.size();
            argv.push_back("-c");
            argv.push_back(options.substr(start, end - start));
            start = end + 1;
        }
    }
    argv.push_back(dir.path() + "/Packages");
    auto loaded = test::runProgram(argv);
    EXPECT_EQ(loaded.exitCode, 0) << loaded.output;
    return readFile(dir.path() + "/Packages");
}

// A Packages.db laid out as rpm's rpmpkg.c writes one: header, slot pages, 16-byte blocks.
std::string ndbFile(const std::vector<std::string>& blobs, std::uint32_t slotPages = 1) {
    std::string file = "RpmP" + le32(0) + le32(7) + le32(slotPages) +
                       le32(static_cast<std::uint32_t>(blobs.size() + 1)) + std::string(12, '\0');
    std::string data;
    std::uint32_t nextBlock = slotPages * 4096 / 16;
    std::string slots;
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        std::uint32_t index = static_cast<std::uint32_t>(i + 1);
        std::size_t blocks = (16 + blobs[i].size() + 12 + 15) / 16;
        std::string block = "BlbS" + le32(index) + le32(1700000000) +
                            le32(static_cast<std::uint32_t>(blobs[i].size())) + blobs[i];
        block += std::string(blocks * 16 - 12 - block.size(), '\0');
        std::uint32_t a = 1, b = 0;
        for (unsigned char c : block) {
            a = (a + c) % 65521;
            b = (b + a) % 65521;
        }
        block += le32(b << 16 | a) + le32(static_cast<std::uint32_t>(blobs[i].size())) + "BlbE";
        slots += "Slot" + le32(index) + le32(nextBlock) + le32(static_cast<std::uint32_t>(blocks));
        nextBlock += static_cast<std::uint32_t>(blocks);
        data += block;
    }
    while (file.size() + slots.size() < slotPages * 4096) slots += "Slot" + std::string(12, '\0');
    return file + slots + data;
}

std::vector<Package> catalogOf(const LayerBuilder& layer, std::vector<std::string>* warnings) {
    InMemoryImage image;
    image.add(layer);
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<RpmCataloger>());
    Sbom sbom = SbomGenerator(std::move(catalogers)).generate(image.input());
    if (warnings) *warnings = sbom.warnings;
    return sbom.packages;
}

std::set<std::string> namesOf(const std::vector<Package>& packages) {
    std::set<std::string> names;
    for (const auto& p : packages) names.insert(p.name + "@" + p.version);
    return names;
}

std::vector<std::pair<std::string, std::string>> sampleRecords() {
    // Key 0 is rpm's own instance counter; one header spans many 512-byte overflow pages.
    std::vector<std::pair<std::string, std::string>> records{{le32(0), le32(5)}};
    records.push_back({le32(1), headerBlob("tiny", "1.0")});
    records.push_back({le32(2), headerBlob(std::string(6000, 'h'), "2.0")});
    for (std::uint32_t i = 3; i <= 40; ++i) {
        records.push_back({le32(i), headerBlob("pkg" + std::to_string(i), std::to_string(i))});
    }
    return records;
}

TEST(RpmDatabases, BerkeleyDbFilesWrittenByBerkeleyDbAreReadInEveryLayout) {
    auto records = sampleRecords();
    std::set<std::string> expected;
    for (std::size_t i = 1; i < records.size(); ++i) {
        RpmHeader h = parseRpmHeader(records[i].second);
        expected.insert(h.name + "@" + h.version + "-1");
    }
    for (const std::string pageSize : {"512", "4096", "65536"}) {
        for (const std::string order : {"1234", "4321"}) {
            for (const std::string checksum : {"0", "1"}) {
                std::string options =
                    "db_pagesize=" + pageSize + " db_lorder=" + order + " chksum=" + checksum;
                std::string file = berkeleyDb(records, options);
                auto read = readBerkeleyDbHash(file);
                std::map<std::string, std::string> byKey;
                for (auto& r : read) byKey[r.key] = r.value;
                EXPECT_EQ(read.size(), records.size()) << options;
                for (const auto& [key, value] : records) {
                    EXPECT_EQ(byKey[key], value) << options << " key " << hex(key);
                }
                std::vector<std::string> warnings;
                auto packages =
                    catalogOf(LayerBuilder().file("var/lib/rpm/Packages", file), &warnings);
                EXPECT_EQ(namesOf(packages), expected) << options;
                EXPECT_TRUE(warnings.empty()) << options << ": " << warnings[0];
            }
        }
    }
}

// rpmbuild + `rpm -i` make a real package header; Berkeley DB writes it into a Packages file;
// rpm's bdb_ro backend (its own reader, not Berkeley DB) lists it; signet must list the same.
TEST(RpmDatabases, RpmsOwnBerkeleyDbReaderAndSignetAgree) {
    if (!test::haveProgram("rpmbuild") || !test::haveProgram("rpm")) {
        FAIL() << "Debian's rpm package is not installed (.ci/install-deps installs it)";
    }
    test::ScratchDir dir;
    signet::testing::writeFile(
        dir.path() + "/a.spec",
        "Name: needs-tools\nVersion: 3.1\nRelease: 4\nEpoch: 1\nSummary: t\nLicense: MIT\n"
        "BuildArch: noarch\nRequires: tiny-cli\nRequires: /bin/sh\n%description\nt\n%files\n");
    signet::testing::writeFile(dir.path() + "/b.spec",
                               "Name: tiny-tools\nVersion: 0.3\nRelease: 7\nSummary: t\n"
                               "License: MIT\nBuildArch: noarch\nProvides: tiny-cli\n"
                               "%description\nt\n%files\n");
    std::string root = dir.path() + "/root";
    for (const std::string spec : {"a", "b"}) {
        auto built =
            test::runProgram({"rpmbuild", "--quiet", "--define", "_topdir " + dir.path() + "/top",
                              "-bb", dir.path() + "/" + spec + ".spec"});
        ASSERT_EQ(built.exitCode, 0) << built.output;
    }
    auto installed = test::runProgram(
        {"rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts",
         dir.path() + "/top/RPMS/noarch/needs-tools-3.1-4.noarch.rpm",
         dir.path() + "/top/RPMS/noarch/tiny-tools-0.3-7.noarch.rpm"});
    ASSERT_EQ(installed.exitCode, 0) << installed.output;
    auto blobs = rpmdbSqliteBlobs(readFile(root + "/var/lib/rpm/rpmdb.sqlite"));
    ASSERT_EQ(blobs.size(), 2u);
    std::vector<std::pair<std::string, std::string>> records{{le32(0), le32(3)}};
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        records.push_back({le32(static_cast<std::uint32_t>(i + 1)), blobs[i]});
    }
    std::string bdbRoot = dir.path() + "/bdb";
    std::filesystem::create_directories(bdbRoot + "/var/lib/rpm");
    signet::testing::writeFile(bdbRoot + "/var/lib/rpm/Packages",
                               berkeleyDb(records, "db_pagesize=1024"));
    auto query = test::runProgram({"rpm", "--root", bdbRoot, "--dbpath", "/var/lib/rpm", "--define",
                                   "_db_backend bdb_ro", "-qa", "--qf",
                                   "row:%{NAME}@%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\n"});
    ASSERT_EQ(query.exitCode, 0) << query.output;
    std::set<std::string> truth;  // the output also holds rpm's warnings about missing indexes
    std::istringstream lines(query.output);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("row:", 0) == 0) truth.insert(line.substr(4));
    }
    std::vector<std::string> warnings;
    LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile(bdbRoot + "/var/lib/rpm/Packages", "var/lib/rpm/Packages"));
    auto packages = catalogOf(layer, &warnings);
    EXPECT_EQ(truth, (std::set<std::string>{"needs-tools@1:3.1-4", "tiny-tools@0.3-7"}));
    EXPECT_EQ(namesOf(packages), truth);
    EXPECT_TRUE(warnings.empty());
    for (const auto& p : packages) {
        if (p.name != "needs-tools") continue;
        // rpmlib() features and file paths are resolved by rpm elsewhere, not by package.
        EXPECT_EQ(p.dependsOn, std::vector<std::string>{"tiny-cli"});
    }
}

TEST(RpmDatabases, HostileBerkeleyDbFilesAreRefusedNotFollowed) {
    std::string good = berkeleyDb(sampleRecords(), "db_pagesize=512");
    ASSERT_GT(good.size(), 4096u);
    for (std::size_t cut = 0; cut < good.size(); cut += 97) {
        try {
            readBerkeleyDbHash(good.substr(0, cut));
        } catch (const Error&) {
        }
    }
    EXPECT_THROW(readBerkeleyDbHash(good.substr(0, good.size() - 512)), Error);  // truncated
    auto patched = [&](std::size_t at, const std::string& bytes) {
        std::string copy = good;
        copy.replace(at, bytes.size(), bytes);
        return copy;
    };
    EXPECT_THROW(readBerkeleyDbHash(patched(12, le32(0x053162))), Error);  // a btree database
    EXPECT_THROW(readBerkeleyDbHash(patched(20, le32(1000))), Error);      // page size
    EXPECT_THROW(readBerkeleyDbHash(patched(24, "\x01")), Error);          // encrypted
    EXPECT_THROW(readBerkeleyDbHash(patched(32, le32(1u << 30))), Error);  // pages past the end
    // Every overflow page pointing at itself: the chains loop and must be refused.
    std::string loops = good;
    std::size_t overflowPages = 0;
    for (std::size_t page = 1; page < good.size() / 512; ++page) {
        if (static_cast<unsigned char>(good[page * 512 + 25]) != 7) continue;
        loops.replace(page * 512 + 16, 4, le32(static_cast<std::uint32_t>(page)));
        ++overflowPages;
    }
    ASSERT_GT(overflowPages, 5u);
    EXPECT_THROW(readBerkeleyDbHash(loops), Error);
    // Item offsets pointing outside their page.
    std::string offsets = good;
    for (std::size_t page = 1; page < good.size() / 512; ++page) {
        if (static_cast<unsigned char>(good[page * 512 + 25]) != 13) continue;
        offsets.replace(page * 512 + 26, 2, std::string("\xff\xff", 2));
    }
    EXPECT_THROW(readBerkeleyDbHash(offsets), Error);
    std::vector<std::string> warnings;
    auto packages = catalogOf(LayerBuilder().file("var/lib/rpm/Packages", loops), &warnings);
    EXPECT_TRUE(packages.empty());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("var/lib/rpm/Packages: malformed Berkeley DB"), std::string::npos)
        << warnings[0];
}

TEST(RpmDatabases, NdbPackagesDbIsReadAndEveryCorruptionIsNamed) {
    std::vector<std::string> blobs;
    for (int i = 0; i < 300; ++i) {  // more than one slot page's 254 slots need two pages
        blobs.push_back(headerBlob("p" + std::to_string(i), "1." + std::to_string(i)));
    }
    std::string file = ndbFile(blobs, 2);
    EXPECT_EQ(rpmNdbBlobs(file), blobs);
    std::vector<std::string> warnings;
    auto packages =
        catalogOf(LayerBuilder().file("usr/lib/sysimage/rpm/Packages.db", file), &warnings);
    EXPECT_EQ(packages.size(), 300u);
    EXPECT_TRUE(warnings.empty());

    std::string small = ndbFile({headerBlob("a", "1"), headerBlob("b", "2")});
    auto expectRefused = [&](std::string bytes, const std::string& reason) {
        try {
            rpmNdbBlobs(bytes);
            ADD_FAILURE() << "accepted: " << reason;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
        }
    };
    std::string flipped = small;
    flipped[4096 + 40] ^= 1;  // a byte inside the first blob
    expectRefused(flipped, "checksum mismatch");
    expectRefused("RpmQ" + small.substr(4), "bad magic");
    expectRefused(small.substr(0, small.size() - 16), "slot outside the data area");
    std::string overlapping = small;  // the second slot claims the first blob's blocks too
    overlapping.replace(32 + 16 + 8, 4, small.substr(32 + 8, 4));
    expectRefused(overlapping, "no blob where its slot points");
    std::string pages = small;
    pages.replace(12, 4, le32(100000));
    expectRefused(pages, "bad slot page count");
    for (std::size_t cut = 0; cut < small.size(); cut += 61) {
        try {
            rpmNdbBlobs(small.substr(0, cut));
        } catch (const Error&) {
        }
    }
}

TEST(RpmDatabases, TheCatalogerReadsTheBackendRpmWouldOpen) {
    // One directory with Packages.db and a stale Packages: rpm opens the ndb one, so does
    // signet. A second database elsewhere (a chroot) is read on its own.
    std::string stale = berkeleyDb({{le32(1), headerBlob("stale", "0.1")}});
    std::string ndb = ndbFile({headerBlob("suse-only", "15")});
    std::vector<std::string> warnings;
    auto packages = catalogOf(LayerBuilder()
                                  .file("var/lib/rpm/Packages", stale)
                                  .file("var/lib/rpm/Packages.db", ndb)
                                  .file("srv/chroot/var/lib/rpm/Packages", stale),
                              &warnings);
    EXPECT_EQ(namesOf(packages), (std::set<std::string>{"suse-only@15-1", "stale@0.1-1"}));
    EXPECT_EQ(packages.size(), 2u);
    EXPECT_TRUE(warnings.empty());
}

}  // namespace
}  // namespace signet::sbom
