import Domain
import HiringPulseTesting
import JSON
import JSONSchema
import Testing

@testable import Extraction

/// The schema sent to servers, as their grammar converters read it.
@Suite struct GrammarSafeSchemaTests {
    @Test(arguments: [
        (#"^[^\n]{1,160}$"#, #"^[^\n"\\]{1,160}$"#),
        (#"^https?://[^\s]{1,2000}$"#, #"^https?://[^\s"\\]{1,2000}$"#),
        (#"^[A-Za-z0-9_.:-]{1,64}$"#, #"^[A-Za-z0-9_.:-]{1,64}$"#),
        (#"^[^\n"\\]{1,10}$"#, #"^[^\n"\\]{1,10}$"#),
        (#"^a.b$"#, #"^a[^\n"\\]b$"#),
        (#"^\.[^]x]$"#, #"^\.[^]x"\\]$"#),
    ])
    func negatedClassesAndDotsExcludeQuoteAndBackslash(pattern: String, safe: String) {
        #expect(GrammarSafeSchema.safePattern(pattern) == safe)
    }

    /// What a converter turns into a grammar over a JSON string's characters: no pattern of the
    /// schema sent may let a raw `"` or `\` in, and only keywords the converters of llama.cpp,
    /// Ollama (llama.cpp's) and vLLM (xgrammar) know appear.
    @Test func theShippedSchemaIsSafeForTheGrammarConverters() throws {
        let prompt = try ExtractionPrompt.load(
            promptFile: RepositoryFile.path("prompts/extract.v1.md"), schemaFile: RepositoryFile.path("prompts/extract.schema.json"))
        let known: Set<String> = [
            "$schema", "$id", "$defs", "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const",
            "pattern", "maxItems", "minItems", "anyOf", "description", "title", "minimum", "maximum",
        ]
        var patterns: [String] = []
        func walk(_ value: JSONValue, underProperties: Bool) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if !underProperties { #expect(known.contains(key), "\(key) is not a keyword every converter knows") }
                    if key == "pattern", let text = member.stringValue { patterns.append(text) }
                    walk(member, underProperties: !underProperties && (key == "properties" || key == "$defs"))
                }
            case .array(let items): items.forEach { walk($0, underProperties: false) }
            default: break
            }
        }
        walk(prompt.serverSchema, underProperties: false)
        #expect(patterns.count >= 5)
        for pattern in patterns {
            var inClass = false
            var negated = false
            var body = ""
            var escaped = false
            for (index, c) in pattern.enumerated() {
                if escaped {
                    escaped = false
                    if inClass { body.append(c) }
                    continue
                }
                if c == "\\" {
                    escaped = true
                    if inClass { body.append(c) }
                    continue
                }
                if inClass {
                    if c == "]" && !body.isEmpty {
                        if negated { #expect(body.contains("\"") && body.contains("\\\\"), "\(pattern) lets a quote or backslash in") }
                        inClass = false
                    } else {
                        body.append(c)
                    }
                } else if c == "[" {
                    inClass = true
                    negated = pattern.dropFirst(index + 1).first == "^"
                    body = ""
                } else {
                    #expect(c != ".", "\(pattern): a dot matches a quote")
                }
            }
        }
        // The answers are still validated against the schema as written.
        #expect(prompt.schema["$comment"] != nil)
        #expect(prompt.serverSchema["$comment"] == nil)
        let answer = try JSONParser.parse(
            #"{"results": [{"id": "1", "kind": "job_posting", "spam": false, "updates": [], "posting": {"company": "Acme", "title": "Senior \"Go\" engineer", "location": null, "remote": "yes", "employment_type": null, "skills": [], "salary_min": null, "salary_max": null, "currency": null, "url": null}}]}"#
        )
        #expect(prompt.validator.validate(answer).isEmpty)
    }
}
