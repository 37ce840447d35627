#include "pipeline/WorkflowCommands.h"

#include <gtest/gtest.h>

namespace signet::pipeline {
namespace {

// Expected strings follow actions/toolkit's escapeData / escapeProperty rules.
TEST(WorkflowCommands, DataEscapesPercentAndLineBreaks) {
    EXPECT_EQ(escapeCommandData("100% done\r\nnext"), "100%25 done%0D%0Anext");
    EXPECT_EQ(escapeCommandData("a:b,c"), "a:b,c");
}

TEST(WorkflowCommands, PropertiesAlsoEscapeColonAndComma) {
    EXPECT_EQ(escapeCommandProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
}

TEST(WorkflowCommands, CommandLayout) {
    EXPECT_EQ(workflowCommand("error", {{"title", "signet: x,y"}}, "r:1: bad\nthing"),
              "::error title=signet%3A x%2Cy::r:1: bad%0Athing");
    EXPECT_EQ(workflowCommand("error", {{"file", "a"}, {"line", "3"}}, "m"),
              "::error file=a,line=3::m");
    EXPECT_EQ(workflowCommand("endgroup", {}, ""), "::endgroup::");
}

}  // namespace
}  // namespace signet::pipeline
