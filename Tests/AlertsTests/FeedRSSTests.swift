import Alerts
import Domain
import Foundation
import Testing

@Suite struct FeedRSSTests {
    /// Shaped like WeWorkRemotely's category feeds.
    static let weWorkRemotely = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
          <channel>
            <title>We Work Remotely: Remote Programming Jobs</title>
            <link>https://weworkremotely.com/categories/remote-programming-jobs</link>
            <description>The latest remote programming jobs</description>
            <language>en-US</language>
            <ttl>60</ttl>
            <item>
              <title>Acme Robotics: Senior Backend Engineer</title>
              <region>Anywhere in the World</region>
              <category>Back-End Programming</category>
              <category>Golang</category>
              <category>Back-End Programming</category>
              <type>Full-Time</type>
              <description><![CDATA[<img src="https://wwr-pro.s3.amazonaws.com/logos/acme.png" alt="Acme" />
        <p><strong>Headquarters:</strong> Berlin<br><strong>URL:</strong> <a href="https://acme.example">acme.example</a></p>
        <p>Acme builds fleet software &amp; we&#8217;re hiring.</p>
        <ul><li>Go</li><li>Postgres</li></ul>]]></description>
              <pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate>
              <guid>https://weworkremotely.com/remote-jobs/acme-robotics-senior-backend-engineer</guid>
              <link>https://weworkremotely.com/remote-jobs/acme-robotics-senior-backend-engineer</link>
              <media:content url="https://wwr-pro.s3.amazonaws.com/logos/acme.png" type="image/png"/>
              <dc:creator>Acme Robotics</dc:creator>
            </item>
            <item>
              <title>Data &amp; Analytics Engineer (Contract)</title>
              <region>USA Only</region>
              <category>DevOps and Sysadmin</category>
              <description>&lt;p&gt;Build our warehouse.&lt;/p&gt;</description>
              <pubDate>Tue, 24 Nov 2026 09:30:00 EST</pubDate>
              <guid isPermaLink="false">wwr-1129400</guid>
              <link>https://weworkremotely.com/remote-jobs/data-analytics-engineer</link>
            </item>
            <item>
              <title>Globex: Staff Engineer: Platform</title>
              <pubDate>21 Nov 2026 17:45 GMT</pubDate>
              <guid>https://weworkremotely.com/remote-jobs/globex-staff-engineer-platform</guid>
            </item>
            <item>
              <description>An item that lost its title.</description>
              <link>https://weworkremotely.com/remote-jobs/untitled</link>
            </item>
          </channel>
        </rss>
        """#

    static let atom = #"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Example Jobs</title>
          <link href="https://jobs.example.com/" rel="alternate"/>
          <link href="https://jobs.example.com/feed.atom" rel="self"/>
          <updated>2026-11-23T12:00:00Z</updated>
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <entry>
            <title>Initech: Platform Engineer</title>
            <link rel="enclosure" type="image/png" href="https://jobs.example.com/logos/initech.png"/>
            <link rel="alternate" type="text/html" href="https://jobs.example.com/jobs/42"/>
            <id>tag:jobs.example.com,2026:42</id>
            <published>2026-11-22T08:15:00-05:00</published>
            <updated>2026-11-23T11:00:00Z</updated>
            <category term="Platform"/>
            <category term="Kubernetes"/>
            <summary>Run our Kubernetes fleet.</summary>
            <content type="html">&lt;p&gt;Run our &lt;b&gt;Kubernetes&lt;/b&gt; fleet.&lt;/p&gt;&lt;p&gt;On call one week in six.&lt;/p&gt;</content>
          </entry>
          <entry>
            <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Soylent: <b>Data</b> Engineer</div></title>
            <link href="https://jobs.example.com/jobs/44"/>
            <updated>2026-11-23T11:00:00Z</updated>
          </entry>
          <entry>
            <title type="html">Umbrella &amp;amp; Co: QA Lead</title>
            <link href="https://jobs.example.com/jobs/43"/>
            <id>tag:jobs.example.com,2026:43</id>
            <updated>2026-11-23T11:00:00Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First paragraph.</p><p>Second <em>one</em> &amp; last.</p></div></content>
          </entry>
        </feed>
        """#

