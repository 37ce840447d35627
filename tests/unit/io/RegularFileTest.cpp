// Inputs that are not regular files (a FIFO nobody writes to, a socket, /dev/null, /dev/zero, a
// directory) are refused at once with one line naming the path and what it is; links to regular
// files, including Kubernetes' "..data" directory links, are read as before.
#include "io/RegularFile.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <future>

#include "crypto/SecretFile.h"
#include "harness/Paths.h"
#include "harness/SocketFile.h"
#include "harness/TempDir.h"
#include "io/FileContents.h"

namespace signet::io {
namespace {

namespace fs = std::filesystem;

class HostileFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(::mkfifo(fifo().c_str(), 0600), 0);
        socket_ = std::make_unique<testing::SocketFile>(socketPath());
    }
    std::string fifo() const { return dir_.path() + "/fifo"; }
    std::string socketPath() const { return dir_.path() + "/sock"; }

    struct Case {
        std::string path;
        std::string says;
    };
    std::vector<Case> cases() const {
        return {{fifo(), "it is a FIFO (named pipe), not a regular file"},
                {socketPath(), "it is a socket, not a regular file"},
                {"/dev/null", "it is a character device, not a regular file"},
                {"/dev/zero", "it is a character device, not a regular file"},
                {dir_.path(), "it is a directory, not a regular file"}};
    }

    // Runs `read` on `path` and expects Error(kind) "cannot read WHAT PATH: SAYS" within 5 s. A
    // read that blocks on the FIFO is released by opening its write end, so the test fails
    // instead of hanging.
    void expectRefused(const Case& c, ErrorKind kind, const std::string& what,
                       const std::function<void(const std::string&)>& read) {
        SCOPED_TRACE(what + " " + c.path);
        auto attempt = std::async(std::launch::async, [&]() -> std::string {
            try {
                read(c.path);
                return "<read without error>";
            } catch (const Error& e) {
                return e.kind() == kind ? e.what() : "<wrong kind> " + std::string(e.what());
            }
        });
        if (attempt.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
            ADD_FAILURE() << "still blocked after 5 s";
            int writer = ::open(fifo().c_str(), O_WRONLY | O_NONBLOCK);
            if (writer >= 0) ::close(writer);
        }
        EXPECT_EQ(attempt.get(), "cannot read " + what + " " + c.path + ": " + c.says);
    }

    testing::TempDir dir_;
    std::unique_ptr<testing::SocketFile> socket_;
};

TEST_F(HostileFiles, FileContentsRefusesFifosSocketsDevicesAndDirectories) {
    for (const auto& c : cases()) {
        expectRefused(c, ErrorKind::Config, "task YAML", [](const std::string& path) {
            readFileContents(path, 1 << 20, ErrorKind::Config, "task YAML");
        });
    }
}

TEST_F(HostileFiles, SecretFilesRefuseFifosSocketsDevicesAndDirectories) {
    for (const auto& c : cases()) {
        expectRefused(c, ErrorKind::Key, "key file",
                      [](const std::string& path) { crypto::readSecretFile(path, "key file"); });
        expectRefused(c, ErrorKind::Key, "password file", [](const std::string& path) {
            crypto::readOptionalSecretFile(path, "password file");
        });
    }
}

TEST_F(HostileFiles, OpenRegularFileRefusesThemToo) {
    for (const auto& c : cases()) {
        expectRefused(c, ErrorKind::Usage, "SBOM file", [](const std::string& path) {
            openRegularFile(path, ErrorKind::Usage, "SBOM file");
        });
    }
}

