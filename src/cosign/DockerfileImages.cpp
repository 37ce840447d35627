#include "cosign/DockerfileImages.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "error/Error.h"

namespace signet::cosign {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

bool isNameCharacter(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class Reader {
  public:
    explicit Reader(const VariableLookup& environment) : environment_(environment) {}

    void line(const std::string& text) {
        const auto space = text.find_first_of(" \t");
        if (space == std::string::npos) return;
        const std::string instruction = lower(text.substr(0, space));
        const std::string rest = expand(text.substr(space + 1));
        if (instruction == "from") {
            from(text, rest);
        } else if (instruction == "copy") {
            copy(rest);
        } else if (instruction == "arg" || instruction == "env") {
            define(rest);
        }
    }

    DockerfileImages found;

  private:
    bool isStage(const std::string& name) const {
        const std::string folded = lower(name);
        if (std::find(stages_.begin(), stages_.end(), folded) != stages_.end()) return true;
        return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
            return std::isdigit(c);
        });  // a stage's index, as COPY --from=0
    }

    void from(const std::string& original, const std::string& rest) {
        auto fields = words(rest);
        for (std::size_t i = fields.size(); i-- > 1;) {
            if (lower(fields[i]) != "as") continue;
            if (i + 1 == fields.size()) {
                throw Error(ErrorKind::Usage,
                            "expected stage name after \"AS\" in line \"" + original + "\"");
            }
            stages_.push_back(lower(fields[i + 1]));
            fields.resize(i);
            break;
        }
        if (fields.empty() || fields.back().rfind("--", 0) == 0) {
            throw Error(ErrorKind::Usage, "no image found in line \"" + original +
                                              "\" (is a build arg missing from the environment?)");
        }
        const std::string& image = fields.back();
        if (lower(image) == "scratch") {
            found.notes.push_back("- scratch image ignored");
        } else if (isStage(image)) {
            found.notes.push_back("- stage reference ignored: " + image);
        } else {
            found.images.push_back(image);
        }
    }

    void copy(const std::string& rest) {
        for (const auto& field : words(rest)) {
            if (field.rfind("--from=", 0) != 0) continue;
            const std::string source = field.substr(7);
            if (!source.empty() && !isStage(source)) found.images.push_back(source);
            return;
        }
    }

    void define(const std::string& rest) {
        for (const auto& field : words(rest)) {
            const auto equals = field.find('=');
            if (equals == std::string::npos || equals == 0) continue;
            std::string value = field.substr(equals + 1);
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
                value.back() == value.front()) {
                value = value.substr(1, value.size() - 2);
            }
            variables_[field.substr(0, equals)] = value;
        }
    }

    std::optional<std::string> lookup(const std::string& name) const {
        auto it = variables_.find(name);
        if (it != variables_.end()) return it->second;
        return environment_(name);
    }

    // ${NAME:-word} (word when unset or empty) and ${NAME:+word} (word when set and not empty).
    std::string value(const std::string& name) const {
        const auto operation = name.find(':');
        if (operation != std::string::npos && operation + 1 < name.size() &&
            (name[operation + 1] == '-' || name[operation + 1] == '+')) {
            const auto set = lookup(name.substr(0, operation));
            const bool present = set && !set->empty();
            const std::string word = name.substr(operation + 2);
            if (name[operation + 1] == '-') return present ? *set : word;
            return present ? word : "";
        }
        return lookup(name).value_or("");
    }

    // os.Expand's grammar: $NAME, ${NAME}; a '$' not followed by a name stays.
    std::string expand(const std::string& text) const {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '$' || i + 1 == text.size()) {
                out += text[i];
                continue;
            }
            if (text[i + 1] == '{') {
                const auto close = text.find('}', i + 2);
                if (close == std::string::npos || close == i + 2) {
                    ++i;  // bad syntax: Go drops "${"
                    continue;
                }
                out += value(text.substr(i + 2, close - i - 2));
                i = close;
                continue;
            }
            std::size_t end = i + 1;
            while (end < text.size() && isNameCharacter(text[end])) ++end;
            if (end == i + 1) {
                out += '$';
                continue;
            }
            out += value(text.substr(i + 1, end - i - 1));
            i = end - 1;
        }
        return out;
    }

    const VariableLookup& environment_;
    std::map<std::string, std::string> variables_;
    std::vector<std::string> stages_;
};

}  // namespace

DockerfileImages dockerfileImages(const std::string& text, const VariableLookup& environment) {
    Reader reader(environment);
    std::istringstream in(text);
    std::string logical;
    for (std::string line; std::getline(in, line);) {
        line = trimmed(line);
        if (logical.empty() && !line.empty() && line[0] == '#') continue;
        if (!line.empty() && line.back() == '\\') {  // continued on the next line
            logical += line.substr(0, line.size() - 1) + " ";
            continue;
        }
        reader.line(trimmed(logical + line));
        logical.clear();
    }
    if (!logical.empty()) reader.line(trimmed(logical));
    return reader.found;
}

}  // namespace signet::cosign
