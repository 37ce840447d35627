// `signet generate-key-pair`, `signet import-key-pair` and `signet public-key`: cosign-compatible
// key files and the public half of a key reference.
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/SigningKey.h"
#include "config/CommandTimeout.h"
#include "config/KeySourceFromEnvironment.h"
#include "crypto/KeyPairFiles.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "net/Deadline.h"

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
    std::string timeout;
    ArgumentParser parser("generate-key-pair", "[k8s://NAMESPACE/NAME]");
    parser.option("--output-key-prefix", &options.prefix, "write PREFIX.key and PREFIX.pub");
    parser.flag("--force", &options.overwrite,
                "overwrite existing files, or an existing Kubernetes Secret's keys");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    auto rest = parser.parse(args);
    if (rest.size() > 1) {
        throw Error(ErrorKind::Usage, "generate-key-pair takes at most one key reference");
    }
    const auto password = config::passwordSourceFromEnvironment(env);
    if (rest.empty()) {
        printWritten(crypto::generateKeyPair(options, password, secrets));
        return exit_code::kOk;
    }
    // As cosign: the Secret holds the pair and its password, the public key is written here.
    const auto written = crypto::generateKubernetesKeyPair(
        rest[0], config::kubernetesAccessFromEnvironment(env), options, password, secrets,
        net::Deadline::after(config::commandTimeout(timeout, env)));
    std::cerr << "Successfully " << (written.replaced ? "updated" : "created") << " secret "
              << written.name << " in namespace " << written.ns << "\n"
              << "Public key written to " << written.publicKey << "\n";
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

// cosign public-key: the PKIX PEM of the key a private key reference names, on stdout or in
// --outfile ("Public key written to FILE" on stderr).
int runPublicKey(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, outfile, timeout;
    ArgumentParser parser("public-key", "");
    parser.option("--key", &key,
                  "private key: path, env://VAR, k8s://ns/name (default SIGNET_KEY, COSIGN_KEY, "
                  "SIGNET_KEY_DIR)");
    parser.option("--outfile", &outfile, "write the PEM to this file instead of standard output");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.unsupported("--sk", "signet has no hardware-token support; use --key");
    auto rest = parser.parse(args);
    if (!rest.empty()) throw Error(ErrorKind::Usage, "public-key takes no arguments");
    auto signer = loadSigningKey(key, env, secrets,
                                 net::Deadline::after(config::commandTimeout(timeout, env)));
    const std::string pem = signer->verifier()->publicKeyPem();
    if (outfile.empty()) {
        std::cout << pem;
        return exit_code::kOk;
    }
    io::writeFileContents(outfile, pem, 0600, true, ErrorKind::Usage, "public key file");
    std::cerr << "Public key written to " << outfile << "\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
