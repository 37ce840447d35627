#include "sbom/catalog/go/GoCataloger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "harness/Paths.h"
#include "sbom/SbomGenerator.h"
#include "sbom/catalog/go/ElfImage.h"
#include "sbom/catalog/go/GoBuildInfo.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

namespace fs = std::filesystem;
using test::InMemoryImage;
using test::LayerBuilder;

Sbom catalogGo(const InMemoryImage& image) {
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<GoCataloger>());
    return SbomGenerator(std::move(catalogers)).generate(image.input());
}

// Builds example.com/hello with Debian's Go; vendors github.com/google/uuid from
// /usr/share/gocode (golang-github-google-uuid-dev) when asked. Returns the binary path.
std::string buildHello(const std::string& dir, bool withDependency, const std::string& ldflags) {
    std::string gomod = "module example.com/hello\n\ngo 1.19\n";
    std::string main = "package main\n\nimport \"fmt\"\n";
    if (withDependency) {
        gomod += "\nrequire github.com/google/uuid v1.3.0\n";
        main += "import \"github.com/google/uuid\"\n";
        fs::create_directories(dir + "/vendor/github.com/google");
        fs::copy("/usr/share/gocode/src/github.com/google/uuid",
                 dir + "/vendor/github.com/google/uuid", fs::copy_options::recursive);
        signet::testing::writeFile(
            dir + "/vendor/modules.txt",
            "# github.com/google/uuid v1.3.0\n## explicit\ngithub.com/google/uuid\n");
    }
    main += "\nvar version = \"dev\"\n\nfunc main() {\n    fmt.Println(version";
    main += withDependency ? ", uuid.NewString())\n}\n" : ")\n}\n";
    signet::testing::writeFile(dir + "/go.mod", gomod);
    signet::testing::writeFile(dir + "/main.go", main);
    std::vector<std::string> argv = {
        "env",
        "GOCACHE=" + dir + "/.cache",
        "GOPATH=" + dir + "/.gopath",
        "GOPROXY=off",
        "GOFLAGS=-mod=" + std::string(withDependency ? "vendor" : "mod"),
        "CGO_ENABLED=0",
        "go",
        "build",
        "-buildvcs=false",
        "-o",
        "hello"};
    if (!ldflags.empty()) argv.insert(argv.end() - 2, {"-ldflags", ldflags});
    auto built = test::runProgram(argv, dir);
    if (built.exitCode != 0) throw std::runtime_error("go build failed: " + built.output);
    return dir + "/hello";
}

struct GoVersionM {
    std::string goVersion;
    std::string mainPath;
    std::set<std::pair<std::string, std::string>> deps;
};

// `go version -m` is the independent reader the cataloger is compared with.
GoVersionM goVersionM(const std::string& binary) {
    auto out = test::runProgram({"go", "version", "-m", binary});
    if (out.exitCode != 0) throw std::runtime_error(out.output);
    GoVersionM parsed;
    std::istringstream lines(out.output);
    std::string first;
    std::getline(lines, first);
    parsed.goVersion = first.substr(first.find(": ") + 2);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> f;
        std::istringstream parts(line);
        for (std::string x; std::getline(parts, x, '\t');) f.push_back(x);
        if (f.size() >= 3 && f[1] == "mod") parsed.mainPath = f[2];
        if (f.size() >= 4 && f[1] == "dep") parsed.deps.insert({f[2], f[3]});
    }
    return parsed;
}