    private func parse(_ text: String) -> FeedParseResult {
        RSSJobFeed.parse(Array(text.utf8), source: "wwr")
    }

    @Test func aWeWorkRemotelyItemSplitsCompanyFromRole() throws {
        let result = parse(Self.weWorkRemotely)
        #expect(result.error == nil)
        let job = try #require(result.items.first)
        #expect(job.source == "wwr")
        #expect(job.posting.company == "Acme Robotics")
        #expect(job.posting.title == "Senior Backend Engineer")
        #expect(job.remoteText == "Anywhere in the World")
        #expect(job.tags == ["Back-End Programming", "Golang"])
        #expect(job.posting.url == "https://weworkremotely.com/remote-jobs/acme-robotics-senior-backend-engineer")
        #expect(job.externalID == "https://weworkremotely.com/remote-jobs/acme-robotics-senior-backend-engineer")
        #expect(job.posting.postedAt == 1_795_428_000_000)
        #expect(job.active)
    }

    @Test func aCDATADescriptionBecomesPlainText() throws {
        let job = try #require(parse(Self.weWorkRemotely).items.first)
        #expect(
            job.posting.description == """
                Headquarters: Berlin
                URL: acme.example

                Acme builds fleet software & we’re hiring.

                Go
                Postgres
                """)
    }

    @Test func aTitleWithoutColonHasNoCompany() throws {
        let items = parse(Self.weWorkRemotely).items
        try #require(items.count == 3)
        let job = items[1]
        #expect(job.posting.company == nil)
        #expect(job.posting.title == "Data & Analytics Engineer (Contract)")
        #expect(job.remoteText == "USA Only")
        #expect(job.posting.description == "Build our warehouse.")
        #expect(job.externalID == "wwr-1129400")
        // Eastern Standard Time is five hours behind.
        #expect(job.posting.postedAt == 1_795_530_600_000)
    }

    @Test func onlyTheFirstColonSeparatesTheCompany() {
        let job = parse(Self.weWorkRemotely).items[2]
        #expect(job.posting.company == "Globex")
        #expect(job.posting.title == "Staff Engineer: Platform")
        #expect(job.posting.postedAt == 1_795_283_100_000)
        // No link: the guid is a permalink.
        #expect(job.posting.url == "https://weworkremotely.com/remote-jobs/globex-staff-engineer-platform")
        #expect(job.posting.description == nil)
        #expect(job.tags.isEmpty)
    }

    @Test func anItemWithoutATitleIsSkipped() {
        #expect(parse(Self.weWorkRemotely).skipped == [FeedItemProblem(index: 3, reason: "no title")])
    }

    @Test func atomEntriesReadLinksDatesCategoriesAndContent() throws {
        let result = parse(Self.atom)
        #expect(result.error == nil)
        #expect(result.skipped.isEmpty)
        let job = try #require(result.items.first)
        #expect(job.posting.company == "Initech")
        #expect(job.posting.title == "Platform Engineer")
        #expect(job.posting.url == "https://jobs.example.com/jobs/42")
        #expect(job.externalID == "tag:jobs.example.com,2026:42")
        #expect(job.posting.postedAt == 1_795_353_300_000)
        #expect(job.tags == ["Platform", "Kubernetes"])
        #expect(job.posting.description == "Run our Kubernetes fleet.\n\nOn call one week in six.")
    }

    @Test func atomXHTMLTitlesAreReadAsMarkup() throws {
        let job = try #require(parse(Self.atom).items.dropFirst().first)
        #expect(job.posting.company == "Soylent")
        #expect(job.posting.title == "Data Engineer")
    }

    @Test func atomXHTMLContentAndHTMLTitlesAreReadAsMarkup() throws {
        let job = try #require(parse(Self.atom).items.last)
        #expect(job.posting.company == "Umbrella & Co")
        #expect(job.posting.title == "QA Lead")
        #expect(job.posting.url == "https://jobs.example.com/jobs/43")
        #expect(job.posting.postedAt == 1_795_431_600_000)
        #expect(job.posting.description == "First paragraph.\n\nSecond one & last.")
    }

    @Test func namespacedAndUndeclaredElementsDoNotBreakParsing() throws {
        // `job:` is never declared, which libxml2 reports but survives.
        let feed = """
            <rss version="2.0"><channel><item>
              <title>Hooli: Site Reliability Engineer</title>
              <job:salary>$150,000 - $190,000</job:salary>
              <job:location>New York, NY</job:location>
              <job:location>Remote (US)</job:location>
              <content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded>
              <description>Short text.</description>
              <media:content url="https://hooli.example/logo.png"><media:title>Logo</media:title></media:content>
            </item></channel></rss>
            """
        let result = parse(feed)
        #expect(result.error == nil)
        let job = try #require(result.items.first)
        #expect(job.posting.company == "Hooli")
        #expect(job.salaryText == "$150,000 - $190,000")
        #expect(job.locations == ["New York, NY", "Remote (US)"])
        #expect(job.posting.description == "Full text.")
    }

    @Test func htmlEntitiesThatXMLDoesNotDefineAreRead() throws {
        let feed = """
            <rss version="2.0"><channel><item>
              <title>Initech&nbsp;Labs: Backend Engineer &ndash; Payments</title>
              <description>Caf&eacute; &amp; snacks</description>
            </item></channel></rss>
            """
        let job = try #require(parse(feed).items.first)
        #expect(job.posting.company == "Initech Labs")
        #expect(job.posting.title == "Backend Engineer – Payments")
        #expect(job.posting.description == "Café & snacks")
    }

    @Test func mojibakeInTitlesIsRepaired() throws {
        let feed = "<rss><channel><item><title>Zürich Ãœbersetzungen AG: Engineer â€“ Search</title></item></channel></rss>"
        let job = try #require(parse(feed).items.first)
        #expect(job.posting.company == "Zürich Übersetzungen AG")
        #expect(job.posting.title == "Engineer – Search")
    }

    @Test func brokenXMLFailsTheWholeFeedWithItsLine() throws {
        let broken = """
            <?xml version="1.0"?>
            <rss version="2.0">
              <channel>
                <item><title>Acme: Engineer</titel></item>
              </channel>
            </rss>
            """
        let result = parse(broken)
        #expect(result.items.isEmpty)
        let error = try #require(result.error)
        #expect(error.contains("line 4"))
        #expect(error.contains("closing tag"))
        #expect(!error.contains("\n"))
    }

    @Test func aCutOffDocumentSaysSo() {
        let cutOff = String(Self.weWorkRemotely.prefix(1200))
        let result = parse(cutOff)
        #expect(result.items.isEmpty)
        #expect(result.error?.contains("cut off") == true)
    }

    @Test(arguments: [
        "<rss><channel><item><title>Cut off",
        "this is not XML",
        "",
    ])
    func aBodyThatIsNotXMLFailsTheWholeFeed(body: String) {
        let result = parse(body)
        #expect(result.items.isEmpty)
        #expect(result.error != nil)
    }

    @Test func wellFormedXMLThatIsNotAFeedIsAnError() {
        let result = parse("<html><body><p>Service unavailable</p></body></html>")
        #expect(result.items.isEmpty)
        #expect(result.error == "not an RSS or Atom feed: the root element is <html>")
    }

    @Test func anRDFFeedListsItemsBesideTheChannel() {
        let feed = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel><title>Jobs</title></channel>
              <item><title>Vandelay: Importer</title><link>https://vandelay.example/jobs/1</link></item>
            </rdf:RDF>
            """
        let items = parse(feed).items
        #expect(items.map(\.posting.company) == ["Vandelay"])
        #expect(items.map(\.posting.url) == ["https://vandelay.example/jobs/1"])
    }
}
