import Domain
import JSON

/// The answer schema as it is sent to the server, rewritten for the grammar converters of
/// llama.cpp, Ollama and vLLM. They turn a string `pattern` into a grammar over the characters
/// inside the JSON string, unescaped: a class such as `[^\n]` then lets the model write a raw `"`
/// (ending the string early) or a lone `\`, and llama-server fails the call with a 500 ("does not
/// match the expected peg-native format"). Every negated class and every `.` therefore also
/// excludes `"` and `\`. Answers are still validated against the schema as written.
enum GrammarSafeSchema {
    static func make(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(let members):
            return .object(
                members.compactMap { key, value in
                    // Notes for readers of the file; some converters choke on keys they do not know.
                    if key == "$comment" { return nil }
                    if key == "pattern", case .string(let pattern) = value { return (key, .string(safePattern(pattern))) }
                    return (key, make(value))
                })
        case .array(let items):
            return .array(items.map(make))
        default:
            return schema
        }
    }

    /// `^[^\n]{1,160}$` → `^[^\n"\\]{1,160}$`; `a.b` → `a[^\n"\\]b`.
    static func safePattern(_ pattern: String) -> String {
        var out = ""
        var chars = pattern[...]
        while let c = chars.popFirst() {
            switch c {
            case "\\":
                out.append(c)
                if let next = chars.popFirst() { out.append(next) }
            case "[":
                var body = ""
                var closed = false
                if chars.first == "^" { body.append(chars.removeFirst()) }
                // A `]` first in the class is a literal.
                if chars.first == "]" { body.append(chars.removeFirst()) }
                while let d = chars.popFirst() {
                    if d == "\\" {
                        body.append(d)
                        if let e = chars.popFirst() { body.append(e) }
                    } else if d == "]" {
                        closed = true
                        break
                    } else {
                        body.append(d)
                    }
                }
                guard closed else { return pattern }
                if body.hasPrefix("^") {
                    if !body.contains("\"") { body.append("\"") }
                    if !body.contains("\\\\") { body.append("\\\\") }
                }
                out += "[" + body + "]"
            case ".":
                out += "[^\\n\"\\\\]"
            default:
                out.append(c)
            }
        }
        return out
    }
}
