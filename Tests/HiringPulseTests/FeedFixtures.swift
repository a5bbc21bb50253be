/// Feed bodies in the shapes the real sources answer with, for the `feeds` commands.
enum FeedFixtures {
    /// `https://remoteok.com/api`: the legal notice, then jobs; HTML descriptions, numeric salaries
    /// (0 for unknown), ids as strings. The last job lost its `position`: a poll skips it.
    static func remoteOK(lastUpdated: Int = 1_795_600_000) -> String {
        #"""
        [
          {"last_updated": \#(lastUpdated), "legal": "API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source, so we get traffic back from your listing. If you do not link back to us, we will suspend your API access."},
          {
            "slug": "remote-senior-backend-engineer-go-hooli-1130211",
            "id": "1130211",
            "epoch": 1795598800,
            "date": "2026-11-25T07:26:40+00:00",
            "company": "Hooli",
            "company_logo": "https://remoteok.com/assets/img/jobs/1130211-1795598800.png",
            "position": "Senior Backend Engineer (Go)",
            "tags": ["golang", "backend", "postgres", "senior", "engineer"],
            "logo": "https://remoteok.com/assets/img/jobs/1130211-1795598800.png",
            "description": "<p><strong>Hooli</strong> builds the payments API behind 40M checkouts a day.</p>\n<ul>\n<li>5+ years writing Go services</li>\n<li>PostgreSQL &amp; Kafka in production</li>\n</ul>\n<p>We\u2019re hiring across the US.</p>",
            "location": "United States",
            "salary_min": 160000,
            "salary_max": 210000,
            "apply_url": "https://remoteOK.com/remote-jobs/remote-senior-backend-engineer-go-hooli-1130211",
            "url": "https://remoteOK.com/remote-jobs/remote-senior-backend-engineer-go-hooli-1130211"
          },
          {
            "slug": "remote-python-data-engineer-initech-1130198",
            "id": "1130198",
            "epoch": 1795562400,
            "date": "2026-11-24T21:20:00+00:00",
            "company": "Initech",
            "company_logo": "",
            "position": "Python Data Engineer",
            "tags": ["python", "dev", "data", "airflow"],
            "logo": "",
            "description": "<p>Own our <em>Airflow</em> pipelines &amp; the warehouse behind them.</p>",
            "location": "Europe",
            "salary_min": 0,
            "salary_max": 0,
            "apply_url": "https://remoteOK.com/remote-jobs/remote-python-data-engineer-initech-1130198",
            "url": "https://remoteOK.com/remote-jobs/remote-python-data-engineer-initech-1130198"
          },
          {
            "slug": "remote-staff-site-reliability-engineer-globex-1130177",
            "id": "1130177",
            "epoch": 1795519200,
            "date": "2026-11-24T09:20:00+00:00",
            "company": "Globex",
            "company_logo": "https://remoteok.com/assets/img/jobs/1130177-1795519200.png",
            "position": "Staff Site Reliability Engineer",
            "tags": ["sre", "kubernetes", "terraform", "aws"],
            "logo": "https://remoteok.com/assets/img/jobs/1130177-1795519200.png",
            "description": "<p>Keep 300 Kubernetes clusters boring.</p>",
            "location": "Worldwide",
            "salary_min": 190000,
            "salary_max": 240000,
            "apply_url": "https://remoteOK.com/remote-jobs/remote-staff-site-reliability-engineer-globex-1130177",
            "url": "https://remoteOK.com/remote-jobs/remote-staff-site-reliability-engineer-globex-1130177"
          },
          {
            "slug": "remote-frontend-developer-react-umbrella-1130150",
            "id": "1130150",
            "epoch": 1795476000,
            "date": "2026-11-23T21:20:00+00:00",
            "company": "Umbrella Health",
            "company_logo": "",
            "position": "Frontend Developer (React)",
            "tags": ["react", "typescript", "frontend"],
            "logo": "",
            "description": "<p>React &amp; TypeScript for clinicians.</p>",
            "location": "Canada, United States",
            "salary_min": 110000,
            "salary_max": 140000,
            "apply_url": "https://remoteOK.com/remote-jobs/remote-frontend-developer-react-umbrella-1130150",
            "url": "https://remoteOK.com/remote-jobs/remote-frontend-developer-react-umbrella-1130150"
          },
          {
            "slug": "remote-1130101",
            "id": "1130101",
            "epoch": 1795400000,
            "date": "2026-11-23T00:13:20+00:00",
            "company": "Vandelay Industries",
            "company_logo": "",
            "tags": ["sales"],
            "logo": "",
            "description": "<p>A listing whose position went missing.</p>",
            "location": "",
            "salary_min": 0,
            "salary_max": 0,
            "apply_url": "https://remoteOK.com/remote-jobs/remote-1130101",
            "url": "https://remoteOK.com/remote-jobs/remote-1130101"
          }
        ]
        """#
    }

    /// SimplifyJobs' New-Grad-Positions `.github/scripts/listings.json`: every listing ever added,
    /// closed ones with `active: false`, removed ones with `is_visible: false`. One lost its
    /// `title`. The new-grad list has no `terms` (the internship lists name a season there).
    static let simplifyListings = #"""
        [
          {
            "source": "Simplify",
            "company_name": "Stripe",
            "id": "0b7c6f3e-5a61-4d2e-9f0a-1c2d3e4f5a61",
            "title": "Software Engineer, New Grad",
            "active": true,
            "date_updated": 1795500000,
            "is_visible": true,
            "date_posted": 1795400000,
            "url": "https://stripe.com/jobs/listing/software-engineer-new-grad/7041234?utm_source=Simplify&ref=Simplify",
            "locations": ["San Francisco, CA", "Seattle, WA"],
            "company_url": "https://simplify.jobs/c/Stripe",
            "sponsorship": "Offers Sponsorship",
            "degrees": ["Bachelor's", "Master's"],
            "category": "Software Engineering"
          },
          {
            "source": "Simplify",
            "company_name": "Jane Street",
            "id": "5e2f9a10-77c4-4b8e-8d21-0f1e2d3c4b5a",
            "title": "Software Engineer - New Grad",
            "active": false,
            "date_updated": 1795300000,
            "is_visible": true,
            "date_posted": 1794000000,
            "url": "https://www.janestreet.com/join-jane-street/position/7500001002/",
            "locations": ["New York, NY"],
            "company_url": "https://simplify.jobs/c/Jane-Street",
            "sponsorship": "Does Not Offer Sponsorship",
            "degrees": ["Bachelor's"],
            "category": "Quant"
          },
          {
            "source": "Simplify",
            "company_name": "Datadog",
            "id": "9c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
            "title": "Software Engineer I - Backend",
            "active": true,
            "date_updated": 1795450000,
            "is_visible": true,
            "date_posted": 1795350000,
            "url": "https://careers.datadoghq.com/detail/6213456/?gh_jid=6213456",
            "locations": ["New York, NY", "Boston, MA"],
            "company_url": "https://simplify.jobs/c/Datadog",
            "sponsorship": "Other",
            "degrees": ["Bachelor's"],
            "category": "Software Engineering"
          },
          {
            "source": "Simplify",
            "company_name": "Hooli",
            "id": "c0ffee00-1111-4000-8000-000000000003",
            "title": "New Grad SWE (duplicate)",
            "active": true,
            "date_updated": 1795200000,
            "is_visible": false,
            "date_posted": 1795100000,
            "url": "https://hooli.example/careers/swe-new-grad",
            "locations": ["Mountain View, CA"],
            "company_url": "https://simplify.jobs/c/Hooli",
            "sponsorship": "Other"
          },
          {
            "source": "Simplify",
            "company_name": "Pied Piper",
            "id": "deadbeef-2222-4000-8000-000000000004",
            "active": true,
            "date_updated": 1795000000,
            "is_visible": true,
            "date_posted": 1795000000,
            "url": "https://piedpiper.example/jobs/1",
            "locations": [],
            "company_url": "https://simplify.jobs/c/Pied-Piper",
            "sponsorship": "Other"
          },
          {
            "source": "Simplify",
            "company_name": "Ramp",
            "id": "7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d",
            "title": "Software Engineer, Early Career",
            "active": true,
            "date_updated": 1795550000,
            "is_visible": true,
            "date_posted": 1795540000,
            "url": "https://jobs.ashbyhq.com/ramp/1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b",
            "locations": ["New York, NY", "Remote in USA"],
            "company_url": "https://simplify.jobs/c/Ramp",
            "sponsorship": "Offers Sponsorship",
            "degrees": ["Bachelor's"],
            "category": "Software Engineering"
          }
        ]
        """#

    /// What a bot wall answers in place of a feed.
    static let challengePage = """
        <!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" \
        content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow"><meta name="viewport" \
        content="width=device-width,initial-scale=1"></head><body><div class="main-wrapper" role="main"><div class="main-content">\
        <h1 class="zone-name-title h1">weworkremotely.com</h1><p>Verifying you are human. This may take a few seconds.</p>\
        </div></div><script>(function(){window._cf_chl_opt={cvID: '3',cZone: "weworkremotely.com"};}());</script></body></html>
        """
}
