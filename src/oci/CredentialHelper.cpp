#include "oci/CredentialHelper.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <pthread.h>

#include <nlohmann/json.hpp>

#include <csignal>
#include <ctime>
#include <sstream>

#include "error/Error.h"
#include "secret/UntrustedText.h"

namespace signet::oci {
namespace {

std::string helperError(const std::string& name, const std::string& host, const std::string& what) {
    return "credential helper docker-credential-" + name + " for " + host + " " + what;
}

// The first line of helper output, scrubbed and shortened, for an error message.
std::string excerpt(const std::string& text, const secret::SecretSink& secrets) {
    return secret::quoteUntrusted(text.substr(0, text.find('\n')), secrets);
}

// Writes `data` to the helper's stdin; a helper that exits without reading must not kill us with
// SIGPIPE, so the signal is blocked in this thread and a pending one consumed.
void writeStdin(Poco::Pipe& pipe, const std::string& data) {
    sigset_t pipeSignal, previous;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous);
    try {
        pipe.writeBytes(data.data(), static_cast<int>(data.size()));
    } catch (const Poco::Exception&) {
        // The helper did not read its input; its exit status tells the rest.
    }
    pipe.close(Poco::Pipe::CLOSE_WRITE);
    sigset_t pending;
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE)) {
        timespec noWait{0, 0};
        sigtimedwait(&pipeSignal, nullptr, &noWait);
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

std::string stringField(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool isExecutableFile(const std::string& path) {
    try {
        Poco::File file(path);
        return file.exists() && file.isFile() && file.canExecute();
    } catch (const Poco::Exception&) {
        return false;
    }
}

}  // namespace

std::string findCredentialHelper(const std::string& name, const std::string& host,
                                 const CredentialHelperSettings& settings) {
    bool safeName = !name.empty() && name.find('/') == std::string::npos;
    if (safeName) {
        for (const std::string& dir : settings.searchPath) {
            if (dir.empty()) continue;
            std::string candidate = dir + "/docker-credential-" + name;
            if (isExecutableFile(candidate)) return candidate;
        }
    }
    throw Error(ErrorKind::Auth, helperError(name, host, "not found in PATH"));
}

Credentials runCredentialHelper(const std::string& name, const std::string& serverUrl,
                                const std::string& host, const CredentialHelperSettings& settings,
                                secret::SecretSink& secrets) {
    std::string helper = findCredentialHelper(name, host, settings);
    Poco::Pipe inPipe, outPipe, errPipe;
    Poco::Process::Env childEnv(settings.environment.begin(), settings.environment.end());
    std::string output, errors;
    int status = 0;
    try {
        Poco::ProcessHandle process =
            Poco::Process::launch(helper, {"get"}, &inPipe, &outPipe, &errPipe, childEnv);
        writeStdin(inPipe, serverUrl);
        Poco::PipeInputStream out(outPipe);
        Poco::StreamCopier::copyToString(out, output);
        Poco::PipeInputStream err(errPipe);
        Poco::StreamCopier::copyToString(err, errors);
        status = process.wait();
    } catch (const Poco::Exception& e) {
        throw Error(ErrorKind::Auth, helperError(name, host, "could not run: " + e.displayText()));
    }
    auto json = nlohmann::json::parse(output, nullptr, false);
    // A Secret is a secret even when the helper then fails: register it before quoting output.
    if (json.is_object()) secrets.add(stringField(json, "Secret"));
    if (status != 0) {
        if (output.find("credentials not found") != std::string::npos) return {};
        std::string reason = excerpt(output.empty() ? errors : output, secrets);
        throw Error(
            ErrorKind::Auth,
            helperError(name, host, "failed (exit " + std::to_string(status) + "): " + reason));
    }
    if (!json.is_object() || !json.contains("Secret") || !json["Secret"].is_string()) {
        throw Error(
            ErrorKind::Auth,
            helperError(name, host, "printed something other than {\"Username\",\"Secret\"}"));
    }
    Credentials credentials;
    std::string username = stringField(json, "Username");
    std::string secret = stringField(json, "Secret");
    if (username == "<token>") {
        credentials.identityToken = secret;
    } else {
        credentials.username = username;
        credentials.password = secret;
    }
    return credentials;
}

}  // namespace signet::oci
