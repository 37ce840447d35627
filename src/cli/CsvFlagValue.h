// CsvFlagValue: a flag value read as pflag's string-slice flags read it (Go encoding/csv, one
// record).
#pragma once

#include <string>
#include <vector>

namespace signet::cli {

// The fields of the first CSV record of `value` ("" gives none): split on ',', a field that
// starts with '"' is quoted ('""' inside is one '"', commas and line breaks are kept), spaces
// are kept. Throws Error(Usage) naming `flag` for a '"' in an unquoted field or a quoted field
// that is not closed or is followed by something other than ',' — as cosign's `-a` does.
std::vector<std::string> csvFlagFields(const std::string& value, const std::string& flag);

}  // namespace signet::cli
