#include "sbom/image/LayerProgress.h"

#include <istream>
#include <mutex>
#include <streambuf>

namespace signet::sbom {
namespace {

// Counts the bytes read through it from another stream buffer.
class CountingBuffer : public std::streambuf {
  public:
    explicit CountingBuffer(std::streambuf* source) : source_(source) {}
    std::uint64_t count() const { return count_; }

  protected:
    int_type underflow() override {
        std::streamsize n = source_->sgetn(buffer_, sizeof buffer_);
        if (n <= 0) return traits_type::eof();
        count_ += static_cast<std::uint64_t>(n);
        setg(buffer_, buffer_, buffer_ + n);
        return traits_type::to_int_type(buffer_[0]);
    }

  private:
    std::streambuf* source_;
    char buffer_[65536];
    std::uint64_t count_ = 0;
};

}  // namespace

ImageInput withLayerProgress(ImageInput input, std::shared_ptr<LayerTotals> totals,
                             std::ostream* terminal) {
    LayerStreamer inner = input.readLayer;
    const auto layerCount = input.layout.layers.size();
    // Layers are read from several threads at once: the totals and the terminal take turns.
    auto turn = std::make_shared<std::mutex>();
    auto finished = std::make_shared<std::size_t>(0);
    input.readLayer = [inner, layerCount, totals, terminal, turn, finished](
                          const LayerDescriptor& layer,
                          const std::function<void(std::istream&)>& consume) {
        {
            std::lock_guard lock(*turn);
            const auto index = static_cast<std::size_t>(++totals->layers);
            if (terminal) {
                *terminal << "\rreading layer " << index << "/" << layerCount << " ("
                          << layer.size / 1024 << " KiB)" << std::flush;
            }
        }
        inner(layer, [&](std::istream& raw) {
            CountingBuffer counting(raw.rdbuf());
            std::istream counted(&counting);
            consume(counted);
            std::lock_guard lock(*turn);
            totals->bytes += counting.count();
        });
        std::lock_guard lock(*turn);
        if (terminal && ++*finished == layerCount) *terminal << "\r\033[K" << std::flush;
    };
    return input;
}

}  // namespace signet::sbom
