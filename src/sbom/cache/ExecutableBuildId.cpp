#include "sbom/cache/ExecutableBuildId.h"

#include <elf.h>
#include <link.h>

#include <cstring>

#include "crypto/Encoding.h"

namespace signet::sbom {
namespace {

// The first NT_GNU_BUILD_ID note in a PT_NOTE segment of the first object dl_iterate_phdr
// reports, which is the main program.
int findBuildId(struct dl_phdr_info* info, size_t, void* out) {
    auto& id = *static_cast<std::string*>(out);
    for (int i = 0; i < info->dlpi_phnum && id.empty(); ++i) {
        const ElfW(Phdr)& segment = info->dlpi_phdr[i];
        if (segment.p_type != PT_NOTE) continue;
        const char* at = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
        const char* end = at + segment.p_memsz;
        while (at + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, at, sizeof note);
            const char* name = at + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            const char* next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
                id = crypto::hexEncode(std::string_view(desc, note.n_descsz));
                break;
            }
            at = next;
        }
    }
    return 1;  // the main program only
}

}  // namespace

std::string executableBuildId() {
    static const std::string id = [] {
        std::string found;
        dl_iterate_phdr(findBuildId, &found);
        return found;
    }();
    return id;
}

}  // namespace signet::sbom
