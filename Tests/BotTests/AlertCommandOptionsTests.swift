import Alerts
import Discord
import Domain
import JSON
import Testing

@testable import Bot
@testable import Daemon

/// What `/alerts add` makes of a member's options, and how `/jobs` carries a search in its buttons.
@Suite struct AlertCommandOptionsTests {
    static func options(_ values: [(String, JSONValue)]) -> InteractionOptions {
        InteractionOptions(
            data: .object([
                ("name", .string("alerts")),
                (
                    "options",
                    .array([
                        .object([
                            ("name", .string("add")), ("type", .integer(1)),
                            ("options", .array(values.map { .object([("name", .string($0.0)), ("type", .integer(3)), ("value", $0.1)]) })),
                        ])
                    ])
                ),
            ]))
    }

    @Test func anAlertIsReadAsMembersWriteIt() throws {
        let profile = try AlertsSlashCommand.profile(
            from: Self.options([
                ("name", .string(" go-remote ")), ("skills", .string("Golang:3, postgres, K8s")), ("remote", .string("remote_or_hybrid")),
                ("min_salary", .integer(140_000)), ("locations", .string("NYC, Canada,")), ("keywords", .string("backend")),
                ("exclude", .string("clearance, on-call")), ("employment_type", .string("full_time")), ("threshold", .number(0.7)),
                ("levels", .string("Junior, mid")),
            ]))
        #expect(
            profile
                == AlertProfile(
                    name: "go-remote", remote: .remoteOrHybrid, locations: ["NYC", "Canada"], employmentTypes: [.fullTime],
                    includeKeywords: ["backend"], excludeKeywords: ["clearance", "on-call"],
                    skills: ["go": 3, "postgresql": 1, "kubernetes": 1],
                    minimumSalary: 140_000, threshold: 0.7, seniority: [.junior, .mid]))
    }

    @Test func anUnknownLevelIsOneLineTheMemberCanFix() {
        let error = #expect(throws: CommandError.self) {
            try AlertsSlashCommand.profile(from: Self.options([("name", .string("x")), ("levels", .string("junior, newbie"))]))
        }
        #expect(error?.description == "Levels are intern, junior, mid, senior, staff, principal, lead; \"newbie\" is none of them.")
    }

    @Test(arguments: [
        ("", "go", "An alert needs a name of at most 40 characters."),
        ("x", "go:0", "Skills are written as go, postgres or go:3 (a weight from 1 to 100); \"go:0\" is neither."),
        ("x", ":3", "Skills are written as go, postgres or go:3 (a weight from 1 to 100); \":3\" is neither."),
    ])
    func aMistakeIsOneLineTheMemberCanFix(name: String, skills: String, message: String) {
        let error = #expect(throws: CommandError.self) {
            try AlertsSlashCommand.profile(from: Self.options([("name", .string(name)), ("skills", .string(skills))]))
        }
        #expect(error?.description == message)
    }

    @Test func aSearchSurvivesItsButtonsEvenWithColonsInTheQuery() {
        let search = JobsSlashCommand.Search(query: "c++ : go", remote: "yes", days: 14, companyID: 42)
        let id = search.button(page: 3)
        #expect(id.count <= 100, "Discord's custom_id limit")
        let pressed = id.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        #expect(JobsSlashCommand.Search(button: pressed) == search)
        #expect(pressed[2] == "3")
        let bare = JobsSlashCommand.Search()
        #expect(
            JobsSlashCommand.Search(button: bare.button(page: 0).split(separator: ":", omittingEmptySubsequences: false).map(String.init))
                == bare)
    }
}