TEST(GoCataloger, RealBinaryMatchesGoVersionM) {
    if (!test::haveProgram("go"))
        FAIL() << "golang-go is not installed (.ci/install-deps installs it)";
    if (!fs::exists("/usr/share/gocode/src/github.com/google/uuid/uuid.go"))
        FAIL() << "golang-github-google-uuid-dev is not installed (.ci/install-deps installs it)";
    test::ScratchDir dir;
    std::string binary = buildHello(dir.path(), true, "-X main.version=1.2.3");
    GoVersionM truth = goVersionM(binary);

    InMemoryImage image;
    LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile(binary, "usr/local/bin/hello"));
    layer.file("usr/local/bin/script", "#!/bin/sh\necho not elf\n", 0755);
    image.add(layer);
    Sbom sbom = catalogGo(image);

    std::set<std::pair<std::string, std::string>> deps;
    bool sawMain = false, sawStdlib = false;
    for (const auto& p : sbom.packages) {
        EXPECT_EQ(p.locations.at(0).path, "/usr/local/bin/hello");
        if (p.name == "stdlib") {
            sawStdlib = true;
            EXPECT_EQ(p.version, truth.goVersion);
            EXPECT_EQ(p.purl, "pkg:golang/stdlib@" + truth.goVersion.substr(2));
        } else if (p.name == truth.mainPath) {
            sawMain = true;
            EXPECT_EQ(p.version, "v1.2.3") << "from -ldflags -X main.version=1.2.3";
            EXPECT_EQ(p.purl, "pkg:golang/example.com/hello@v1.2.3");
        } else {
            deps.insert({p.name, p.version});
        }
    }
    EXPECT_TRUE(sawMain);
    EXPECT_TRUE(sawStdlib);
    EXPECT_EQ(deps, truth.deps);
    EXPECT_EQ(truth.deps.size(), 1u);
}

TEST(GoCataloger, StrippedBinaryWithoutLdflagsHasDevelMainVersion) {
    if (!test::haveProgram("go"))
        FAIL() << "golang-go is not installed (.ci/install-deps installs it)";
    test::ScratchDir dir;
    std::string binary = buildHello(dir.path(), false, "-s -w");
    InMemoryImage image;
    LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile(binary, "app/hello"));
    image.add(layer);
    Sbom sbom = catalogGo(image);
    ASSERT_EQ(sbom.packages.size(), 2u);
    EXPECT_EQ(sbom.packages[0].name, "example.com/hello");
    EXPECT_EQ(sbom.packages[0].version, "(devel)") << "what go version -m prints, as syft";
    EXPECT_EQ(sbom.packages[0].purl, "pkg:golang/example.com/hello@%28devel%29");
    EXPECT_EQ(sbom.packages[1].name, "stdlib");
}

TEST(GoCataloger, NonGoElfIsIgnored) {
    LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile("/bin/true", "bin/true"));
    InMemoryImage image;
    image.add(layer);
    EXPECT_TRUE(catalogGo(image).packages.empty());
}

