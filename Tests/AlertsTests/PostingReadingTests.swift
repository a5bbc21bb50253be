import Alerts
import Domain
import Testing

/// What a posting's words declare — its skills, its kind of job, its level, the opening's id — as
/// pure functions over the phrases real postings use, traps included.
@Suite struct PostingReadingTests {
    @Test(arguments: [
        ("Backend Engineer", "You'll write services in Go and Postgres.", ["go", "postgresql"]),
        ("Backend Engineer", "Go, Python or Rust; Kubernetes.", ["go", "python", "rust", "kubernetes"]),
        ("Backend Engineer", "We are a go developer shop: go services everywhere.", ["go"]),
        ("Senior Golang Engineer", "", ["go"]),
        ("Data Center Operations Manager", "Lead the go-live of our Phoenix site.", []),
        ("Restaurant Account Manager", "Be the go-to owner. Go above and beyond.", []),
        ("Frontend Engineer", "React to feedback quickly; we use Vue.", ["vue"]),
        ("Frontend Engineer", "We use React and TypeScript.", ["react", "typescript"]),
        ("Backend Engineer", "Go to our site to apply. We use Python.", ["python"]),
        ("Office Manager", "Spring cleaning, and a swift, rusty spark of joy.", []),
        ("Platform Engineer", "Net income grew; next steps: .NET and C# on Azure.", ["dotnet", "c#", "azure"]),
    ])
    func ambiguousSkillsCountOnlyAsSkills(title: String, description: String, expected: [String]) {
        #expect(PostingSkills.skills(title: title, description: description) == expected)
    }

    @Test func anAmbiguousTagCountsOnlyOnAnEngineeringJob() {
        #expect(PostingSkills.skills(title: "Backend Engineer", tags: ["go", "backend"]) == ["go"])
        #expect(PostingSkills.skills(title: "Sales Engineer", tags: ["go", "sales"]).isEmpty)
        #expect(PostingSkills.skills(title: "Office Administrator", tags: ["golang"]) == ["go"], "golang is only ever the language")
    }

    @Test(arguments: [
        ("Job Type: Full-time\nBenefits.", "full_time"), ("Job Type: Full-Time/Part-Time", "full_time"),
        ("Job type: (contractor) Full-time", "full_time"), ("This is a part time role (20 hours).", "part_time"),
        ("Remote - Full time, US-based", "full_time"), ("Type: Full-Time / Remote", "full_time"),
        ("A part-time (3 hrs/week), remote position.", "part_time"), ("As this is a temporary assignment, no benefits.", "contract"),
        ("We prefer contract-to-hire, open to full-time employment.", "contract"),
        ("Hiring a Support Contractor for six (6) months.", "contract"), ("A 6-month contract.", "contract"),
        ("Full-time.", "full_time"), ("Apply to our summer internship!", "internship"),
    ])
    func employmentTypeIsWhatTheTextDeclares(text: String, expected: String) {
        #expect(EmploymentTypeReading.fromDescription(text)?.rawValue == expected)
    }

    @Test(arguments: [
        "Take active part in our planning.", "You will be part of the HR team.", "Full accountability for renewals.",
        "A full-stack role.", "We're 4 full-time devs and 3 contractors.", "Nothing here is a contract of employment.",
        "Freelancing full-time is hard.", "Opportunity to transition your internship later.",
    ])
    func looseWordsDeclareNothing(text: String) {
        #expect(EmploymentTypeReading.fromDescription(text) == nil)
    }

    @Test func aTitleDeclaresItsKind() {
        #expect(EmploymentTypeReading.fromTitle("Product Analyst Intern")?.rawValue == "internship")
        #expect(EmploymentTypeReading.fromTitle("Data Engineer (Contract)")?.rawValue == "contract")
        #expect(EmploymentTypeReading.fromTitle("Engineer (contractor) Full-time")?.rawValue == "full_time")
        #expect(EmploymentTypeReading.fromTitle("Full Stack Engineer") == nil)
        #expect(EmploymentTypeReading.fromTags(["dev", "full-time"])?.rawValue == "full_time")
        #expect(EmploymentTypeReading.fromTags(["full stack"]) == nil)
    }

    @Test(
        arguments: [
            ("Software Engineering Intern (undergraduate senior only)", "intern"), ("Senior Analyst I Financial Impact", "senior"),
            ("Software Engineer I", "junior"), ("SDE II", "mid"), ("Programmer / Analyst I", "junior"),
            ("New Grad Software Engineer", "junior"), ("2027 Software Engineer - Early Career", "junior"),
            ("Virtual Data Entry Clerk", nil), ("Entry Level Data Analyst", "junior"), ("Staff Engineer", "staff"),
            ("Intermediate Software Engineer", "mid"), ("Engineering Manager", "lead"),
        ] as [(String, String?)])
    func levelIsWhatTheTitleStates(title: String, expected: String?) {
        #expect(SeniorityReading.fromTitle(title)?.rawValue == expected)
    }

    @Test(
        arguments: [
            ("https://boards.greenhouse.io/virtu/jobs/6702651002", "greenhouse:6702651002"),
            ("https://job-boards.greenhouse.io/graphcore/jobs/8238577002?utm_source=x", "greenhouse:8238577002"),
            ("https://careers.roblox.example/jobs/7357095?gh_jid=7357095", "greenhouse:7357095"),
            ("https://jobs.lever.co/acme/2520AD21-8174-49d1-87db-806b46c5115d/apply", "lever:2520ad21-8174-49d1-87db-806b46c5115d"),
            (
                "https://jobs.ashbyhq.com/ramp/16ebfcfc-467b-40e5-b23e-a4d95db05539/application",
                "ashby:16ebfcfc-467b-40e5-b23e-a4d95db05539"
            ),
            ("https://ncr.wd1.myworkdayjobs.com/en-US/ext_us/job/ATLANTA-GA-USA/Software-Engineer-I_R0155211", "workday:ncr:R0155211"),
            ("https://ncr.wd1.myworkdayjobs.com/ext_us/job/ATLANTA-GA-USA/Software-Engineer-I_R0155211", "workday:ncr:R0155211"),
            (
                "https://wd1.myworkdaysite.com/recruiting/fmr/FidelityCareers/job/Boston-MA/Quant-Internship_2081276-1",
                "workday:fmr:2081276-1"
            ),
            (
                "https://jobs.mcdonalds.com/job/Chicago-Software-Engineer-I-IL-60607/1322913300/?ats=successfactors",
                "successfactors:jobs.mcdonalds.com:1322913300"
            ),
            ("https://careers-gdms.icims.com/jobs/68913/job?mobile=true", "icims:careers-gdms.icims.com:68913"),
            ("https://stripe.com/jobs/listing/software-engineer-new-grad/6025906", "web:stripe.com:6025906"),
            ("https://remoteOK.com/remote-jobs/remote-software-engineer-jump-1059244", nil),
            ("https://remoteok.com/remote-jobs/1059244", nil),
            ("not a url", nil),
        ] as [(String, String?)])
    func theOpeningIdIsReadFromTheJobsURL(url: String, expected: String?) {
        #expect(OpeningID.fromURL(url) == expected)
    }
}
