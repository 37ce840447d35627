// FreePort: a TCP port on 127.0.0.1 that was free a moment ago (bind :0, read it, close).
#pragma once

namespace signet::testing {

// Another process may take the port before the caller binds it: callers retry on "in use".
int pickFreePort();

}  // namespace signet::testing
