// A Go binary: the ELF reader, the build info inside it and the module info it carries.
#include "sbom/catalog/go/ElfImage.h"
#include "sbom/catalog/go/GoBuildInfo.h"
#include "support/FuzzInput.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    signet::fuzz::refusingOnlyWithSignetErrors([&] {
        if (auto elf = signet::sbom::ElfImage::parse(bytes)) {
            (void)elf->section(".go.buildinfo");
            for (const auto& segment : elf->loadSegments()) {
                (void)elf->bytesOf(segment);
                (void)elf->readAddress(segment.address, 32);
            }
        }
        if (auto info = signet::sbom::readGoBuildInfo(bytes))
            signet::sbom::parseGoModInfo(info->modInfo);
        // The bytes as module info text, too.
        signet::sbom::parseGoModInfo(std::string(bytes));
    });
    return 0;
}
