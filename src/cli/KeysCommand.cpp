// `signet generate-key-pair` and `signet import-key-pair`: cosign-compatible key files.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "config/KeySourceFromEnvironment.h"
#include "crypto/KeyPairFiles.h"
#include "error/Error.h"

namespace signet::cli {
namespace {

void printWritten(const crypto::KeyPairPaths& paths) {
    std::cerr << "Private key written to " << paths.privateKey << "\n"
              << "Public key written to " << paths.publicKey << "\n";
}

}  // namespace

int runGenerateKeyPair(const Arguments& args, const Environment& env,
                       secret::SecretScrubber& secrets) {
    crypto::KeyPairOptions options{crypto::kGeneratedKeyPrefix, false};
    ArgumentParser parser("generate-key-pair", "");
    parser.option("--output-key-prefix", &options.prefix, "write PREFIX.key and PREFIX.pub");
    parser.flag("--force", &options.overwrite, "overwrite existing files");
    auto rest = parser.parse(args);
    if (!rest.empty()) throw Error(ErrorKind::Usage, "generate-key-pair takes no arguments");
    printWritten(
        crypto::generateKeyPair(options, config::passwordSourceFromEnvironment(env), secrets));
    return exit_code::kOk;
}

int runImportKeyPair(const Arguments& args, const Environment& env,
                     secret::SecretScrubber& secrets) {
    crypto::KeyPairOptions options{crypto::kImportedKeyPrefix, false};
    std::string key;
    ArgumentParser parser("import-key-pair", "");
    parser.option("--key,-k", &key, "PEM private key to import (RSA, EC or PKCS#8)");
    parser.option("--output-key-prefix,-o", &options.prefix, "write PREFIX.key and PREFIX.pub");
    parser.flag("--force", &options.overwrite, "overwrite existing files");
    auto rest = parser.parse(args);
    if (!rest.empty()) throw Error(ErrorKind::Usage, "import-key-pair takes no arguments");
    if (key.empty()) throw Error(ErrorKind::Usage, "import-key-pair needs --key FILE");
    printWritten(
        crypto::importKeyPair(key, options, config::passwordSourceFromEnvironment(env), secrets));
    return exit_code::kOk;
}

}  // namespace signet::cli
