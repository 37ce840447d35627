#include "oci/AuthChallenge.h"

#include <cctype>

namespace signet::oci {
namespace {

// A small cursor over the header value.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    bool done() const { return pos_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[pos_]; }
    void skip() { ++pos_; }
    void skipSpace() {
        while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    }
    void skipSpaceAndCommas() {
        while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == ',')) ++pos_;
    }
    // An RFC 7230 token (letters, digits and !#$%&'*+-.^_`|~), possibly empty.
    std::string token() {
        std::size_t start = pos_;
        while (!done() && isTokenChar(text_[pos_])) ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }
    // A token68 or token value up to the next comma/space (used for unquoted values).
    std::string bareValue() {
        std::size_t start = pos_;
        while (!done() && text_[pos_] != ',' && text_[pos_] != ' ' && text_[pos_] != '\t') ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }
    // After the opening quote: the content up to the closing quote, with \-escapes resolved.
    std::string quoted() {
        std::string out;
        while (!done()) {
            char c = text_[pos_++];
            if (c == '"') return out;
            if (c == '\\' && !done()) c = text_[pos_++];
            out += c;
        }
        return out;  // unterminated: take what there is
    }
    std::size_t position() const { return pos_; }
    void rewind(std::size_t pos) { pos_ = pos; }

  private:
    static bool isTokenChar(char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// Reads "name=value" into `challenge`; false (cursor unchanged) when the next item is not one.
bool readParam(Scanner& in, AuthChallenge& challenge) {
    std::size_t start = in.position();
    std::string name = in.token();
    in.skipSpace();
    if (name.empty() || in.peek() != '=') {
        in.rewind(start);
        return false;
    }
    in.skip();
    in.skipSpace();
    std::string value;
    if (in.peek() == '"') {
        in.skip();
        value = in.quoted();
    } else {
        value = in.bareValue();
    }
    challenge.params[lower(name)] = value;
    return true;
}

}  // namespace

// True when the cursor (after a comma) is at "name=", i.e. another parameter follows.
bool paramFollows(Scanner& in) {
    std::size_t start = in.position();
    in.skipSpaceAndCommas();
    std::string name = in.token();
    in.skipSpace();
    bool follows = !name.empty() && in.peek() == '=';
    in.rewind(start);
    return follows;
}

std::vector<AuthChallenge> parseAuthChallenges(std::string_view header) {
    std::vector<AuthChallenge> challenges;
    Scanner in(header);
    while (true) {
        in.skipSpaceAndCommas();
        if (in.done()) break;
        std::string scheme = in.token();
        if (scheme.empty()) {
            in.skip();  // not a token character: skip it and resynchronise
            continue;
        }
        AuthChallenge challenge{lower(scheme), {}};
        while (true) {
            in.skipSpace();
            if (!readParam(in, challenge)) break;
            in.skipSpace();
            if (in.peek() != ',' || !paramFollows(in)) break;
            in.skipSpaceAndCommas();
        }
        challenges.push_back(std::move(challenge));
    }
    return challenges;
}

}  // namespace signet::oci
