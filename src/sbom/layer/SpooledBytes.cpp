#include "sbom/layer/SpooledBytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "error/Error.h"
#include "io/FileContents.h"

namespace signet::sbom {
namespace {

// An unnamed file (O_TMPFILE), else one removed right after it is made; -1 when neither works.
int openSpoolFile() {
    const char* base = std::getenv("TMPDIR");
    std::string dir = base && *base ? base : "/tmp";
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    std::string name = dir + "/signet-spool-XXXXXX";
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(name.c_str());
    return fd;
}

}  // namespace

SpooledBytes::~SpooledBytes() {
    if (map_ != nullptr) ::munmap(map_, size_);
    if (fd_ >= 0) ::close(fd_);
}

bool SpooledBytes::spill() {
    fd_ = openSpoolFile();
    if (fd_ < 0) return false;
    writeToFile(memory_);
    std::string().swap(memory_);
    return true;
}

void SpooledBytes::writeToFile(std::string_view bytes) {
    if (int error = io::writeAll(fd_, bytes)) {
        throw Error(ErrorKind::Internal,
                    std::string("cannot write a temporary file for a large layer file (TMPDIR): ") +
                        std::strerror(error));
    }
}

void SpooledBytes::reserve(std::size_t expected) {
    constexpr std::size_t kMostReserved = 4 << 20;
    if (fd_ < 0) memory_.reserve(std::min({expected, memoryLimit_, kMostReserved}));
}

void SpooledBytes::append(std::string_view bytes) {
    if (map_ != nullptr) {
        ::munmap(map_, size_);
        map_ = nullptr;
    }
    if (fd_ < 0 && size_ + bytes.size() > memoryLimit_ && !spill()) memoryLimit_ = SIZE_MAX;
    if (fd_ >= 0) {
        writeToFile(bytes);
    } else {
        memory_.append(bytes);
    }
    size_ += bytes.size();
}

void SpooledBytes::padTo(std::size_t size) {
    static const std::string zeros(64 << 10, '\0');
    while (size_ < size) {
        append(std::string_view(zeros).substr(0, std::min(zeros.size(), size - size_)));
    }
}

std::string_view SpooledBytes::view() {
    if (fd_ < 0) return memory_;
    if (size_ == 0) return {};
    if (map_ == nullptr) {
        void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
        if (map == MAP_FAILED) {
            throw Error(ErrorKind::Internal,
                        std::string("cannot map a temporary file: ") + std::strerror(errno));
        }
        map_ = map;
    }
    return {static_cast<const char*>(map_), size_};
}

std::string SpooledBytes::take() {
    if (fd_ < 0) return std::move(memory_);
    return std::string(view());
}

}  // namespace signet::sbom
