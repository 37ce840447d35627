// GoTime: time.Time as Go's encoding/json reads and writes it, and a time_t in RFC 3339 UTC.
#pragma once

#include <ctime>
#include <string>

namespace signet::json {

// RFC 3339 text as time.Time's UnmarshalJSON reads it and MarshalJSON writes it back
// (RFC3339Nano: at most nine fraction digits, trailing zeros dropped, a zero offset as "Z").
// Throws Error(Usage) for text time.Parse refuses.
std::string goTimeText(const std::string& rfc3339);

// `when` as "YYYY-MM-DDTHH:MM:SSZ" (Go's time.RFC3339 of a UTC time).
std::string rfc3339Utc(std::time_t when);

}  // namespace signet::json
