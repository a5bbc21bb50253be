import HTTPTypes

/// The parts of the site a page belongs to, for the navigation's current link.
enum Section: Sendable {
    case overview, companies, postings
}

/// Fills the templates with what every page shares: the base path, the title, the privacy line.
struct PageRenderer: Sendable {
    let basePath: String
    let minJourneys: Int

    func page(_ template: String, title: String, section: Section?, _ context: [String: Any]) -> String {
        var context = context
        context["base"] = basePath
        context["title"] = title
        context["minJourneys"] = minJourneys
        context["isOverview"] = section == .overview
        context["isCompanies"] = section == .companies
        context["isPostings"] = section == .postings
        return Templates.render(context, page: template)
    }

    func error(_ error: DashboardError) -> String {
        page("error", title: error.status.reasonPhrase, section: nil, ["message": error.message])
    }

    /// The link to a company's page.
    func companyLink(_ name: String) -> String {
        "\(basePath)/companies/\(FormQuery.escape(name))"
    }
}
