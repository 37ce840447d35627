#include "cosign/DockerfileImages.h"

#include <gtest/gtest.h>

#include <map>

#include "error/Error.h"

namespace signet::cosign {
namespace {

using Images = std::vector<std::string>;

DockerfileImages read(const std::string& text, std::map<std::string, std::string> env = {}) {
    return dockerfileImages(text, [env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
    });
}

TEST(DockerfileImages, EveryFromAndCopyFromInOrderSkippingStagesAndScratch) {
    auto found = read(R"(# syntax=docker/dockerfile:1
ARG GO=1.22
FROM --platform=$BUILDPLATFORM golang:${GO}-bookworm AS build
RUN go build ./...
FROM build as test
COPY --from=build /out /out
COPY --from=registry.example/tools/lint:3 /lint /lint
COPY --from=0 /x /x
from scratch
FROM gcr.io/distroless/static@sha256:0123
COPY --from=test /bin /bin
)");
    EXPECT_EQ(found.images, (Images{"golang:1.22-bookworm", "registry.example/tools/lint:3",
                                    "gcr.io/distroless/static@sha256:0123"}));
    EXPECT_EQ(found.notes, (Images{"- stage reference ignored: build", "- scratch image ignored"}));
}

TEST(DockerfileImages, VariablesComeFromArgAndEnvLinesThenTheEnvironment) {
    const std::string text = R"(ARG REGISTRY="registry.example:5000"
ARG TAG
ENV FLAVOUR=slim
FROM $REGISTRY/base:${TAG}-${FLAVOUR}
FROM ${MIRROR:-docker.io}/library/alpine${SUFFIX:+-}${SUFFIX}
)";
    EXPECT_EQ(read(text, {{"TAG", "7"}, {"REGISTRY", "ignored"}}).images,
              (Images{"registry.example:5000/base:7-slim", "docker.io/library/alpine"}));
    EXPECT_EQ(read(text, {{"TAG", "7"}, {"MIRROR", "mirror.example"}, {"SUFFIX", "3.20"}}).images,
              (Images{"registry.example:5000/base:7-slim", "mirror.example/library/alpine-3.20"}));
}

TEST(DockerfileImages, ContinuedLinesAndCaseOfInstructionsAndStageNames) {
    EXPECT_EQ(read("FROM \\\n  alpine:3 \\\n  AS Base\nFROM base\n").images, (Images{"alpine:3"}));
    EXPECT_TRUE(read("# FROM commented:1\nRUN echo FROM x\n").images.empty());
}

TEST(DockerfileImages, AFromWithoutAnImageIsRefused) {
    EXPECT_THROW(read("FROM $UNSET\n"), Error);
    EXPECT_THROW(read("FROM --platform=linux/amd64 $UNSET\n"), Error);
    EXPECT_THROW(read("FROM alpine AS\n"), Error);
}

}  // namespace
}  // namespace signet::cosign
