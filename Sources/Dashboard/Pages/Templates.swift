import Mustache

/// The dashboard's HTML, as Mustache templates compiled into the binary, so that it runs from the
/// executable alone. `{{name}}` escapes for HTML; the values put in raw are charts the SVG renderer
/// wrote and escaped itself (`{{{svg}}}`) and the heatmap table's figures (`{{{cells}}}`), which
/// hold nothing from chat.
enum Templates {
    static let library: MustacheLibrary = {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in sources {
            // The templates are constants: one that does not parse is a programming error.
            templates[name] = try! MustacheTemplate(string: text)
        }
        return MustacheLibrary(templates: templates)
    }()

    static func render(_ context: [String: Any], page: String) -> String {
        library.render(context, withTemplate: page) ?? ""
    }

    static let sources: [String: String] = [
        "head": head, "foot": foot, "charts": charts, "overview": overview, "companies": companies, "company": company,
        "postings": postings, "postingRows": postingRows, "pager": pager, "error": error, "link": link,
    ]

    static let head = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{title}} · HiringPulse</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="{{base}}/static/dashboard.css">
        </head>
        <body>
        <header class="site">
        <a class="brand" href="{{base}}/">HiringPulse</a>
        <nav aria-label="Sections">
        <a href="{{base}}/"{{#isOverview}} aria-current="page"{{/isOverview}}>Overview</a>
        <a href="{{base}}/companies"{{#isCompanies}} aria-current="page"{{/isCompanies}}>Companies</a>
        <a href="{{base}}/postings"{{#isPostings}} aria-current="page"{{/isPostings}}>Postings</a>
        </nav>
        </header>
        <main>
        <h1>{{title}}</h1>

        """

    static let foot = """
        </main>
        <footer class="site">
        <p>Aggregates only: no member, no message. Companies with fewer than {{minJourneys}} journeys are counted in \
        “other companies”. Days are UTC. <a href="{{base}}/api/v1/overview">JSON</a></p>
        </footer>
        </body>
        </html>

        """

    static let charts = """
        {{#charts}}
        <figure class="chart-card{{#wide}} wide{{/wide}}">
        {{{svg}}}
        <figcaption>{{caption}}</figcaption>
        </figure>
        {{/charts}}

        """

    static let overview = """
        {{> head}}
        <p class="lead"><strong>{{journeys}}</strong> journeys (one member at one company), newest report {{newestDay}}.</p>
        <section class="grid">
        {{> charts}}
        </section>
        <section>
        <h2>Stages</h2>
        <table class="numbers">
        <thead><tr><th scope="col">Stage</th><th scope="col">Reported</th><th scope="col">Implied</th><th scope="col">Total</th></tr></thead>
        <tbody>
        {{#stages}}<tr><th scope="row">{{name}}</th><td>{{reported}}</td><td>{{implied}}</td><td>{{total}}</td></tr>
        {{/stages}}
        </tbody>
        </table>
        <h2>Most active companies</h2>
        <ol class="ranking">
        {{#top}}<li>{{#link}}<a href="{{link}}">{{company}}</a>{{/link}}{{^link}}{{company}}{{/link}}: {{updates}}</li>
        {{/top}}
        {{^top}}<li>No reports yet.</li>{{/top}}
        </ol>
        </section>
        {{> foot}}
        """

    static let companies = """
        {{> head}}
        <p class="lead">Conversion between stages, company by company: journeys that reached the later stage ÷ journeys \
        that reached the earlier one. A later stage implies the earlier ones.</p>
        <p class="sort">Sort by: {{#sorts}}<a href="{{link}}"{{#current}} aria-current="true"{{/current}}>{{label}}</a> {{/sorts}}</p>
        <section>
        {{> charts}}
        </section>
        <table class="numbers heatmap-table">
        <thead><tr><th scope="col">Company</th><th scope="col">Journeys</th>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{#link}}<a href="{{link}}">{{company}}</a>{{/link}}{{^link}}{{company}}{{/link}}</th>\
        <td>{{journeys}}</td>{{{cells}}}</tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="{{span}}">No journeys yet.</td></tr>{{/rows}}
        </tbody>
        </table>
        {{> pager}}
        {{> foot}}
        """

    static let company = """
        {{> head}}
        {{#shown}}
        <p class="lead"><strong>{{journeys}}</strong> journeys, newest report {{newestDay}}. \
        <a href="{{base}}/api/v1/companies/{{path}}">JSON</a></p>
        <section class="grid">
        {{> charts}}
        </section>
        {{/shown}}
        {{#hidden}}
        <p class="lead">Fewer than {{minJourneys}} members have reported on this company: its funnel is counted in \
        “other companies” so that no one’s own journey can be read off a chart.</p>
        {{/hidden}}
        <section>
        <h2>Postings</h2>
        {{> postingRows}}
        <p><a href="{{postingsLink}}">All postings of {{company}}</a></p>
        </section>
        {{> foot}}
        """

    static let postingRows = """
        <table class="postings">
        <thead><tr><th scope="col">Posted</th><th scope="col">Company</th><th scope="col">Title</th><th scope="col">Location</th>\
        <th scope="col">Remote</th><th scope="col">Type</th><th scope="col">Salary</th></tr></thead>
        <tbody>
        {{#postings}}<tr><td>{{posted}}</td><td>{{company}}</td>\
        <td>{{#url}}<a href="{{url}}" rel="noopener noreferrer nofollow">{{title}}</a>{{/url}}{{^url}}{{title}}{{/url}}</td>\
        <td>{{location}}</td><td>{{remote}}</td><td>{{type}}</td><td>{{salary}}</td></tr>
        {{/postings}}
        {{^postings}}<tr><td colspan="7">No postings match.</td></tr>{{/postings}}
        </tbody>
        </table>

        """

    static let postings = """
        {{> head}}
        <form class="filters" method="get" action="{{base}}/postings">
        <label>Company <input name="company" value="{{filter.company}}"></label>
        <label>Role <input name="role" value="{{filter.role}}"></label>
        <label>Location <input name="location" value="{{filter.location}}"></label>
        <label>Remote <select name="remote">{{#remoteChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/remoteChoices}}</select></label>
        <label>Type <select name="type">{{#typeChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/typeChoices}}</select></label>
        <label>Posted within <input name="max_age_days" inputmode="numeric" size="4" value="{{filter.maxAgeDays}}"> days</label>
        <button type="submit">Filter</button>
        </form>
        <p class="lead"><strong>{{total}}</strong> postings{{#shownRange}}, {{first}}–{{last}} shown{{/shownRange}}. \
        Download: <a href="{{csvLink}}">CSV</a> · <a href="{{jsonLink}}">JSON</a></p>
        {{> postingRows}}
        {{> pager}}
        {{> foot}}
        """

    static let pager = """
        <nav class="pager" aria-label="Pages">
        {{#previous}}<a href="{{previous}}" rel="prev">← Previous</a>{{/previous}}
        <span>Page {{page}} of {{pages}}</span>
        {{#next}}<a href="{{next}}" rel="next">Next →</a>{{/next}}
        </nav>

        """

    /// A mail link's question: nothing happens until the button is pressed.
    static let link = """
        {{> head}}
        <p class="lead">{{question}}</p>
        <form method="post" action="{{action}}"><button type="submit">{{button}}</button></form>
        {{> foot}}
        """

    static let error = """
        {{> head}}
        <p class="lead">{{message}}</p>
        <p><a href="{{base}}/">Back to the overview</a></p>
        {{> foot}}
        """
}
