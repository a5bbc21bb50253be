public import Domain

/// Skill names as people write them, mapped to one normalized name ("Golang" → go, "Postgres" →
/// postgresql, "NodeJS" and "node.js" → node). Shared by message extraction and job feeds.
public enum SkillVocabulary {
    /// Normalized name for a written skill, or nil when it is not a known skill.
    public static func normalize(_ written: String) -> String? {
        let key = written.lowercased().filter { !$0.isWhitespace && $0 != "." && $0 != "-" && $0 != "_" }
        return aliases[key]
    }

    /// The skills named in tokenized text, normalized, in order of first mention.
    public static func skills(in tokens: [TextToken]) -> [String] {
        var found: [String] = []
        for match in matcher.matches(in: tokens) {
            // "Go" is a skill, "go" is a verb.
            if match.value == "go" && tokens[match.start].lower == "go" && tokens[match.start].text != "Go" { continue }
            if !found.contains(match.value) { found.append(match.value) }
        }
        return found
    }

    /// Written form (lower-case, no spaces, dots or dashes) → normalized name.
    static let aliases: [String: String] = {
        var map: [String: String] = [:]
        for (normalized, written) in table {
            map[normalized] = normalized
            for alias in written { map[alias] = normalized }
        }
        return map
    }()

    private static let table: [(String, [String])] = [
        ("go", ["golang"]), ("python", ["py", "python3"]), ("java", []), ("javascript", ["js", "ecmascript"]),
        ("typescript", ["ts"]), ("react", ["reactjs", "reactnative"]), ("node", ["nodejs", "node"]),
        ("postgresql", ["postgres", "psql", "pg"]), ("mysql", []), ("sql", []), ("aws", ["amazonwebservices"]),
        ("gcp", ["googlecloud"]), ("azure", []), ("kubernetes", ["k8s"]), ("docker", []), ("rust", []),
        ("c++", ["cpp", "cplusplus"]), ("c#", ["csharp"]), ("kotlin", []), ("swift", []), ("spark", ["pyspark", "apachespark"]),
        ("kafka", []), ("redis", []), ("mongodb", ["mongo"]), ("graphql", []), ("terraform", []), ("django", []),
        ("flask", []), ("fastapi", []), ("rails", ["rubyonrails", "ror"]), ("ruby", []), ("scala", []),
        ("pytorch", ["torch"]), ("tensorflow", ["tf"]), ("vue", ["vuejs"]), ("angular", ["angularjs"]),
        ("nextjs", ["next"]), ("spring", ["springboot"]), ("dotnet", ["net", "aspnet"]), ("linux", []),
        ("ios", []), ("android", []), ("elixir", []), ("haskell", []), ("ocaml", []), ("airflow", []),
        ("dbt", []), ("elasticsearch", ["elastic"]), ("snowflake", []), ("php", []), ("html", []), ("css", []),
        ("llm", ["llms"]), ("machine learning", ["ml", "machinelearning"]), ("react native", []),
    ]

    /// Phrases as the tokenizer sees them ("node.js" is two words, "node" and "js").
    private static let matcher: PhraseMatcher<String> = {
        var phrases: [(String, String)] = [
            ("node js", "node"), ("react js", "react"), ("vue js", "vue"), ("next js", "nextjs"),
            ("ruby on rails", "rails"), ("spring boot", "spring"), ("machine learning", "machine learning"),
            ("react native", "react native"), ("google cloud", "gcp"), ("amazon web services", "aws"),
            ("asp net", "dotnet"), ("apache spark", "spark"),
        ]
        for (key, normalized) in aliases
        where key != "next" && key != "net" && key != "tf" && key != "pg"
            && key != "py" && key != "ror" && key != "elastic" && key != "torch" && key != "machine learning"
            && key != "react native" && key != "snowflake"
        {
            phrases.append((key, normalized))
        }
        return PhraseMatcher(phrases)
    }()
}