TEST_F(HostileFiles, LinksToRegularFilesAndKubernetesDataLinksAreRead) {
    // A Secret volume: name -> ..data/name, ..data -> ..<timestamp>/ holding the files.
    const std::string volume = dir_.path() + "/volume";
    fs::create_directories(volume + "/..2026_01_01_00_00_00.000000001");
    testing::writeFile(volume + "/..2026_01_01_00_00_00.000000001/cosign.password", "pw");
    fs::create_directory_symlink("..2026_01_01_00_00_00.000000001", volume + "/..data");
    fs::create_symlink("..data/cosign.password", volume + "/cosign.password");
    fs::create_symlink(volume + "/cosign.password", dir_.path() + "/plain-link");

    for (const std::string& path : {volume + "/cosign.password", dir_.path() + "/plain-link"}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(readFileContents(path, 16, ErrorKind::Config, "file"), "pw");
        EXPECT_EQ(crypto::readSecretFile(path, "password file").view(), "pw");
    }
    EXPECT_FALSE(crypto::readOptionalSecretFile(dir_.path() + "/absent", "password file"));
    // A link to a FIFO is refused like the FIFO.
    fs::create_symlink(fifo(), dir_.path() + "/fifo-link");
    expectRefused({dir_.path() + "/fifo-link", "it is a FIFO (named pipe), not a regular file"},
                  ErrorKind::Config, "file", [](const std::string& path) {
                      readFileContents(path, 16, ErrorKind::Config, "file");
                  });
}

// Output files (generate-key-pair --force): nothing but a regular file is written or truncated,
// and a FIFO, with or without a reader, does not block.
TEST_F(HostileFiles, CreateRegularFileWritesOnlyRegularFiles) {
    int reader = ::open(fifo().c_str(), O_RDONLY | O_NONBLOCK);
    ASSERT_GE(reader, 0);
    const std::string prefix = "cannot write key file ";
    auto refusal = [&](const std::string& path, bool replace) -> std::string {
        auto attempt = std::async(std::launch::async, [&]() -> std::string {
            try {
                createRegularFile(path, 0600, replace, ErrorKind::Usage, "key file");
                return "<created>";
            } catch (const Error& e) {
                return e.kind() == ErrorKind::Usage ? e.what() : "<wrong kind>";
            }
        });
        if (attempt.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
            ADD_FAILURE() << path << " still blocked after 5 s";
            int other = ::open(fifo().c_str(), O_RDONLY | O_NONBLOCK);
            if (other >= 0) ::close(other);
        }
        return attempt.get();
    };
    EXPECT_EQ(refusal(fifo(), true),
              prefix + fifo() + ": it is a FIFO (named pipe), not a regular file");
    ::close(reader);
    EXPECT_EQ(refusal(fifo(), true).rfind(prefix + fifo() + ": ", 0), 0u);  // no reader: ENXIO
    EXPECT_EQ(refusal(socketPath(), true).rfind(prefix + socketPath() + ": ", 0), 0u);
    EXPECT_EQ(refusal("/dev/null", true),
              prefix + "/dev/null: it is a character device, not a regular file");
    EXPECT_EQ(refusal(dir_.path(), true).rfind(prefix + dir_.path() + ": ", 0), 0u);

    const std::string file = dir_.path() + "/cosign.key";
    testing::writeFile(file, "old content");
    ::chmod(file.c_str(), 0644);
    EXPECT_EQ(refusal(file, false), prefix + file + ": " + std::strerror(EEXIST));
    fs::create_symlink(file, dir_.path() + "/link.key");
    EXPECT_EQ(refusal(dir_.path() + "/link.key", true),
              prefix + dir_.path() + "/link.key: " + std::strerror(ELOOP));
    {
        FileDescriptor replaced = createRegularFile(file, 0600, true, ErrorKind::Usage, "key");
        ASSERT_EQ(::write(replaced.get(), "new", 3), 3);
    }
    EXPECT_EQ(readFileContents(file, 16, ErrorKind::Config, "key"), "new");
    struct stat status {};
    ASSERT_EQ(::stat(file.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u);
}

TEST_F(HostileFiles, SizeBoundsStay) {
    testing::writeFile(dir_.path() + "/big", std::string(100, 'x'));
    try {
        readFileContents(dir_.path() + "/big", 99, ErrorKind::Config, "images file");
        FAIL() << "read";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TooLarge);
        EXPECT_EQ(std::string(e.what()),
                  "images file " + dir_.path() + "/big is larger than 99 bytes");
    }
    EXPECT_EQ(readFileContents(dir_.path() + "/big", 100, ErrorKind::Config, "images file").size(),
              100u);
}

}  // namespace
}  // namespace signet::io