// A pre-Go-1.18 binary stores pointers to Go string headers instead of inline strings.
// Built by hand after Go's debug/buildinfo reader: one RW PT_LOAD segment, no sections.
std::string pointerFormElf() {
    std::string elf(0x400, '\0');
    auto put = [&](std::size_t at, std::uint64_t v, int width) {
        for (int i = 0; i < width; ++i) elf[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    const std::uint64_t base = 0x400000;
    elf.replace(0, 4,
                "\x7F"
                "ELF");
    elf[4] = 2;  // 64-bit
    elf[5] = 1;  // little endian
    elf[6] = 1;
    put(0x10, 2, 2);           // ET_EXEC
    put(0x12, 0x3E, 2);        // x86-64
    put(0x20, 0x40, 8);        // e_phoff
    put(0x36, 56, 2);          // e_phentsize
    put(0x38, 1, 2);           // e_phnum
    put(0x3A, 64, 2);          // e_shentsize
    put(0x40, 1, 4);           // PT_LOAD
    put(0x44, 6, 4);           // PF_R | PF_W
    put(0x48, 0, 8);           // p_offset
    put(0x50, base, 8);        // p_vaddr
    put(0x60, elf.size(), 8);  // p_filesz
    put(0x68, elf.size(), 8);  // p_memsz
    elf.replace(0x100, 14, "\xff Go buildinf:");
    elf[0x10E] = 8;  // pointer size
    elf[0x10F] = 0;  // little-endian pointer form
    put(0x110, base + 0x140, 8);
    put(0x118, base + 0x150, 8);
    std::string version = "go1.16.15";
    std::string sentinelStart = "\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6";
    std::string sentinelEnd("\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2", 16);
    std::string mod =
        sentinelStart +
        "path\texample.com/old\nmod\texample.com/old\tv0.3.0\t\n"
        "dep\tgolang.org/x/text\tv0.3.7\th1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=\n"
        "dep\tgithub.com/a/b\tv1.0.0\t\n=>\tgithub.com/fork/b\tv1.0.1\th1:x\n"
        "dep\tgithub.com/c/d\tv1.0.0\t\n=>\t../local\t\t\n" +
        sentinelEnd;
    put(0x140, base + 0x200, 8);
    put(0x148, version.size(), 8);
    put(0x150, base + 0x220, 8);
    put(0x158, mod.size(), 8);
    elf.replace(0x200, version.size(), version);
    elf.replace(0x220, mod.size(), mod);
    return elf;
}

TEST(GoBuildInfo, PointerFormOfOldGoVersions) {
    auto info = readGoBuildInfo(pointerFormElf());
    ASSERT_TRUE(info);
    EXPECT_EQ(info->goVersion, "go1.16.15");
    GoModInfo mod = parseGoModInfo(info->modInfo);
    EXPECT_EQ(mod.main.path, "example.com/old");
    EXPECT_EQ(mod.main.version, "v0.3.0");
    ASSERT_EQ(mod.deps.size(), 3u);
    EXPECT_EQ(mod.deps[1].path, "github.com/fork/b") << "a versioned replacement wins";
    EXPECT_EQ(mod.deps[2].path, "github.com/c/d") << "a directory replacement keeps the original";

    InMemoryImage image;
    image.add(LayerBuilder().file("bin/old", pointerFormElf(), 0755));
    Sbom sbom = catalogGo(image);
    ASSERT_EQ(sbom.packages.size(), 5u);
    const Package& text = sbom.packages[3];
    EXPECT_EQ(text.name, "golang.org/x/text");
    EXPECT_EQ(text.purl, "pkg:golang/golang.org/x/text@v0.3.7");
    EXPECT_EQ(sbom.dependencies.size(), 4u)
        << "three deps and stdlib DEPENDENCY_OF the main module";
    for (const auto& edge : sbom.dependencies) EXPECT_EQ(edge.dependant, 0u);
    ASSERT_EQ(text.checksums.size(), 1u);
    EXPECT_EQ(text.checksums[0].hex,
              "a25a70bcfd8a69c5b5656bec47bb90868c9362f280ba97d0ad118114cdf9d869");
}

TEST(GoBuildInfo, MainVersionFallbacks) {
    EXPECT_EQ(goMainVersion("\"-X main.version=1.2.3 -s\"", "", ""), "v1.2.3");
    EXPECT_EQ(goMainVersion("-X github.com/x/y/cmd.Version=v2.0.0", "", ""), "v2.0.0");
    EXPECT_EQ(goMainVersion("", "0123456789abcdef", "2024-01-02T03:04:05Z"),
              "v0.0.0-20240102030405-0123456789ab");
    EXPECT_EQ(goMainVersion("-s -w", "", ""), "");
}

TEST(GoBuildInfo, TruncatedAndCorruptElvesAreNotGo) {
    std::string elf = pointerFormElf();
    for (std::size_t cut : {4u, 52u, 64u, 0x108u, 0x150u, 0x205u}) {
        EXPECT_FALSE(readGoBuildInfo(elf.substr(0, cut))) << cut;
    }
    std::string badPointer = elf;
    badPointer[0x117] = '\x7f';  // version pointer far outside the file
    EXPECT_FALSE(readGoBuildInfo(badPointer));
}

// Found by tests/fuzz GoBuildInfoFuzzer: e_phentsize 0 made the one program header count as
// 65535 segments, and walking them per address lookup took seconds on a 283-byte file.
TEST(GoBuildInfo, HeaderEntriesSmallerThanTheirStructAreNotElf) {
    std::string elf = pointerFormElf();
    ASSERT_TRUE(ElfImage::parse(elf));
    std::string zeroPhentsize = elf;
    zeroPhentsize[0x36] = 0;
    zeroPhentsize[0x38] = '\xff';  // e_phnum 65535
    zeroPhentsize[0x39] = '\xff';
    EXPECT_FALSE(ElfImage::parse(zeroPhentsize));
    EXPECT_FALSE(readGoBuildInfo(zeroPhentsize));
    std::string shortShentsize = elf;
    shortShentsize[0x3A] = 8;  // e_shentsize 8 with one section
    shortShentsize[0x3C] = 1;
    EXPECT_FALSE(ElfImage::parse(shortShentsize));
}

}  // namespace
}  // namespace signet::sbom
