import ArgumentParser
import Foundation
import JSON
import JSONSchema

struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Validate JSON against a JSON Schema (draft 2020-12).",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate JSON Lines on stdin against a schema; one line per instance.",
            discussion: """
                Prints `valid`, or `invalid: <errors>` with each error's JSON pointer and reason, for
                each non-blank input line. A line that is not JSON is `invalid: invalid JSON at byte N: …`.
                Exits 0 when every instance is valid, 1 when one is not, 2 when the schema is unusable.

                Example:
                  echo '{"kind": "stage_update"}' | hiringpulse schema check --schema prompts/extract.schema.json
                """
        )

        @Option(help: ArgumentHelp("The JSON Schema file.", valueName: "file"))
        var schema: String

        @Flag(help: "Assert `format` (date, date-time, email, uri, uuid) instead of treating it as an annotation.")
        var assertFormat = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: schema) else {
                throw fail("schema check: cannot read \(schema)", code: 2)
            }
            let validator: SchemaValidator
            do {
                let json = try JSONParser.parse(Array(data))
                validator = try SchemaValidator(schema: json, options: .init(assertFormat: assertFormat))
            } catch let error as SchemaError {
                throw fail("schema check: \(schema): \(error.description)", code: 2)
            } catch let error as JSONParser.SyntaxError {
                throw fail("schema check: \(schema): \(error.description)", code: 2)
            }
            var anyInvalid = false
            var output = ""
            while let line = readLine(strippingNewline: true) {
                if line.allSatisfy(\.isWhitespace) { continue }
                let verdict: String
                do {
                    let violations = validator.validate(try JSONParser.parse(line))
                    verdict = violations.isEmpty ? "valid" : "invalid: " + violations.map(\.description).joined(separator: "; ")
                } catch {
                    verdict = "invalid: \(error.description)"
                }
                if verdict != "valid" { anyInvalid = true }
                output += verdict + "\n"
                if output.utf8.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(output.utf8))
                    output = ""
                }
            }
            FileHandle.standardOutput.write(Data(output.utf8))
            if anyInvalid { throw ExitCode(1) }
        }
    }
}
