import Hummingbird

/// What the dashboard's `/links/TOKEN` does: the signed links of alert mails (👍, 👎, 🚫 and
/// unsubscribe), whose meaning the daemon gives. A GET only asks (mail scanners and previews open
/// links); a POST does it: the page's button, or a mail program's one-click unsubscribe
/// (RFC 8058, `List-Unsubscribe=One-Click`). The signed token is the link's only credential: it
/// opens no other page, so it needs no dashboard token.
public struct MailLinks: Sendable {
    /// What a link would do, put as a question with its button's label.
    public struct Prompt: Sendable, Hashable {
        public var question: String
        public var button: String

        public init(question: String, button: String) {
            self.question = question
            self.button = button
        }
    }

    /// The prompt of a token; nil for a link that is not valid, or no longer is.
    public var prompt: @Sendable (String) async throws -> Prompt?
    /// Does what a token says; returns what was done, nil for an invalid link.
    public var perform: @Sendable (String) async throws -> String?

    public init(
        prompt: @escaping @Sendable (String) async throws -> Prompt?, perform: @escaping @Sendable (String) async throws -> String?
    ) {
        self.prompt = prompt
        self.perform = perform
    }

    /// Where the links live, below the base path: asked with a GET, done with a POST.
    let route = OwnCredentialRoute(pathPrefix: "/links/", methods: [.get, .head, .post])

    static let invalid = DashboardError.notFound("This link is not valid, or no longer is: the alert or its posting may be gone.")

    func routes<Context: RequestContext>(into router: Router<Context>, pages: PageRenderer) {
        router.get("/links/{token}") { _, context in
            let token = try context.parameters.require("token")
            guard let prompt = try await prompt(token) else { throw Self.invalid }
            return Responses.html(
                pages.page(
                    "link", title: "Job alert", section: nil,
                    ["question": prompt.question, "button": prompt.button, "action": pages.basePath + route.pathPrefix + token]))
        }
        router.post("/links/{token}") { _, context in
            let token = try context.parameters.require("token")
            guard let done = try await perform(token) else { throw Self.invalid }
            return Responses.html(pages.page("error", title: "Job alert", section: nil, ["message": done]))
        }
    }
}
