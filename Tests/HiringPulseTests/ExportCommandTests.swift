import Domain
import Extraction
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// `hiringpulse postings export` and `hiringpulse updates export`, run as a user runs them, over a
/// real database seeded the way extraction writes it.
@Suite(.timeLimit(.minutes(2))) struct ExportCommandTests {
    static func time(_ text: String) -> Int64 { Timestamp.parse(text)! }

    static func store(_ cli: CommandLineRunner) throws -> Store {
        try Store.open(path: cli.directory.file("data/hiringpulse.sqlite"))
    }

    /// Stores each posting as the extraction of its own message, posted when the message was.
    static func seedPostings(_ store: Store, _ postings: [(id: Int64, at: Int64, posting: JobPosting)]) async throws {
        try await store.messages.ingest(
            postings.map {
                IncomingMessage(
                    id: $0.id, guildID: 1, channelID: 2, authorHash: "poster", content: "[Hiring] \($0.id)", createdAt: $0.at,
                    source: .gateway)
            })
        try await store.extractions.record(
            postings.map { id, _, posting in
                ExtractionWrite(
                    messageID: id, extractor: ExtractorInfo(name: "rules"),
                    outcome: ExtractionOutcome(id: String(id), result: .success(ExtractionResult(kind: .jobPosting, posting: posting))),
                    postingIdentity: PostingIdentity(canonicalURL: posting.url, fingerprint: "posting \(id)"))
            })
    }

    /// Stores each message's stage updates as its extraction, reported when the message was sent.
    static func seedUpdates(_ store: Store, _ messages: [(id: Int64, author: String, at: Int64, updates: [StageUpdate])]) async throws {
        try await store.messages.ingest(
            messages.map {
                IncomingMessage(
                    id: $0.id, guildID: 1, channelID: 2, authorHash: $0.author, content: "update \($0.id)", createdAt: $0.at,
                    source: .gateway)
            })
        try await store.extractions.record(
            messages.map { message in
                ExtractionWrite(
                    messageID: message.id, extractor: ExtractorInfo(name: "rules"),
                    outcome: ExtractionOutcome(
                        id: String(message.id), result: .success(ExtractionResult(kind: .stageUpdate, updates: message.updates))))
            })
    }

    /// Three postings, one of them with a title that needs quoting and one that a spreadsheet would
    /// run as a formula, and a fourth whose message was deleted.
    static func seedFourPostings(_ cli: CommandLineRunner) async throws {
        let store = try store(cli)
        try await seedPostings(
            store,
            [
                (
                    1, time("2026-09-01T10:00:00Z"),
                    JobPosting(
                        company: "Acme", title: "Backend Engineer, \"Platform\"\nTeam", location: "Remote (US)", remote: .yes,
                        employmentType: .fullTime, skills: ["go", "postgresql"], salaryMin: 150_000, salaryMax: 180_000, currency: "USD",
                        url: "https://acme.example/1")
                ),
                (
                    2, time("2026-09-02T09:30:00Z"),
                    JobPosting(
                        company: "JPMorgan Chase", title: "=HYPERLINK(\"http://evil.example\")", location: "New York, NY",
                        remote: RemotePolicy.no)
                ),
                (
                    3, time("2026-09-03T08:00:00Z"),
                    JobPosting(
                        company: "Globex", title: "Software Engineer Intern", location: "ZÜRICH", remote: .hybrid,
                        employmentType: .internship,
                        skills: ["java"])
                ),
                (4, time("2026-09-04T08:00:00Z"), JobPosting(company: "Initech", title: "Deleted Role", remote: .yes)),
            ])
        try await store.messages.retract(messageIDs: [4])
    }

    static func seedFourUpdates(_ cli: CommandLineRunner) async throws {
        let store = try store(cli)
        try await seedUpdates(
            store,
            [
                (
                    1_100_000_000_000_000_010, "a1", time("2026-09-01T10:00:00Z"),
                    [StageUpdate(company: "JPMorgan Chase", stage: .oa, role: "internship", season: "Summer 2027")]
                ),
                (
                    1_100_000_000_000_000_011, "a1", time("2026-09-05T12:00:00Z"),
                    [StageUpdate(company: "JPMorgan Chase", stage: .onsite, role: "internship")]
                ),
                (
                    1_100_000_000_000_000_012, "b2", time("2026-09-06T12:00:00Z"),
                    [StageUpdate(company: "Google", stage: .offer, role: "new_grad"), StageUpdate(company: "Meta", stage: .rejected)]
                ),
                (1_100_000_000_000_000_013, "c3", time("2026-09-07T12:00:00Z"), [StageUpdate(company: "Acme", stage: .oa)]),
            ])
        try await store.messages.retract(messageIDs: [1_100_000_000_000_000_013])
    }

    @Test func postingsAsCSV() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await Self.seedFourPostings(cli)
        let result = try await cli.run(["postings", "export"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(
            result.stdout == """
                id,source,external_id,company,title,location,remote,employment_type,seniority,skills,salary_min,salary_max,currency,url,posted_at
                1,message,,Acme,"Backend Engineer, ""Platform""
                Team",Remote (US),yes,full_time,,go;postgresql,150000,180000,USD,https://acme.example/1,2026-09-01T10:00:00.000Z
                2,message,,JPMorgan Chase,"'=HYPERLINK(""http://evil.example"")","New York, NY",no,,,,,,,,2026-09-02T09:30:00.000Z
                3,message,,Globex,Software Engineer Intern,ZÜRICH,hybrid,internship,,java,,,,,2026-09-03T08:00:00.000Z

                """)
    }

    @Test func postingsAsJSONAndJSONLines() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await Self.seedFourPostings(cli)
        let json = try await cli.run(["postings", "export", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let array = try #require(try JSONParser.parse(json.stdout).arrayValue)
        try #require(array.count == 3)
        #expect(
            array[0].serialized == #"""
                {"id":1,"source":"message","external_id":null,"company":"Acme","title":"Backend Engineer, \"Platform\"\nTeam",\#
                "location":"Remote (US)","remote":"yes","employment_type":"full_time","seniority":null,"skills":["go","postgresql"],\#
                "salary_min":150000,"salary_max":180000,"currency":"USD","url":"https://acme.example/1","posted_at":"2026-09-01T10:00:00.000Z"}
                """#)
        // JSON is data, not a spreadsheet: the title is kept as written.
        #expect(array[1]["title"] == .string("=HYPERLINK(\"http://evil.example\")"))
        #expect(array[2]["skills"] == .array([.string("java")]))

        let lines = try await cli.run(["postings", "export", "--format", "jsonl"])
        #expect(lines.status == 0, "\(lines.stderr)")
        #expect(try lines.stdoutLines.map(JSONParser.parse) == array)

        let none = try await cli.run(["postings", "export", "--format", "json", "--company", "Acme", "--remote", "no"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout == "[]\n")
    }

    @Test func postingFiltersCombine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await Self.seedFourPostings(cli)
        func ids(_ arguments: [String]) async throws -> [String] {
            let result = try await cli.run(["postings", "export", "--format", "jsonl"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return try result.stdoutLines.map { try JSONParser.parse($0)["title"]?.stringValue ?? "" }
        }
        // An alias finds the company, as a user writes it in the server.
        #expect(try await ids(["--company", "JPMC"]) == ["=HYPERLINK(\"http://evil.example\")"])
        #expect(try await ids(["--company", "j.p. morgan"]) == ["=HYPERLINK(\"http://evil.example\")"])
        #expect(try await ids(["--company", "globex"]) == ["Software Engineer Intern"])
        #expect(try await ids(["--remote", "hybrid"]) == ["Software Engineer Intern"])
        #expect(try await ids(["--role", "INTERN"]) == ["Software Engineer Intern"])
        #expect(try await ids(["--location", "zürich"]) == ["Software Engineer Intern"])
        #expect(try await ids(["--location", "new york", "--remote", "yes"]) == [])
        #expect(try await ids(["--remote", "yes"]) == ["Backend Engineer, \"Platform\"\nTeam"])

        let unknown = try await cli.run(["postings", "export", "--company", "Gogle"])
        #expect(unknown.status == 0)
        #expect(unknown.stdoutLines.count == 1)
        #expect(unknown.stderr == "hiringpulse: note: no stored company is named \"Gogle\"; nothing to export\n")
    }

    @Test func maxAgeKeepsTheLastDays() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let store = try Self.store(cli)
        let now = Timestamp.now()
        let day = Timestamp.millisecondsPerDay
        try await Self.seedPostings(
            store,
            [
                (1, now - 40 * day, JobPosting(company: "Acme", title: "Old Role")),
                (2, now - 2 * day, JobPosting(company: "Acme", title: "New Role")),
            ])
        try await Self.seedUpdates(
            store,
            [
                (10, "a1", now - 40 * day, [StageUpdate(company: "Acme", stage: .oa)]),
                (11, "a1", now - 2 * day, [StageUpdate(company: "Acme", stage: .phone)]),
            ])
        let postings = try await cli.run(["postings", "export", "--max-age-days", "30", "--format", "jsonl"])
        #expect(postings.status == 0, "\(postings.stderr)")
        #expect(try postings.stdoutLines.map { try JSONParser.parse($0)["title"] } == [.string("New Role")])
        let updates = try await cli.run(["updates", "export", "--max-age-days", "30", "--format", "jsonl"])
        #expect(updates.status == 0, "\(updates.stderr)")
        #expect(try updates.stdoutLines.map { try JSONParser.parse($0)["stage"] } == [.string("phone")])
        let all = try await cli.run(["updates", "export", "--max-age-days", "365", "--format", "jsonl"])
        #expect(all.stdoutLines.count == 2)
    }

    @Test func stageUpdatesAsCSVAndJSON() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await Self.seedFourUpdates(cli)
        let csv = try await cli.run(["updates", "export"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(
            csv.stdout == """
                id,message_id,author_hash,company,stage,role,season,reported_at
                1,1100000000000000010,a1,JPMorgan Chase,oa,internship,Summer 2027,2026-09-01T10:00:00.000Z
                2,1100000000000000011,a1,JPMorgan Chase,onsite,internship,,2026-09-05T12:00:00.000Z
                3,1100000000000000012,b2,Google,offer,new_grad,,2026-09-06T12:00:00.000Z
                4,1100000000000000012,b2,Meta,rejected,,,2026-09-06T12:00:00.000Z

                """)

        let json = try await cli.run(["updates", "export", "--format", "json", "--company", "jpmc", "--stage", "onsite"])
        #expect(json.status == 0, "\(json.stderr)")
        // The snowflake is text, as Discord writes it: JSON numbers cannot hold it exactly everywhere.
        #expect(
            try JSONParser.parse(json.stdout).serialized == #"""
                [{"id":2,"message_id":"1100000000000000011","author_hash":"a1","company":"JPMorgan Chase","stage":"onsite",\#
                "role":"internship","season":null,"reported_at":"2026-09-05T12:00:00.000Z"}]
                """#)

        let interns = try await cli.run(["updates", "export", "--role", "Intern", "--format", "jsonl"])
        #expect(interns.stdoutLines.count == 2)
        let offers = try await cli.run(["updates", "export", "--stage", "OFFER", "--format", "jsonl"])
        #expect(try offers.stdoutLines.map { try JSONParser.parse($0)["company"] } == [.string("Google")])
    }

    @Test func outputFileIsWrittenWholeWithASummaryLine() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await Self.seedFourPostings(cli)
        let result = try await cli.run(["postings", "export", "--format", "json", "--output", "postings.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "exported 3 postings to postings.json\n")
        let written = try String(contentsOfFile: cli.directory.file("postings.json"), encoding: .utf8)
        #expect(try JSONParser.parse(written).arrayValue?.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasSuffix(".partial") }.isEmpty)

        let missing = try await cli.run(["updates", "export", "--output", "no/such/dir/updates.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "hiringpulse: cannot write no/such/dir/updates.csv: No such file or directory\n")
    }

    @Test(arguments: [["postings", "export", "--help"], ["updates", "export", "--help"]])
    func eachExportExplainsItself(arguments: [String]) async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let result = try await cli.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: hiringpulse \(arguments[0]) export"))
        #expect(result.stdout.contains("--format <csv|json|jsonl>"))
        #expect(result.stdout.contains("Examples:"))
    }

    @Test(arguments: [
        (["postings", "export", "--format", "xml"], "hiringpulse: --format: \"xml\" is not csv, json or jsonl"),
        (["postings", "export", "--remote", "maybe"], "hiringpulse: --remote: \"maybe\" is not yes, no or hybrid"),
        (["postings", "export", "--max-age-days", "-3"], "hiringpulse: --max-age-days: \"-3\" is not a whole number of days, 1 or more"),
        (
            ["updates", "export", "--max-age-days", "week"],
            "hiringpulse: --max-age-days: \"week\" is not a whole number of days, 1 or more"
        ),
        (
            ["updates", "export", "--stage", "superday"],
            "hiringpulse: --stage: \"superday\" is not one of applied, oa, phone, onsite, offer, rejected"
        ),
        (
            ["updates", "export", "--company", "MS", "--output", "ms.csv"],
            "hiringpulse: \"MS\" is ambiguous: it may mean Microsoft or Morgan Stanley; give the full name"
        ),
    ])
    func badInputIsOneLineAndWritesNothing(arguments: [String], message: String) async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await Self.seedFourPostings(cli)
        let result = try await cli.run(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("ms.csv")))
    }
}
