#include "json/DocumentWriter.h"

#include <gtest/gtest.h>

namespace signet::json {
namespace {

using Ordered = nlohmann::ordered_json;

TEST(DocumentWriter, WritesWhatDumpingTheWholeTreeWouldWrite) {
    Ordered tree;
    tree["name"] = "bad \xff utf-8 and \"quotes\"";
    tree["nested"] = {{"a", 1}, {"b", Ordered::array({true, nullptr})}};
    tree["items"] = Ordered::array({Ordered{{"x", 1}}, Ordered{{"y", "\n"}}});
    tree["empty"] = Ordered::array();

    DocumentWriter out;
    out.member("name", tree["name"]);
    out.member("nested", tree["nested"]);
    out.beginArray("items");
    for (const auto& item : tree["items"]) out.element(item);
    out.endArray();
    out.beginArray("empty");
    out.endArray();
    EXPECT_EQ(std::move(out).finish(),
              tree.dump(-1, ' ', false, Ordered::error_handler_t::replace) + "\n");
}

TEST(DocumentWriter, AnEmptyDocumentIsAnEmptyObject) {
    EXPECT_EQ(DocumentWriter().finish(), "{}\n");
}

}  // namespace
}  // namespace signet::json
