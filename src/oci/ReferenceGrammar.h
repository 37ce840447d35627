// ReferenceGrammar: the pieces of an image reference checked against distribution/reference's
// grammar (reference/regexp.go). Each function returns an empty string when the text is valid,
// else a short reason ("path component \"..\" must start and end with a lowercase letter or
// digit") for the caller to put after the reference it names.
#pragma once

#include <string>
#include <string_view>

namespace signet::oci::grammar {

// host [':' port]: host is domain-name components ([a-zA-Z0-9] or [a-zA-Z0-9][a-zA-Z0-9-]*
// [a-zA-Z0-9]) joined by '.', or '[' IPv6 hex and ':' ']'; port is decimal, at most 65535.
std::string domainProblem(std::string_view domain);

// path-component ['/' path-component]*, where a path component is [a-z0-9]+ joined by the
// separators '.', '_', '__' or a run of '-'. So ".", "..", "", "a..b", "-a", "a-" and "A" are
// all refused.
std::string pathProblem(std::string_view path);

// [\w][\w.-]{0,127}
std::string tagProblem(std::string_view tag);

// algorithm ':' hex, for the algorithms go-digest accepts: sha256 (64 lowercase hex), sha384
// (96), sha512 (128).
std::string digestProblem(std::string_view digest);

// distribution's NameTotalLengthMax: "domain/path" at most 255 characters.
inline constexpr std::size_t kMaxNameLength = 255;

}  // namespace signet::oci::grammar
