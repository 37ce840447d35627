#include "harness/SignetProcess.h"

#include "harness/Paths.h"

namespace signet::testing {

CommandResult runSignet(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env,
                        std::chrono::seconds timeout) {
    std::vector<std::string> argv{signetBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    CommandOptions options;
    options.extraEnv = env;
    options.timeout = timeout;
    return runCommandForResult(argv, options);
}

}  // namespace signet::testing
