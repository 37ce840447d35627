#include "sbom/layer/GzipInflater.h"

#include <isa-l/igzip_lib.h>

#include <string>

#include "error/Error.h"

namespace signet::sbom {
namespace {

std::string describe(int status) {
    switch (status) {
        case ISAL_INVALID_BLOCK:
            return "invalid deflate block";
        case ISAL_INVALID_SYMBOL:
            return "invalid deflate symbol";
        case ISAL_INVALID_LOOKBACK:
            return "invalid back-reference distance";
        case ISAL_INVALID_WRAPPER:
            return "invalid gzip header";
        case ISAL_UNSUPPORTED_METHOD:
            return "not deflate-compressed";
        case ISAL_INCORRECT_CHECKSUM:
            return "CRC-32 or length mismatch";
        case ISAL_NEED_DICT:
            return "needs a preset dictionary";
        default:
            return "inflate error " + std::to_string(status);
    }
}

}  // namespace

void GzipInflater::corrupt(const std::string& why) const {
    throw Error(ErrorKind::Registry, context_ + ": gzip stream is corrupt: " + why);
}

// The gzip header is parsed by isal_read_gzip_header into a header this object keeps: with
// crc_flag ISAL_GZIP, ISA-L 2.30's isal_inflate loses header state when the header is split
// across input chunks (valgrind: uninitialised reads in isal_read_gzip_header; at random
// "invalid deflate block"). The deflate data then inflates with ISAL_GZIP_NO_HDR_VER, which
// checks the CRC-32 and length trailer.
GzipInflater::GzipInflater(Pull pull, std::string context)
    : pull_(std::move(pull)),
      context_(std::move(context)),
      state_(std::make_unique<inflate_state>()),
      header_(std::make_unique<isal_gzip_header>()) {
    isal_inflate_init(state_.get());
    isal_gzip_header_init(header_.get());
}

GzipInflater::~GzipInflater() = default;

// Makes input available; false once the input has ended.
bool GzipInflater::refill() {
    while (state_->avail_in == 0 && !inputEnded_) {
        input_ = pull_();
        if (input_.empty()) {
            inputEnded_ = true;
            break;
        }
        state_->next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(input_.data()));
        state_->avail_in = static_cast<std::uint32_t>(input_.size());
    }
    return state_->avail_in > 0;
}

// After a member's end: true when another member follows (the state is then reset for it). A
// chunk may end between the two magic bytes; ISA-L then judges the second.
bool GzipInflater::startNextMember() {
    if (!refill() || state_->next_in[0] != 0x1f) return false;
    if (state_->avail_in >= 2 && state_->next_in[1] != 0x8b) return false;
    std::uint8_t* nextIn = state_->next_in;
    std::uint32_t availIn = state_->avail_in;
    std::uint8_t* nextOut = state_->next_out;
    std::uint32_t availOut = state_->avail_out;
    isal_inflate_reset(state_.get());
    isal_gzip_header_init(header_.get());
    inHeader_ = true;
    state_->next_in = nextIn;
    state_->avail_in = availIn;
    state_->next_out = nextOut;
    state_->avail_out = availOut;
    return true;
}

std::size_t GzipInflater::read(char* out, std::size_t capacity) {
    if (finished_ || capacity == 0) return 0;
    state_->next_out = reinterpret_cast<std::uint8_t*>(out);
    state_->avail_out = static_cast<std::uint32_t>(capacity);
    while (state_->avail_out > 0) {
        if (state_->block_state == ISAL_BLOCK_FINISH) {
            if (!startNextMember()) {
                finished_ = true;
                break;
            }
            continue;
        }
        if (inHeader_) {
            if (!refill()) corrupt("truncated (the stream ends inside a gzip header)");
            int status = isal_read_gzip_header(state_.get(), header_.get());
            if (status == ISAL_END_INPUT) continue;  // the header goes on in the next chunk
            if (status != ISAL_DECOMP_OK) corrupt(describe(status));
            inHeader_ = false;
            state_->crc_flag = ISAL_GZIP_NO_HDR_VER;
            continue;
        }
        refill();
        std::uint32_t outBefore = state_->avail_out, inBefore = state_->avail_in;
        int status = isal_inflate(state_.get());
        if (status < 0) corrupt(describe(status));
        bool progressed = state_->avail_out != outBefore || state_->avail_in != inBefore;
        if (progressed || state_->block_state == ISAL_BLOCK_FINISH) continue;
        if (inputEnded_) corrupt("truncated (the stream ends inside a member)");
        if (state_->avail_in > 0) corrupt("inflate made no progress");
    }
    return capacity - state_->avail_out;
}

}  // namespace signet::sbom
