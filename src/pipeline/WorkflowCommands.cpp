#include "pipeline/WorkflowCommands.h"

namespace signet::pipeline {

std::string escapeCommandData(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case '\r':
                out += "%0D";
                break;
            case '\n':
                out += "%0A";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string escapeCommandProperty(std::string_view text) {
    std::string out;
    for (char c : escapeCommandData(text)) {
        switch (c) {
            case ':':
                out += "%3A";
                break;
            case ',':
                out += "%2C";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string workflowCommand(std::string_view name,
                            const std::vector<std::pair<std::string, std::string>>& properties,
                            std::string_view message) {
    std::string line = "::" + std::string(name);
    for (std::size_t i = 0; i < properties.size(); ++i) {
        line += (i == 0 ? " " : ",") + properties[i].first + "=" +
                escapeCommandProperty(properties[i].second);
    }
    return line + "::" + escapeCommandData(message);
}

}  // namespace signet::pipeline
