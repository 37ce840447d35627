// ReferrersApiShim: the OCI 1.1 referrers API (GET /v2/<name>/referrers/<digest>) in front of a
// registry that stores referrer manifests but lacks the API (Debian's docker-registry 2.8). A
// test shim, because no registry with the API can be installed here from Debian or npm: a
// FaultProxy that forwards everything else and answers the API from the manifests with a
// `subject` the registry accepted through it (and has not deleted since), adding the OCI-Subject
// header such registries send on those PUTs. Its own answers need no credentials.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "harness/FaultProxy.h"

namespace signet::testing {

class ReferrersApiShim {
  public:
    // `upstream`: "127.0.0.1:PORT" of the registry (plain HTTP), reached only through the shim.
    explicit ReferrersApiShim(const std::string& upstream, FaultProxyOptions faults = {});

    std::string host() const { return proxy_->host(); }
    int referrersQueries() const;  // referrers API requests answered

    struct State;

  private:
    std::shared_ptr<State> state_;
    std::unique_ptr<FaultProxy> proxy_;
};

}  // namespace signet::testing
