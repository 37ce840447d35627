// `signet sign-blob` and `signet verify-blob`: cosign's key-based blob signatures — base64 of the
// signature over the file's bytes (ECDSA P-256: ASN.1 DER over SHA-256), as `openssl dgst
// -sha256 -sign` makes and checks them.
#include <filesystem>
#include <iostream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "cli/SigningKey.h"
#include "cli/SigstoreFlags.h"
#include "config/CommandTimeout.h"
#include "config/KeySourceFromEnvironment.h"
#include "crypto/Encoding.h"
#include "crypto/KeyLoader.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "net/Deadline.h"

namespace signet::cli {
namespace {

// cosign reads the whole blob into memory to sign it with a key; so does signet, up to this.
constexpr std::size_t kMaxBlobBytes = std::size_t{1} << 30;

std::string readBlob(const std::string& path) {
    if (path == "-") {
        std::string blob((std::istreambuf_iterator<char>(std::cin)), {});
        if (blob.size() > kMaxBlobBytes)
            throw Error(ErrorKind::TooLarge, "the blob on standard input is over 1 GiB");
        return blob;
    }
    return io::readFileContents(path, kMaxBlobBytes, ErrorKind::Usage, "blob");
}

// --signature is a file holding the signature (base64, or the DER bytes sign-blob --b64=false
// writes), or the base64 text itself (as cosign).
std::string signatureBytes(const std::string& given) {
    std::string text = given;
    std::error_code ignored;
    const bool file = std::filesystem::is_regular_file(given, ignored);
    if (file) text = io::readFileContents(given, 1u << 20, ErrorKind::Usage, "signature file");
    const std::string raw = text;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    auto decoded = crypto::base64Decode(text);
    if (file && !decoded) return raw;
    if (!decoded || decoded->empty()) {
        throw Error(ErrorKind::Usage, "--signature is neither a file nor base64 text: " +
                                          (text.size() > 40 ? text.substr(0, 40) + "…" : text));
    }
    return *decoded;
}

// As cosign's os.WriteFile(path, bytes, 0600).
void writeFile(const std::string& path, const std::string& bytes) {
    io::writeFileContents(path, bytes, 0600, true, ErrorKind::Usage, "signature file");
}

}  // namespace

int runSignBlob(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, outputSignature, output, timeout;
    bool base64 = true;
    ArgumentParser parser("sign-blob", "FILE");
    SigningFlags signingFlags;
    signingFlags.addTo(parser, false);
    parser.option("--key", &key,
                  "private key: path, env://VAR, k8s://ns/name (default SIGNET_KEY, COSIGN_KEY, "
                  "SIGNET_KEY_DIR)");
    parser.option("--output-signature", &outputSignature,
                  "write the base64 signature to this file instead of standard output");
    parser.option("--output", &output, "deprecated by cosign: --output-signature");
    parser.flag("--b64", &base64, "base64 the signature (=false: the DER bytes)");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.unsupported("--output-certificate",
                       "a key has no certificate; keyless signing is not supported yet");
    parser.unsupported("--bundle", "Sigstore bundles are not written yet; use --output-signature");
    const std::string file = parser.parseOne(args);
    if (signingFlags.check() != cosign::SignatureFormat::Legacy) {
        throw Error(ErrorKind::Usage,
                    "--new-bundle-format=true: signet sign-blob does not write Sigstore bundles "
                    "yet; pass --new-bundle-format=false");
    }
    if (!output.empty()) {
        std::cerr << "WARNING: the '--output' flag is deprecated and will be removed in the "
                     "future. Use '--output-signature'\n";
        outputSignature = output;
    }
    const std::string blob = readBlob(file);
    auto signer = loadSigningKey(key, env, secrets,
                                 net::Deadline::after(config::commandTimeout(timeout, env)));
    const std::string der = signer->sign(blob);
    const std::string signature = base64 ? crypto::base64Encode(der) : der;
    if (outputSignature.empty()) {
        std::cout << signature << (base64 ? "\n" : "");  // as cosign: a newline after base64
    } else {
        writeFile(outputSignature, signature);
        std::cerr << "Wrote signature to file " << outputSignature << "\n";
    }
    return exit_code::kOk;
}

int runVerifyBlob(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    std::string key, signature, timeout;
    ArgumentParser parser("verify-blob", "FILE");
    VerifyingFlags verifyingFlags;
    verifyingFlags.addTo(parser);
    parser.option("--key", &key, "public key: path, env://VAR, key directory, k8s://ns/name");
    parser.option("--signature", &signature, "the signature: a file, or the base64 text");
    parser.option("--timeout", &timeout, config::kTimeoutFlagHelp);
    parser.unsupported("--bundle", "Sigstore bundles are not read yet; use --signature");
    parser.unsupported("--certificate", "keyless verification is not supported yet; use --key");
    const std::string file = parser.parseOne(args);
    verifyingFlags.check();
    if (verifyingFlags.bundlesOnly) {
        throw Error(ErrorKind::Usage,
                    "--new-bundle-format=true: signet verify-blob reads no Sigstore bundles yet; "
                    "use --signature");
    }
    if (key.empty()) throw Error(ErrorKind::Usage, "--key is required (a public key)");
    if (signature.empty()) throw Error(ErrorKind::Usage, "--signature is required");
    const std::string signed_ = signatureBytes(signature);
    const std::string blob = readBlob(file);
    const auto deadline = net::Deadline::after(config::commandTimeout(timeout, env));
    auto verifier = crypto::loadVerifier(config::verifyingKeySource(key, env), secrets, deadline);
    if (!verifier->verify(blob, signed_)) {
        std::cerr << "signet verify-blob: invalid signature when validating ASN.1 encoded "
                     "signature (the key did not sign "
                  << file << ")\n";
        return exit_code::kNoMatchingSignature;  // as `signet verify` for a wrong key
    }
    std::cerr << "Verified OK\n";
    return exit_code::kOk;
}

}  // namespace signet::cli
