#include "json/GoStruct.h"

#include <cctype>

#include "error/Error.h"
#include "json/GoTime.h"

namespace signet::json {
namespace {

std::string jsonTypeWord(const Ordered& value) {
    if (value.is_string()) return "string";
    if (value.is_number()) return "number";
    if (value.is_boolean()) return "bool";
    if (value.is_array()) return "array";
    return "object";
}

std::string goTypeName(const GoField& field) {
    switch (field.kind) {
        case GoKind::String:
            return "string";
        case GoKind::Bool:
            return "bool";
        case GoKind::Any:
            return "interface {}";
        case GoKind::StringMap:
            return "map[string]string";
        case GoKind::AnyMap:
            return "map[string]interface {}";
        case GoKind::StringSlice:
            return "[]string";
        case GoKind::Bytes:
            return "[]uint8";
        case GoKind::Time:
            return "time.Time";
        case GoKind::TimePointer:
            return "*time.Time";
        case GoKind::Struct:
            return field.type->name;
        case GoKind::StructPointer:
            return "*" + field.type->name;
        case GoKind::StructSlice:
            return "[]" + field.type->name;
    }
    return "?";
}

[[noreturn]] void mismatch(const Ordered& value, const std::string& path, const GoField& field) {
    throw Error(ErrorKind::Usage, "json: cannot unmarshal " + jsonTypeWord(value) +
                                      " into Go struct field " + path + " of type " +
                                      goTypeName(field));
}

bool sameKeyFolded(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// encoding/json prefers the field whose tag is the key, then one equal to it ignoring case.
const GoField* fieldFor(const GoStruct& type, const std::string& key) {
    for (const auto& field : type.fields) {
        if (field.key == key) return &field;
    }
    for (const auto& field : type.fields) {
        if (sameKeyFolded(field.key, key)) return &field;
    }
    return nullptr;
}

Ordered zeroStruct(const GoStruct& type);

Ordered zeroValue(const GoField& field) {
    switch (field.kind) {
        case GoKind::String:
            return "";
        case GoKind::Bool:
            return false;
        case GoKind::Time:
            return "0001-01-01T00:00:00Z";
        case GoKind::Struct:
            return zeroStruct(*field.type);
        default:
            return nullptr;  // nil interface, map, slice or pointer
    }
}

Ordered zeroStruct(const GoStruct& type) {
    Ordered out = Ordered::object();
    for (const auto& field : type.fields) out[field.key] = zeroValue(field);
    return out;
}

void decodeStruct(Ordered& slot, const Ordered& value, const GoStruct& type,
                  const std::string& path);

// A []byte field's text as base64.StdEncoding reads it (line breaks ignored, padding required).
std::string standardBase64(const std::string& text, const std::string& path) {
    std::string kept;
    for (char c : text) {
        if (c != '\r' && c != '\n') kept += c;
    }
    const auto padding = kept.find('=');
    bool valid = kept.size() % 4 == 0;
    for (std::size_t i = 0; valid && i < kept.size(); ++i) {
        const char c = kept[i];
        valid = i >= padding ? c == '=' && i + 2 >= kept.size()
                             : std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/';
    }
    if (!valid) throw Error(ErrorKind::Usage, path + ": illegal base64 data");
    return kept;
}

Ordered genericValue(const Ordered& value) {
    return Ordered(goGeneric(nlohmann::json::parse(value.dump())));
}

void decodeField(Ordered& slot, const Ordered& value, const GoField& field,
                 const std::string& path) {
    const bool nullable = zeroValue(field).is_null();
    if (value.is_null()) {
        if (nullable) slot = nullptr;
        return;  // a null string, bool, time or struct is left as it was
    }
    switch (field.kind) {
        case GoKind::String:
            if (!value.is_string()) mismatch(value, path, field);
            slot = value;
            return;
        case GoKind::Bool:
            if (!value.is_boolean()) mismatch(value, path, field);
            slot = value;
            return;
        case GoKind::Any:
            slot = genericValue(value);
            return;
        case GoKind::StringMap:
        case GoKind::AnyMap: {
            if (!value.is_object()) mismatch(value, path, field);
            nlohmann::json merged =
                slot.is_null() ? nlohmann::json::object() : nlohmann::json::parse(slot.dump());
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (field.kind == GoKind::AnyMap) {
                    merged[it.key()] = goGeneric(nlohmann::json::parse(it->dump()));
                } else if (it->is_string() || it->is_null()) {
                    merged[it.key()] = it->is_null() ? "" : it->get<std::string>();
                } else {
                    throw Error(ErrorKind::Usage, "json: cannot unmarshal " + jsonTypeWord(*it) +
                                                      " into Go struct field " + path + "." +
                                                      it.key() + " of type string");
                }
            }
            slot = Ordered::parse(merged.dump());  // sorted, as Go writes a map
            return;
        }
        case GoKind::StringSlice: {
            if (!value.is_array()) mismatch(value, path, field);
            Ordered out = Ordered::array();
            for (const auto& item : value) {
                if (!item.is_string() && !item.is_null()) {
                    throw Error(ErrorKind::Usage, "json: cannot unmarshal " + jsonTypeWord(item) +
                                                      " into Go struct field " + path +
                                                      " of type string");
                }
                out.push_back(item.is_null() ? Ordered("") : item);
            }
            slot = std::move(out);
            return;
        }
        case GoKind::Bytes: {
            if (!value.is_string()) mismatch(value, path, field);
            slot = standardBase64(value.get<std::string>(), path);
            return;
        }
        case GoKind::Time:
        case GoKind::TimePointer:
            if (!value.is_string()) {
                throw Error(ErrorKind::Usage,
                            path + ": Time.UnmarshalJSON: input is not a JSON string");
            }
            slot = goTimeText(value.get<std::string>());
            return;
        case GoKind::Struct:
        case GoKind::StructPointer:
            if (!value.is_object()) mismatch(value, path, field);
            if (slot.is_null()) slot = zeroStruct(*field.type);
            decodeStruct(slot, value, *field.type, path);
            return;
        case GoKind::StructSlice: {
            if (!value.is_array()) mismatch(value, path, field);
            Ordered out = Ordered::array();
            for (const auto& item : value) {
                Ordered element = zeroStruct(*field.type);
                if (!item.is_null()) {
                    if (!item.is_object()) mismatch(item, path, field);
                    decodeStruct(element, item, *field.type, path);
                }
                out.push_back(std::move(element));
            }
            slot = std::move(out);
            return;
        }
    }
}

void decodeStruct(Ordered& slot, const Ordered& value, const GoStruct& type,
                  const std::string& path) {
    for (auto it = value.begin(); it != value.end(); ++it) {
        const GoField* field = fieldFor(type, it.key());
        if (field == nullptr) continue;
        decodeField(slot[field->key], *it, *field, path + "." + field->key);
    }
}

bool isEmpty(const Ordered& value, const GoField& field) {
    switch (field.kind) {
        case GoKind::Struct:
        case GoKind::Time:
            return false;  // omitempty never drops a struct
        case GoKind::String:
        case GoKind::Bytes:
            return value.is_null() || value == "";
        case GoKind::Bool:
            return value == false;
        case GoKind::Any:
        case GoKind::TimePointer:
        case GoKind::StructPointer:
            return value.is_null();
        default:
            return value.is_null() || value.empty();
    }
}

Ordered encodeStruct(const Ordered& slot, const GoStruct& type) {
    Ordered out = Ordered::object();
    for (const auto& field : type.fields) {
        const Ordered& value = slot.at(field.key);
        if (field.omitEmpty && isEmpty(value, field)) continue;
        if ((field.kind == GoKind::Struct || field.kind == GoKind::StructPointer) &&
            !value.is_null()) {
            out[field.key] = encodeStruct(value, *field.type);
        } else if (field.kind == GoKind::StructSlice && !value.is_null()) {
            Ordered items = Ordered::array();
            for (const auto& item : value) items.push_back(encodeStruct(item, *field.type));
            out[field.key] = std::move(items);
        } else {
            out[field.key] = value;
        }
    }
    return out;
}

}  // namespace

Ordered remarshal(const Ordered& document, const GoStruct& type) {
    Ordered slot = zeroStruct(type);
    if (!document.is_null()) {
        if (!document.is_object()) {
            throw Error(ErrorKind::Usage, "json: cannot unmarshal " + jsonTypeWord(document) +
                                              " into Go value of type " + type.name);
        }
        decodeStruct(slot, document, type, type.name);
    }
    return encodeStruct(slot, type);
}

std::vector<std::string> requiredKeys(const GoStruct& type) {
    std::vector<std::string> keys;
    for (const auto& field : type.fields) {
        if (!field.omitEmpty) keys.push_back(field.key);
    }
    return keys;
}

}  // namespace signet::json
