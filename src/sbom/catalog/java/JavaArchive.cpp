#include "sbom/catalog/java/JavaArchive.h"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sbom {
namespace {

constexpr int kMaxDepth = 3;
constexpr std::size_t kMaxSmallFile = 1 << 20;
constexpr std::size_t kMaxNestedArchive = 64 << 20;
constexpr std::uint64_t kMaxInflatedPerArchive = 512ULL << 20;
constexpr int kMaxEntries = 200000;

using Manifest = std::map<std::string, std::string>;

std::string sha1Hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha1(), nullptr);
    return crypto::hexEncode(std::string_view(reinterpret_cast<char*>(digest), length));
}

// The main section of MANIFEST.MF: "Key: value", continuation lines start with one space.
Manifest parseManifest(const std::string& text) {
    Manifest out;
    std::istringstream in(text);
    std::string lastKey;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) break;
        if (line[0] == ' ') {
            if (!lastKey.empty()) out[lastKey] += line.substr(1);
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        lastKey = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        out.emplace(lastKey, value);
    }
    return out;
}

std::map<std::string, std::string> parseProperties(const std::string& text) {
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#' || line[0] == '!') continue;
        auto eq = line.find_first_of("=:");
        if (eq == std::string::npos) continue;
        auto trim = [](std::string s) {
            s.erase(0, s.find_first_not_of(" \t"));
            s.erase(s.find_last_not_of(" \t") + 1);
            return s;
        };
        out[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    return out;
}

std::string field(const Manifest& m, const char* key) {
    auto it = m.find(key);
    return it == m.end() ? "" : it->second;
}

std::string firstOf(const Manifest& m, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        if (std::string v = field(m, key); !v.empty()) return v;
    }
    return "";
}

// "commons-lang3-3.12.0.jar" → {"commons-lang3", "3.12.0"}: the version starts at the first
// "-<digit>" after a non-empty name.
std::pair<std::string, std::string> splitFileName(const std::string& fileName) {
    std::string stem = fileName.substr(0, fileName.rfind('.'));
    for (std::size_t at = stem.find('-', 1); at != std::string::npos; at = stem.find('-', at + 1)) {
        if (at + 1 < stem.size() && std::isdigit(static_cast<unsigned char>(stem[at + 1]))) {
            return {stem.substr(0, at), stem.substr(at + 1)};
        }
    }
    return {stem, ""};
}

bool isArchiveName(const std::string& name) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos) return false;
    std::string ext = name.substr(dot + 1);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* known :
         {"jar", "war", "ear", "par", "sar", "nar", "jpi", "hpi", "kar", "lpkg"}) {
        if (ext == known) return true;
    }
    return false;
}

