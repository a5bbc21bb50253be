import HTTPTypes

/// A request the dashboard refuses, with the one line it answers: in a page for the pages, as
/// `{"error": …}` for the API.
struct DashboardError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> DashboardError { DashboardError(.badRequest, message) }
    static func notFound(_ message: String = "There is no such page.") -> DashboardError { DashboardError(.notFound, message) }
}
