#include "sbom/catalog/java/JavaCataloger.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <memory>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sbom/SbomGenerator.h"
#include "sbom/catalog/java/JavaArchive.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

using test::InMemoryImage;
using test::LayerBuilder;

la_ssize_t appendTo(struct archive*, void* out, const void* data, size_t size) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
    return static_cast<la_ssize_t>(size);
}

// A real zip (deflated) written with libarchive, as the jar tool would lay it out.
std::string zipOf(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string out;
    std::unique_ptr<struct archive, decltype(&archive_write_free)> a(archive_write_new(),
                                                                     archive_write_free);
    archive_write_set_format_zip(a.get());
    archive_write_open(a.get(), &out, nullptr, appendTo, nullptr);
    for (const auto& [name, content] : files) {
        std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                               archive_entry_free);
        archive_entry_set_pathname(e.get(), name.c_str());
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(content.size()));
        archive_write_header(a.get(), e.get());
        archive_write_data(a.get(), content.data(), content.size());
    }
    archive_write_close(a.get());
    return out;
}

std::string sha1Hex(const std::string& bytes) {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), d, &n, EVP_sha1(), nullptr);
    return crypto::hexEncode(std::string_view(reinterpret_cast<char*>(d), n));
}

std::string commonsLang3Jar() {
    std::string inner = zipOf({{"META-INF/MANIFEST.MF",
                                "Manifest-Version: 1.0\r\nImplementation-Title: inner-lib\r\n"
                                "Implementation-Version: 0.9\r\n\r\n"}});
    return zipOf({{"META-INF/MANIFEST.MF",
                   "Manifest-Version: 1.0\r\nBundle-SymbolicName: org.apache.commons.lang3\r\n"
                   "Implementation-Vendor: The Apache Software Foundation\r\n"
                   "Implementation-Version: 3.12.0\r\n\r\n"},
                  {"META-INF/maven/org.apache.commons/commons-lang3/pom.properties",
                   "#Created by Apache Maven 3.6.3\nversion=3.12.0\ngroupId=org.apache.commons\n"
                   "artifactId=commons-lang3\n"},
                  {"META-INF/maven/com.shaded/shaded-dep/pom.properties",
                   "version=1.1\ngroupId=com.shaded\nartifactId=shaded-dep\n"},
                  {"org/apache/commons/lang3/StringUtils.class", std::string(3000, '\xCA')},
                  {"lib/inner-lib-0.9.jar", inner}});
}

TEST(JavaCataloger, PomPropertiesShadedAndNestedArchives) {
    std::string jar = commonsLang3Jar();
    InMemoryImage image;
    image.add(LayerBuilder()
                  .file("usr/share/java/commons-lang3-3.12.0.jar", jar)
                  .symlink("usr/share/java/commons-lang3.jar", "commons-lang3-3.12.0.jar"));
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<JavaCataloger>());
    Sbom sbom = SbomGenerator(std::move(catalogers)).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 3u) << "the versioned symlink is not a second archive";
    const Package& lang = sbom.packages[0];
    EXPECT_EQ(lang.name, "commons-lang3");
    EXPECT_EQ(lang.version, "3.12.0");
    EXPECT_EQ(lang.purl, "pkg:maven/org.apache.commons/commons-lang3@3.12.0");
    ASSERT_EQ(lang.checksums.size(), 1u);
    EXPECT_EQ(lang.checksums[0].algorithm, "SHA1");
    EXPECT_EQ(lang.checksums[0].hex, sha1Hex(jar));
    EXPECT_EQ(lang.originator, "Organization: The Apache Software Foundation");
    EXPECT_EQ(sbom.packages[1].name, "inner-lib");
    EXPECT_EQ(sbom.packages[1].version, "0.9");
    EXPECT_EQ(sbom.packages[1].locations[0].path,
              "/usr/share/java/commons-lang3-3.12.0.jar:lib/inner-lib-0.9.jar");
    EXPECT_EQ(sbom.packages[2].purl, "pkg:maven/com.shaded/shaded-dep@1.1");
}

TEST(JavaArchive, ManifestOnlyJarUsesFileNameThenManifest) {
    auto artifacts = readJavaArchive(zipOf({{"META-INF/MANIFEST.MF",
                                             "Manifest-Version: 1.0\nImplementation-Title: x\n"
                                             "Implementation-Version: 2.0\n"}}),
                                     "tool.jar");
    ASSERT_EQ(artifacts.size(), 1u);
    EXPECT_EQ(artifacts[0].artifactId, "tool");
    EXPECT_EQ(artifacts[0].version, "2.0");
    EXPECT_EQ(decodeJavaArtifacts(encodeJavaArtifacts(artifacts))[0].version, "2.0");
}

TEST(JavaArchive, GarbageIsAnErrorAndABrokenJarOnlyAWarning) {
    EXPECT_THROW(readJavaArchive("definitely not a zip", "x.jar"), Error);
    InMemoryImage image;
    image.add(LayerBuilder().file("opt/app/broken.jar", "PK\x03\x04 truncated"));
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<JavaCataloger>());
    Sbom sbom = SbomGenerator(std::move(catalogers)).generate(image.input());
    EXPECT_TRUE(sbom.packages.empty());
    EXPECT_FALSE(sbom.warnings.empty());
}

}  // namespace
}  // namespace signet::sbom
