#include "harness/OpenSslKeyPair.h"

#include "harness/Command.h"

namespace signet::testing {

void writeOpenSslKeyPair(const std::string& prefix) {
    runCommand(
        {"openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", prefix + ".ec"});
    runCommand(
        {"openssl", "pkcs8", "-topk8", "-nocrypt", "-in", prefix + ".ec", "-out", prefix + ".key"});
    runCommand({"openssl", "ec", "-in", prefix + ".ec", "-pubout", "-out", prefix + ".pub"});
}

}  // namespace signet::testing
