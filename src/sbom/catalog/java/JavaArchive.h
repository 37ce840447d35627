// JavaArchive: reads a jar/war/ear (zip) in memory — MANIFEST.MF, pom.properties, nested archives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

// One Java package an archive declares.
struct JavaArtifact {
    std::string groupId;
    std::string artifactId;
    std::string version;
    std::string vendor;       // manifest Implementation-Vendor/Specification-Vendor
    std::string archivePath;  // "" for the archive itself, else the nested entry ("lib/x.jar")
    std::string sha1;         // hex, only for the outer archive's main package
    bool fromPom = false;
};

// The archive's main artifact first, then shaded pom.properties and nested archives'
// artifacts. `fileName` is the archive's base name ("commons-lang3-3.12.0.jar"). Throws
// signet::Error(Registry) for bytes that are not a zip; bounded in depth and inflated bytes.
std::vector<JavaArtifact> readJavaArchive(std::string_view bytes, const std::string& fileName);

// Serialises artifacts to a compact string and back (kept between layer read and catalog).
std::string encodeJavaArtifacts(const std::vector<JavaArtifact>& artifacts);
std::vector<JavaArtifact> decodeJavaArtifacts(const std::string& encoded);

}  // namespace signet::sbom
