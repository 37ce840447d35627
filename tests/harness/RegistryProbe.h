// RegistryProbe: one GET /v2/ to see whether a registry on 127.0.0.1 is up.
#pragma once

namespace signet::testing {

// The HTTP status of GET /v2/ when the answer carries the distribution API header
// (Docker-Distribution-Api-Version: registry/2.0), or -1 when nothing (or something else) answers.
// With `tls` the certificate is not checked: this only asks "is it listening yet".
int probeRegistry(int port, bool tls);

}  // namespace signet::testing
