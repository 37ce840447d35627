// RawHttp: reads HTTP/1.1 messages off a TcpSocket byte for byte as sent (heads and bodies kept
// verbatim, chunked framing included), for test servers that must forward or cut them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/TcpSocket.h"

namespace signet::testing {

// A message head: the start line and the headers, with the raw bytes through the blank line.
struct HttpHead {
    std::string raw;
    std::string startLine;
    std::vector<std::pair<std::string, std::string>> headers;

    std::optional<std::string> header(const std::string& name) const;        // case-insensitive
    bool hasToken(const std::string& name, const std::string& token) const;  // e.g. Connection
};

struct HttpMessage {
    HttpHead head;
    std::string body;         // as framed on the wire (chunk sizes and trailers kept)
    bool untilClose = false;  // the body was delimited by the peer closing the connection

    std::string raw() const { return head.raw + body; }
    std::string method() const;  // requests: "GET"
    std::string target() const;  // requests: "/v2/x?y=z" as sent
    std::string path() const;    // requests: the target without its query
    int status() const;          // responses: 200
};

class HttpReader {
  public:
    explicit HttpReader(TcpSocket& socket) : socket_(socket) {}

    // nullopt when the peer closed (or reset) the connection before sending a byte of it;
    // throws when the connection ends inside a message, or when it does not start like HTTP
    // (an upper-case letter: a TLS handshake is refused at once).
    std::optional<HttpMessage> readRequest();
    // The same in two steps, for a server that answers "Expect: 100-continue" in between.
    std::optional<HttpHead> readHead();
    std::string readRequestBody(const HttpHead& head);
    // The response to a request with `method`; 1xx interim responses are skipped.
    std::optional<HttpMessage> readResponse(const std::string& method);
    std::size_t bytesReceived() const { return received_; }

  private:
    std::string readResponseBody(const HttpHead& head, bool bodyless, bool& untilClose);
    std::string readChunked();
    std::string readLine();
    std::string readExactly(std::size_t size);
    std::string readToEnd();
    bool fill();  // false at EOF

    TcpSocket& socket_;
    std::string buffer_;
    std::size_t received_ = 0;
};

}  // namespace signet::testing
