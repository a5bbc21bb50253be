import Alerts
import Domain
import Extraction
import Store
import Testing

@Suite struct PostingDeduplicationTests {
    @Test(arguments: [
        ("https://www.Jobs.Example.com/acme/123/?utm_source=discord&gh_src=x#apply", "https://jobs.example.com/acme/123"),
        ("http://jobs.example.com/acme/123?b=2&a=1", "https://jobs.example.com/acme/123?a=1&b=2"),
        ("HTTPS://JOBS.EXAMPLE.COM/Acme/123", "https://jobs.example.com/Acme/123"),
    ])
    func urlsAreCanonicalized(url: String, canonical: String) {
        #expect(PostingDeduplication.canonicalURL(url) == canonical)
    }

    @Test(arguments: ["ftp://example.com/x", "not a url", "https://"])
    func whatIsNotAWebURLHasNoCanonicalForm(url: String) {
        #expect(PostingDeduplication.canonicalURL(url) == nil)
    }

    @Test func theSameJobWrittenDifferentlyHasOneFingerprint() {
        let first = JobPosting(company: "Acme", title: "Sr. Backend Eng", location: "NYC")
        let second = JobPosting(company: "ACME", title: "senior backend engineer", location: "nyc")
        #expect(PostingDeduplication.identity(of: first).fingerprint == PostingDeduplication.identity(of: second).fingerprint)
        let other = JobPosting(company: "Acme", title: "Frontend Engineer", location: "NYC")
        #expect(PostingDeduplication.identity(of: first).fingerprint != PostingDeduplication.identity(of: other).fingerprint)
    }
}
