#include "harness/RawHttp.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace signet::testing {
namespace {

constexpr std::size_t kMaxHead = 1 << 20;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

HttpHead parseHead(std::string raw) {
    HttpHead head;
    std::size_t start = 0;
    for (std::size_t end; (end = raw.find("\r\n", start)) != start; start = end + 2) {
        const std::string line = raw.substr(start, end - start);
        const auto colon = line.find(':');
        if (start == 0) {
            head.startLine = line;
        } else if (colon != std::string::npos) {
            head.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
        }
    }
    head.raw = std::move(raw);
    return head;
}

std::string word(const std::string& line, int index) {
    std::size_t start = 0;
    for (int i = 0; i < index && start != std::string::npos; ++i) {
        start = line.find(' ', start);
        if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return "";
    return line.substr(start, line.find(' ', start) - start);
}

bool isChunked(const HttpHead& head) {
    return head.hasToken("Transfer-Encoding", "chunked");
}

}  // namespace

std::optional<std::string> HttpHead::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (lower(key) == lower(name)) return value;
    }
    return std::nullopt;
}

bool HttpHead::hasToken(const std::string& name, const std::string& token) const {
    for (const auto& [key, value] : headers) {
        if (lower(key) != lower(name)) continue;
        std::size_t start = 0;
        for (std::size_t end = 0; end != std::string::npos; start = end + 1) {
            end = value.find(',', start);
            if (lower(trim(value.substr(start, end - start))) == lower(token)) return true;
        }
    }
    return false;
}

std::string HttpMessage::method() const {
    return word(head.startLine, 0);
}

std::string HttpMessage::target() const {
    return word(head.startLine, 1);
}

std::string HttpMessage::path() const {
    const std::string full = target();
    return full.substr(0, full.find('?'));
}

int HttpMessage::status() const {
    const std::string code = word(head.startLine, 1);
    return code.empty() ? 0 : std::stoi(code);
}

std::optional<HttpMessage> HttpReader::readRequest() {
    auto head = readHead();
    if (!head) return std::nullopt;
    HttpMessage request;
    request.body = readRequestBody(*head);
    request.head = std::move(*head);
    return request;
}

std::optional<HttpMessage> HttpReader::readResponse(const std::string& method) {
    for (;;) {
        auto head = readHead();
        if (!head) return std::nullopt;
        HttpMessage response;
        response.head = std::move(*head);
        const int status = response.status();
        if (status >= 100 && status < 200 && status != 101) continue;  // interim, e.g. 100
        const bool bodyless = method == "HEAD" || status == 204 || status == 304;
        response.body = readResponseBody(response.head, bodyless, response.untilClose);
        return response;
    }
}

std::optional<HttpHead> HttpReader::readHead() {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (buffer_.size() > kMaxHead) throw std::runtime_error("HTTP head too large");
        bool more = false;
        try {
            more = fill();
        } catch (const std::exception&) {
            if (!buffer_.empty()) throw;
        }
        if (!more && buffer_.empty()) return std::nullopt;
        if (!more) throw std::runtime_error("connection closed inside an HTTP head");
        // A TLS ClientHello (0x16...) never ends in a blank line: refuse it now, not at a timeout.
        if (!std::isupper(static_cast<unsigned char>(buffer_[0]))) {
            throw std::runtime_error("not an HTTP message");
        }
    }
    std::string raw = buffer_.substr(0, end + 4);
    buffer_.erase(0, end + 4);
    return parseHead(std::move(raw));
}

std::string HttpReader::readRequestBody(const HttpHead& head) {
    if (isChunked(head)) return readChunked();
    const auto length = head.header("Content-Length");
    return length ? readExactly(std::stoull(*length)) : "";
}

std::string HttpReader::readResponseBody(const HttpHead& head, bool bodyless, bool& untilClose) {
    if (bodyless) return "";
    if (isChunked(head)) return readChunked();
    if (const auto length = head.header("Content-Length")) return readExactly(std::stoull(*length));
    untilClose = true;
    return readToEnd();
}

std::string HttpReader::readChunked() {
    std::string raw;
    for (;;) {
        const std::string sizeLine = readLine();
        raw += sizeLine;
        const std::size_t size = std::stoull(sizeLine, nullptr, 16);
        if (size == 0) break;
        raw += readExactly(size + 2);  // the chunk and its CRLF
    }
    for (std::string trailer; trailer != "\r\n";) raw += trailer = readLine();
    return raw;
}

std::string HttpReader::readLine() {
    std::size_t end;
    while ((end = buffer_.find("\r\n")) == std::string::npos) {
        if (buffer_.size() > kMaxHead) throw std::runtime_error("HTTP line too long");
        if (!fill()) throw std::runtime_error("connection closed inside a chunked body");
    }
    std::string line = buffer_.substr(0, end + 2);
    buffer_.erase(0, end + 2);
    return line;
}

std::string HttpReader::readExactly(std::size_t size) {
    while (buffer_.size() < size) {
        if (!fill()) throw std::runtime_error("connection closed inside an HTTP body");
    }
    std::string bytes = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return bytes;
}

std::string HttpReader::readToEnd() {
    while (fill()) {
    }
    return std::exchange(buffer_, {});
}

bool HttpReader::fill() {
    char chunk[16384];
    const std::size_t got = socket_.receive(chunk, sizeof chunk);
    buffer_.append(chunk, got);
    received_ += got;
    return got > 0;
}

}  // namespace signet::testing
