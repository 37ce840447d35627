// ReadAhead: runs a byte producer on its own thread, a few chunks ahead of the one reader, so
// that inflating a layer and walking its tar overlap on two cores.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace signet::sbom {

class ReadAhead {
  public:
    // Up to n bytes into out, 0 at the end; may throw (the reader sees the exception).
    using Producer = std::function<std::size_t(char* out, std::size_t n)>;

    // Starts the thread; at most `depth` chunks of `chunkBytes` wait for the reader.
    explicit ReadAhead(Producer produce, std::size_t chunkBytes = 256 << 10, std::size_t depth = 4);
    ~ReadAhead();  // stop()
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // Up to n bytes, 0 once the producer's end was reached; rethrows what the producer threw.
    std::size_t read(char* out, std::size_t n);
    // Waits for the producer thread to end (after read returned 0, or to abandon the stream):
    // after it, what the producer touched may be used again from this thread.
    void finish();
    // Stops the producer after the call it is in and waits for it.
    void stop();

  private:
    void run();
    // An emptied chunk to fill again (its buffer reused), or a new one: chunkBytes_ long.
    std::string takeSpare();

    Producer produce_;
    std::size_t chunkBytes_, depth_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> chunks_;
    std::vector<std::string> spare_;  // read chunks, handed back to the producer to refill
    std::size_t offset_ = 0;          // bytes of chunks_.front() already read
    bool ended_ = false, cancelled_ = false;
    std::exception_ptr failure_;
    std::thread thread_;
};

}  // namespace signet::sbom
