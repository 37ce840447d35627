// TaskSpec: everything `signet run` was asked to do, typed and validated, CI-agnostic.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cosign/IdentityMode.h"
#include "cosign/SignatureFormat.h"
#include "crypto/SecretBytes.h"
#include "error/ExitStatus.h"
#include "sbom/cache/LayerCache.h"
#include "sbom/write/DocumentFormat.h"

namespace signet::config {

using Secret = crypto::SecretBytes;

using SignatureFormat = cosign::SignatureFormat;  // cosign/SignatureFormat.h
using FailOn = signet::FailOn;  // error/ExitStatus.h: how failures map to the exit code
enum class SbomMode { Off, Generate, File };
enum class SbomAttach { Attestation, Attach, Both };
enum class LogFormat { Plain, Github };  // text lines; GitHub workflow commands

// The spelling used in configuration and reports: "tag", "legacy-tag", "attestation", ...
using cosign::toString;
std::string_view toString(FailOn value);
std::string_view toString(SbomMode value);
std::string_view toString(SbomAttach value);

struct RegistrySettings {
    std::vector<std::string> insecure;  // hosts allowed over HTTP / unverified TLS
    std::optional<std::string> caFile;
    std::optional<std::string> username;
    std::optional<Secret> password;
    std::optional<Secret> token;
    unsigned retries = 3;
    std::chrono::seconds timeout{180};  // per reference
    unsigned concurrency = 4;
};

struct OutputSettings {
    std::string report = "signet-report.json";
    std::optional<std::string> resultsDir;
    // From the CI's environment only (config/OutputsFromEnvironment.h):
    std::map<std::string, std::string> resultPaths;  // SIGNET_RESULT_<NAME>_PATH
    std::optional<std::size_t> resultsMaxBytes;      // SIGNET_RESULTS_MAX_BYTES
    std::string githubOutput;                        // GITHUB_OUTPUT; empty: none
    std::string githubStepSummary;                   // GITHUB_STEP_SUMMARY; empty: none
};

struct SbomSettings {
    SbomMode mode = SbomMode::Off;
    std::optional<std::string> file;
    sbom::DocumentFormat format = sbom::DocumentFormat::SpdxJson;  // its words: sbom::traitsOf
    SbomAttach attach = SbomAttach::Attestation;
    std::vector<std::string> platforms;  // empty = all platforms
    std::uint64_t maxBytes = 16ull * 1024 * 1024;
    std::optional<std::string> dir;
    std::optional<std::string> cacheDir;  // the layer cache; none when unset
    std::uint64_t cacheMaxBytes = sbom::kDefaultLayerCacheBytes;  // all its entries together
};

// The Sigstore services signatures are logged and timestamped by, and the trusted root their
// answers are checked with (config/SigstoreSetup.h resolves them). Nothing is sent to any
// service unless a URL, a signing config or tlogUpload=true says so.
struct SigstoreSettings {
    std::optional<bool> tlogUpload;  // true without a URL: the public-good Rekor
    std::optional<std::string> rekorUrl;
    std::optional<std::string> tsaUrl;  // the full endpoint, …/api/v1/timestamp
    std::optional<std::string> signingConfig;
    std::optional<std::string> trustedRoot;
    // Keyless signing.
    std::optional<bool> keyless;  // unset: when no key is configured and a token is available
    std::optional<std::string> fulcioUrl;
    std::optional<Secret> identityToken;  // the token, or a path to a file holding it
    std::optional<std::string> identityTokenFile;
};

struct TaskSpec {
    // What to sign.
    std::vector<std::string> images;
    std::optional<std::string> imagesFile;
    std::vector<std::string> tags;
    std::optional<std::string> digest;
    std::optional<std::string> repository;
    bool allowTagOnly = false;
    bool verifyTags = true;
    bool recursive = false;
    cosign::IdentityMode identity = cosign::IdentityMode::Tag;
    std::map<std::string, std::string> annotations;

    // Key.
    std::optional<std::string> key;  // path or env://VAR
    std::optional<std::string> keyDir;
    std::optional<Secret> keyPassword;        // set-but-empty = empty password
    std::optional<std::string> passwordFile;  // read by the key loader when keyPassword is unset

    SignatureFormat signatureFormat = SignatureFormat::Legacy;
    SigstoreSettings sigstore;
    FailOn failOn = FailOn::Any;
    RegistrySettings registry;
    OutputSettings outputs;
    SbomSettings sbom;

    // Where each setting that is not a default came from, by setting key ("images",
    // "registry.retries", ...): "SIGNET_IMAGES", "INPUT_FAIL-ON", "--tag", "task.yaml:3:9".
    std::map<std::string, std::string> origins;
};

// Where `key` was set, or a list of the ways to set it when it still has its default.
std::string originOf(const TaskSpec& spec, std::string_view key);

// A multi-line human-readable dump for debugging; secrets appear only as "***".
std::string describe(const TaskSpec& spec);

// Every secret value the spec holds (key password, registry password and token), for masking.
std::vector<std::string> secretValues(const TaskSpec& spec);

}  // namespace signet::config
