// `signet completion bash|zsh|fish`: a completion script for the shell, with every subcommand
// and each one's flags, read from the commands' own --help so the two cannot disagree.
#include <cctype>
#include <iostream>
#include <sstream>

#include "cli/ArgumentParser.h"
#include "cli/Commands.h"
#include "config/DidYouMean.h"
#include "error/Error.h"
#include "error/ExitStatus.h"

namespace signet::cli {
namespace {

struct CompletedFlag {
    std::string name;  // "--key" or "-a"
    std::string help;
};

struct CompletedCommand {
    std::string name;
    std::string summary;
    std::vector<CompletedFlag> flags;
};

bool isFlagName(const std::string& word) {
    const std::size_t dashes = word.starts_with("--") ? 2 : word.starts_with("-") ? 1 : 0;
    if (dashes == 0 || word.size() == dashes) return false;
    for (std::size_t i = dashes; i < word.size(); ++i) {
        const char c = word[i];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || (c == '-' && i > dashes)))
            return false;
    }
    return true;
}

// The flags a command's --help lists: "  --name, -n VALUE<padding> help".
std::vector<CompletedFlag> flagsOf(const Command& command, const Environment& env,
                                   secret::SecretScrubber& secrets) {
    std::string usage;
    try {
        command.run({"--help"}, env, secrets);
    } catch (const HelpRequested& help) {
        usage = help.usage;
    } catch (const Error&) {
        return {};  // a command that cannot say its flags here still completes by name
    }
    std::vector<CompletedFlag> flags;
    std::istringstream lines(usage);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("  -")) continue;
        const std::size_t gap = line.find("  ", 2);
        const std::string names = line.substr(2, gap == std::string::npos ? gap : gap - 2);
        const std::size_t text = line.find_first_not_of(' ', gap == std::string::npos ? 0 : gap);
        const std::string help = text == std::string::npos ? "" : line.substr(text);
        std::istringstream words(names);
        for (std::string word; words >> word;) {
            if (word.back() == ',') word.pop_back();
            if (isFlagName(word)) flags.push_back({word, help});
        }
    }
    return flags;
}

std::vector<CompletedCommand> completedCommands(const Environment& env,
                                                secret::SecretScrubber& secrets) {
    std::vector<CompletedCommand> out;
    for (const auto& command : commands()) {
        out.push_back({command.name, command.summary, flagsOf(command, env, secrets)});
    }
    return out;
}

// `text` inside single quotes, for bash and zsh ('...'\''...').
std::string shellQuoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// `text` inside single quotes, for fish (\' and \\).
std::string fishQuoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string commandNames(const std::vector<CompletedCommand>& all) {
    std::string names;
    for (const auto& command : all) names += (names.empty() ? "" : " ") + command.name;
    return names;
}

std::string flagNames(const CompletedCommand& command) {
    std::string names;
    for (const auto& flag : command.flags) names += (names.empty() ? "" : " ") + flag.name;
    return names;
}

void printBash(const std::vector<CompletedCommand>& all, std::ostream& out) {
    out << "# bash completion for signet: source <(signet completion bash)\n"
           "_signet() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]}\n"
           "    COMPREPLY=()\n"
           "    if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
           "        COMPREPLY=($(compgen -W "
        << shellQuoted(commandNames(all) + " help") << " -- \"$cur\"))\n"
        << "        return\n"
           "    fi\n"
           "    case ${COMP_WORDS[1]} in\n"
           "        help) COMPREPLY=($(compgen -W "
        << shellQuoted(commandNames(all)) << " -- \"$cur\")); return ;;\n"
        << "        completion) COMPREPLY=($(compgen -W 'bash zsh fish' -- \"$cur\")); return ;;\n";
    for (const auto& command : all) {
        out << "        " << command.name << ") [[ $cur == -* ]] && COMPREPLY=($(compgen -W "
            << shellQuoted(flagNames(command)) << " -- \"$cur\")) ;;\n";
    }
    out << "    esac\n"
           "}\n"
           "complete -o default -F _signet signet\n";
}

void printZsh(const std::vector<CompletedCommand>& all, std::ostream& out) {
    out << "#compdef signet\n"
           "# zsh completion for signet: source <(signet completion zsh), or save it as _signet\n"
           "# in a directory of $fpath\n"
           "_signet() {\n"
           "    local -a commands\n"
           "    commands=(\n";
    for (const auto& command : all) {
        std::string summary;
        for (char c : std::string(command.summary)) summary += c == ':' ? "\\:" : std::string(1, c);
        out << "        " << shellQuoted(command.name + ":" + summary) << "\n";
    }
    out << "    )\n"
           "    if (( CURRENT == 2 )); then\n"
           "        _describe 'signet command' commands\n"
           "        return\n"
           "    fi\n"
           "    case $words[2] in\n"
           "        help) compadd -- "
        << commandNames(all) << " ;;\n"
        << "        completion) compadd -- bash zsh fish ;;\n";
    for (const auto& command : all) {
        out << "        " << command.name << ") if [[ $PREFIX == -* ]]; then compadd -- "
            << flagNames(command) << "; else _files; fi ;;\n";
    }
    out << "    esac\n"
           "}\n"
           "if [ \"$funcstack[1]\" = \"_signet\" ]; then\n"
           "    _signet \"$@\"\n"
           "else\n"
           "    compdef _signet signet\n"
           "fi\n";
}

void printFish(const std::vector<CompletedCommand>& all, std::ostream& out) {
    out << "# fish completion for signet: signet completion fish | source\n"
           "complete -c signet -f -n __fish_use_subcommand -a help -d 'help for a command'\n";
    for (const auto& command : all) {
        out << "complete -c signet -f -n __fish_use_subcommand -a " << command.name << " -d "
            << fishQuoted(command.summary) << "\n";
    }
    out << "complete -c signet -f -n '__fish_seen_subcommand_from help' -a "
        << fishQuoted(commandNames(all)) << "\n"
        << "complete -c signet -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n";
    for (const auto& command : all) {
        for (const auto& flag : command.flags) {
            const bool isLong = flag.name.starts_with("--");
            out << "complete -c signet -n '__fish_seen_subcommand_from " << command.name << "' "
                << (isLong ? "-l " : "-s ") << flag.name.substr(isLong ? 2 : 1) << " -d "
                << fishQuoted(flag.help) << "\n";
        }
    }
}

}  // namespace

int runCompletion(const Arguments& args, const Environment& env, secret::SecretScrubber& secrets) {
    ArgumentParser parser("completion", "bash|zsh|fish");
    const auto shells = parser.parse(args);
    if (shells.size() != 1) throw Error(ErrorKind::Usage, "name one shell: bash, zsh or fish");
    const std::string& shell = shells.front();
    if (shell != "bash" && shell != "zsh" && shell != "fish") {
        throw Error(ErrorKind::Usage, "no completion for " + shell + " (bash, zsh or fish)" +
                                          config::didYouMean(shell, {"bash", "zsh", "fish"}));
    }
    const auto all = completedCommands(env, secrets);
    if (shell == "bash") printBash(all, std::cout);
    if (shell == "zsh") printZsh(all, std::cout);
    if (shell == "fish") printFish(all, std::cout);
    return exit_code::kOk;
}

}  // namespace signet::cli