std::string baseName(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

class ZipWalker {
  public:
    explicit ZipWalker(std::uint64_t& inflated) : inflated_(inflated) {}

    void walk(std::string_view bytes, const std::string& archivePath, const std::string& fileName,
              int depth, std::vector<JavaArtifact>& out) {
        std::unique_ptr<struct archive, decltype(&archive_read_free)> a(archive_read_new(),
                                                                        archive_read_free);
        archive_read_support_format_zip(a.get());
        if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
            throw Error(ErrorKind::Registry, "java archive " + fileName + " is not a zip file");
        }
        std::string manifestText;
        std::vector<std::map<std::string, std::string>> poms;
        std::vector<std::pair<std::string, std::string>> nested;
        struct archive_entry* entry = nullptr;
        int entries = 0;
        int status;
        while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK ||
               status == ARCHIVE_WARN) {
            if (++entries > kMaxEntries) break;
            const char* rawName = archive_entry_pathname(entry);
            std::string name = rawName ? rawName : "";
            if (name == "META-INF/MANIFEST.MF") {
                manifestText = readEntry(a.get(), kMaxSmallFile);
            } else if (name.rfind("META-INF/maven/", 0) == 0 &&
                       baseName(name) == "pom.properties") {
                poms.push_back(parseProperties(readEntry(a.get(), kMaxSmallFile)));
            } else if (depth < kMaxDepth && isArchiveName(name)) {
                nested.emplace_back(name, readEntry(a.get(), kMaxNestedArchive));
            }
        }
        if (status != ARCHIVE_EOF && status != ARCHIVE_OK && status != ARCHIVE_WARN &&
            entries == 0) {
            throw Error(ErrorKind::Registry, "java archive " + fileName + " is not a readable zip");
        }
        addArtifacts(parseManifest(manifestText), poms, archivePath, fileName, out);
        for (const auto& [name, content] : nested) {
            if (content.empty()) continue;
            try {
                walk(content, name, baseName(name), depth + 1, out);
            } catch (const Error&) {
                // A broken nested archive does not spoil the outer one.
            }
        }
    }

  private:
    std::string readEntry(struct archive* a, std::size_t cap) {
        std::string data;
        char buffer[16384];
        la_ssize_t n;
        while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) {
            inflated_ += static_cast<std::uint64_t>(n);
            if (inflated_ > kMaxInflatedPerArchive) {
                throw Error(ErrorKind::TooLarge, "java archive inflates to more than " +
                                                     std::to_string(kMaxInflatedPerArchive) +
                                                     " bytes");
            }
            if (data.size() + static_cast<std::size_t>(n) > cap) return "";
            data.append(buffer, static_cast<std::size_t>(n));
        }
        return data;
    }

    static void addArtifacts(const Manifest& manifest,
                             const std::vector<std::map<std::string, std::string>>& poms,
                             const std::string& archivePath, const std::string& fileName,
                             std::vector<JavaArtifact>& out) {
        auto [fileArtifact, fileVersion] = splitFileName(fileName);
        int mainPom = -1;
        for (std::size_t i = 0; i < poms.size(); ++i) {
            std::string artifact = poms[i].count("artifactId") ? poms[i].at("artifactId") : "";
            if (!artifact.empty() && fileName.rfind(artifact, 0) == 0)
                mainPom = static_cast<int>(i);
        }
        if (mainPom < 0 && poms.size() == 1) mainPom = 0;
        std::string vendor = firstOf(manifest, {"Implementation-Vendor", "Specification-Vendor"});
        JavaArtifact main;
        main.archivePath = archivePath;
        main.vendor = vendor;
        if (mainPom >= 0) {
            const auto& pom = poms[mainPom];
            main.groupId = pom.count("groupId") ? pom.at("groupId") : "";
            main.artifactId = pom.count("artifactId") ? pom.at("artifactId") : "";
            main.version = pom.count("version") ? pom.at("version") : "";
            main.fromPom = true;
        } else {
            bool bundlePlugin =
                field(manifest, "Created-By").find("Bundle Plugin") != std::string::npos;
            std::string symbolic = field(manifest, "Bundle-SymbolicName");
            symbolic = symbolic.substr(0, symbolic.find(';'));
            main.artifactId = bundlePlugin && !symbolic.empty() ? symbolic
                              : !fileArtifact.empty()
                                  ? fileArtifact
                                  : firstOf(manifest, {"Name", "Bundle-Name", "Short-Name",
                                                       "Extension-Name", "Implementation-Title"});
            main.version =
                !fileVersion.empty()
                    ? fileVersion
                    : firstOf(manifest, {"Implementation-Version", "Specification-Version",
                                         "Plugin-Version", "Bundle-Version"});
            main.groupId = firstOf(manifest, {"Implementation-Vendor-Id"});
        }
        out.push_back(main);
        for (std::size_t i = 0; i < poms.size(); ++i) {
            if (static_cast<int>(i) == mainPom) continue;
            JavaArtifact shaded;
            shaded.archivePath = archivePath;
            shaded.groupId = poms[i].count("groupId") ? poms[i].at("groupId") : "";
            shaded.artifactId = poms[i].count("artifactId") ? poms[i].at("artifactId") : "";
            shaded.version = poms[i].count("version") ? poms[i].at("version") : "";
            shaded.fromPom = true;
            out.push_back(shaded);
        }
    }

    std::uint64_t& inflated_;
};

}  // namespace

std::vector<JavaArtifact> readJavaArchive(std::string_view bytes, const std::string& fileName) {
    std::vector<JavaArtifact> out;
    std::uint64_t inflated = 0;
    ZipWalker(inflated).walk(bytes, "", fileName, 0, out);
    if (!out.empty()) out.front().sha1 = sha1Hex(bytes);
    return out;
}

std::string encodeJavaArtifacts(const std::vector<JavaArtifact>& artifacts) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : artifacts) {
        list.push_back({{"g", a.groupId},
                        {"a", a.artifactId},
                        {"v", a.version},
                        {"vendor", a.vendor},
                        {"path", a.archivePath},
                        {"sha1", a.sha1},
                        {"pom", a.fromPom}});
    }
    return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<JavaArtifact> decodeJavaArtifacts(const std::string& encoded) {
    std::vector<JavaArtifact> out;
    nlohmann::json list = nlohmann::json::parse(encoded, nullptr, false);
    if (!list.is_array()) return out;
    for (const auto& item : list) {
        out.push_back({item.value("g", ""), item.value("a", ""), item.value("v", ""),
                       item.value("vendor", ""), item.value("path", ""), item.value("sha1", ""),
                       item.value("pom", false)});
    }
    return out;
}

}  // namespace signet::sbom
