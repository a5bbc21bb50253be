/// Answers of the public job-board APIs of Greenhouse, Lever and Ashby for one company's board
/// ("acme"), written here in the shapes their documentation and recorded answers show, with the
/// traps real boards have: Greenhouse's entity-escaped HTML and null `first_published`,
/// Lever's Unix milliseconds, `onsite` spelled as answers spell it, hourly and monthly pay,
/// Ashby's unlisted jobs, pay hidden by the company, tiers in another currency.
///
/// Serve them at the APIs' own paths, `greenhousePath`, `leverPath`, `ashbyPath`.
public enum JobBoardAnswers {
    public static let greenhousePath = "/v1/boards/acme/jobs?content=true"
    public static let leverPath = "/v0/postings/acme?mode=json"
    public static let ashbyPath = "/posting-api/job-board/acme?includeCompensation=true"

    /// `GET boards-api.greenhouse.io/v1/boards/acme/jobs?content=true`: three job posts. The
    /// first two are on-site in two cities and remote; the third an internship whose employment
    /// type is a multi-select custom field.
    public static let greenhouse = #"""
        {
          "jobs": [
            {
              "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/4012345001",
              "data_compliance": [
                {"type": "gdpr", "requires_consent": false, "requires_processing_consent": false, "requires_retention_consent": false, "retention_period": null, "demographic_data_consent_applies": false}
              ],
              "internal_job_id": 2876001,
              "location": {"name": "New York, NY; San Francisco, CA"},
              "metadata": [
                {"id": 4150012, "name": "Employment Type", "value": "Full-time", "value_type": "single_select"}
              ],
              "id": 4012345001,
              "updated_at": "2026-11-20T09:15:44-05:00",
              "requisition_id": "ENG-1042",
              "title": "Senior Backend Engineer, Payments",
              "company_name": "Acme Robotics",
              "first_published": "2026-11-02T10:00:00-05:00",
              "language": "en",
              "content": "&lt;div class=&quot;content-intro&quot;&gt;&lt;p&gt;Acme Robotics builds warehouse robots &amp;amp; the software that runs them.&lt;/p&gt;&lt;/div&gt;&lt;h3&gt;What you&amp;#39;ll do&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Build payment services in Go on PostgreSQL&lt;/li&gt;&lt;li&gt;Run them on Kubernetes&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Salary&amp;nbsp;range: $170,000&amp;mdash;$210,000 USD&lt;/p&gt;",
              "departments": [{"id": 4009002, "name": "Engineering", "parent_id": 4009001, "child_ids": []}],
              "offices": [
                {"id": 4001002, "name": "New York", "location": "New York, NY, United States", "parent_id": 4001001, "child_ids": []},
                {"id": 4001003, "name": "San Francisco", "location": "San Francisco, CA, United States", "parent_id": 4001001, "child_ids": []}
              ]
            },
            {
              "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/4012345002",
              "data_compliance": [
                {"type": "gdpr", "requires_consent": false, "requires_processing_consent": false, "requires_retention_consent": false, "retention_period": null, "demographic_data_consent_applies": false}
              ],
              "internal_job_id": 2876002,
              "location": {"name": "Remote - US"},
              "metadata": null,
              "id": 4012345002,
              "updated_at": "2026-11-18T16:20:05-05:00",
              "requisition_id": null,
              "title": "Backend Engineer (Go)",
              "company_name": "Acme Robotics",
              "first_published": null,
              "language": "en",
              "content": "&lt;p&gt;A full-time, remote role on the Fleet API team. You will write backend services in Golang and tune PostgreSQL queries.&lt;/p&gt;&lt;p&gt;We &amp;lt;3 calm on-call&amp;hellip; rotations are weekly.&lt;/p&gt;",
              "departments": [{"id": 4009002, "name": "Engineering", "parent_id": 4009001, "child_ids": []}],
              "offices": [{"id": 4001004, "name": "Remote", "location": null, "parent_id": null, "child_ids": []}]
            },
            {
              "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/4012345003",
              "data_compliance": [
                {"type": "gdpr", "requires_consent": false, "requires_processing_consent": false, "requires_retention_consent": false, "retention_period": null, "demographic_data_consent_applies": false}
              ],
              "internal_job_id": 2876003,
              "location": {"name": "Austin, TX"},
              "metadata": [
                {"id": 4150012, "name": "Employment Type", "value": ["Intern"], "value_type": "multi_select"}
              ],
              "id": 4012345003,
              "updated_at": "2026-11-15T11:02:31-05:00",
              "requisition_id": "UNI-2027-07",
              "title": "Software Engineer Intern, Summer 2027",
              "company_name": "Acme Robotics",
              "first_published": "2026-11-14T08:00:00-05:00",
              "language": "en",
              "content": "&lt;p&gt;Spend twelve weeks building robot firmware tools in Python.&lt;/p&gt;",
              "departments": [{"id": 4009010, "name": "University Recruiting", "parent_id": null, "child_ids": []}],
              "offices": [{"id": 4001005, "name": "Austin", "location": "Austin, TX, United States", "parent_id": 4001001, "child_ids": []}]
            }
          ],
          "meta": {"total": 3}
        }
        """#

    /// `GET api.lever.co/v0/postings/acme?mode=json`: four postings, remote with a yearly range,
    /// on-site part-time paid by the hour, hybrid in euros, and an internship paid by the month.
    public static let lever = #"""
        [
          {
            "additionalPlain": "Acme Robotics is an equal opportunity employer.\n",
            "additional": "<div>Acme Robotics is an equal opportunity employer.</div>",
            "categories": {
              "commitment": "Full-time",
              "department": "Engineering",
              "location": "Remote - US",
              "team": "Platform",
              "allLocations": ["Remote - US", "Remote - Canada"]
            },
            "createdAt": 1793718000000,
            "descriptionPlain": "We are hiring a backend engineer to build the fleet control plane in Go.\n\nYou will own services end to end.\n",
            "description": "<div>We are hiring a backend engineer to build the fleet control plane in Go.</div><div><br></div><div>You will own services end to end.</div>",
            "id": "3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
            "lists": [
              {"text": "Requirements", "content": "<li>3+ years writing Go or Python in production</li><li>PostgreSQL &amp; Kubernetes</li>"}
            ],
            "text": "Backend Engineer - Platform",
            "country": "US",
            "workplaceType": "remote",
            "opening": "<div>We are hiring a backend engineer to build the fleet control plane in Go.</div>",
            "openingPlain": "We are hiring a backend engineer to build the fleet control plane in Go.\n",
            "descriptionBody": "<div>You will own services end to end.</div>",
            "descriptionBodyPlain": "You will own services end to end.\n",
            "salaryRange": {"max": 180000, "min": 150000, "currency": "USD", "interval": "per-year-salary"},
            "salaryDescription": "<div>Base pay depends on experience and location.</div>",
            "salaryDescriptionPlain": "Base pay depends on experience and location.\n",
            "hostedUrl": "https://jobs.lever.co/acme/3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
            "applyUrl": "https://jobs.lever.co/acme/3f6e2a1b-8c4d-4e5f-9a0b-1c2d3e4f5a6b/apply"
          },
          {
            "additionalPlain": "",
            "additional": "",
            "categories": {
              "commitment": "Part-time",
              "location": "Reno, NV",
              "team": "Field Operations",
              "allLocations": ["Reno, NV"]
            },
            "createdAt": 1794299400000,
            "descriptionPlain": "Keep our robots running on the warehouse floor, twenty hours a week.\n",
            "description": "<div>Keep our robots running on the warehouse floor, twenty hours a week.</div>",
            "id": "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e",
            "lists": [],
            "text": "Robot Technician",
            "country": "US",
            "workplaceType": "onsite",
            "opening": "",
            "openingPlain": "",
            "descriptionBody": "<div>Keep our robots running on the warehouse floor, twenty hours a week.</div>",
            "descriptionBodyPlain": "Keep our robots running on the warehouse floor, twenty hours a week.\n",
            "salaryRange": {"max": 34, "min": 28, "currency": "USD", "interval": "per-hour-wage"},
            "salaryDescription": "",
            "salaryDescriptionPlain": "",
            "hostedUrl": "https://jobs.lever.co/acme/0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e",
            "applyUrl": "https://jobs.lever.co/acme/0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e/apply"
          },
          {
            "additionalPlain": "",
            "additional": "",
            "categories": {
              "commitment": "Full-time",
              "department": "Engineering",
              "location": "Berlin",
              "team": "Perception",
              "allLocations": ["Berlin", "Munich"]
            },
            "createdAt": 1793188800000,
            "descriptionPlain": "Ship perception models in C++ and Python. Three days a week in the office.\n",
            "description": "<div>Ship perception models in C++ and Python. Three days a week in the office.</div>",
            "id": "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            "lists": [],
            "text": "Software Engineer, Perception",
            "country": "DE",
            "workplaceType": "hybrid",
            "opening": "",
            "openingPlain": "",
            "descriptionBody": "<div>Ship perception models in C++ and Python. Three days a week in the office.</div>",
            "descriptionBodyPlain": "Ship perception models in C++ and Python. Three days a week in the office.\n",
            "salaryRange": {"max": 90000, "min": 70000, "currency": "EUR", "interval": "per-year-salary"},
            "salaryDescription": "",
            "salaryDescriptionPlain": "",
            "hostedUrl": "https://jobs.lever.co/acme/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
            "applyUrl": "https://jobs.lever.co/acme/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a/apply"
          },
          {
            "additionalPlain": "",
            "additional": "",
            "categories": {
              "commitment": "Intern",
              "department": "Engineering",
              "location": "San Francisco, CA",
              "team": "University",
              "allLocations": ["San Francisco, CA"]
            },
            "createdAt": 1794505500000,
            "descriptionPlain": "Twelve weeks on the simulation team, writing Python and C++.\n",
            "description": "<div>Twelve weeks on the simulation team, writing Python and C++.</div>",
            "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
            "lists": [],
            "text": "Engineering Intern (Summer 2027)",
            "country": "US",
            "workplaceType": "unspecified",
            "opening": "",
            "openingPlain": "",
            "descriptionBody": "<div>Twelve weeks on the simulation team, writing Python and C++.</div>",
            "descriptionBodyPlain": "Twelve weeks on the simulation team, writing Python and C++.\n",
            "salaryRange": {"max": 7500, "min": 7000, "currency": "USD", "interval": "per-month-salary"},
            "salaryDescription": "",
            "salaryDescriptionPlain": "",
            "hostedUrl": "https://jobs.lever.co/acme/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
            "applyUrl": "https://jobs.lever.co/acme/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d/apply"
          }
        ]
        """#

    /// `GET api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true`: five jobs,
    /// one of them unlisted, one paid by the hour, one whose pay the company hides, one hybrid
    /// with tiers in pounds.
    public static let ashby = #"""
        {
          "apiVersion": "1",
          "jobs": [
            {
              "id": "8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d",
              "title": "Senior Platform Engineer",
              "department": "Engineering",
              "team": "Platform",
              "employmentType": "FullTime",
              "location": "Remote - US",
              "secondaryLocations": [
                {"location": "Toronto", "address": {"addressLocality": "Toronto", "addressRegion": "Ontario", "addressCountry": "Canada"}}
              ],
              "shouldDisplayCompensationOnJobPostings": true,
              "publishedAt": "2026-11-05T14:29:08.532+00:00",
              "isListed": true,
              "isRemote": true,
              "workplaceType": "Remote",
              "address": {"postalAddress": {"addressCountry": "United States"}},
              "jobUrl": "https://jobs.ashbyhq.com/acme/8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d",
              "applyUrl": "https://jobs.ashbyhq.com/acme/8d0f6a52-3b1e-4f7a-9c2d-5e6f7a8b9c0d/application",
              "descriptionHtml": "<p>Own the backend platform our robots report to: Go services, PostgreSQL, Kubernetes.</p><ul><li><p>On call one week in six</p></li></ul>",
              "descriptionPlain": "Own the backend platform our robots report to: Go services, PostgreSQL, Kubernetes.\n\n- On call one week in six",
              "compensation": {
                "compensationTierSummary": "$160K – $200K • Offers Equity",
                "scrapeableCompensationSalarySummary": "$160K - $200K",
                "compensationTiers": [
                  {
                    "id": "2c1b0a9f-8e7d-4c6b-a5f4-e3d2c1b0a9f8",
                    "tierSummary": "$160K – $200K • Offers Equity",
                    "title": "United States",
                    "additionalInformation": null,
                    "components": [
                      {"id": "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918", "summary": "$160K – $200K", "compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 160000, "maxValue": 200000},
                      {"id": "0f1e2d3c-4b5a-4697-8877-665544332211", "summary": "Offers Equity", "compensationType": "EquityPercentage", "interval": "NONE", "currencyCode": null, "minValue": null, "maxValue": null}
                    ]
                  }
                ],
                "summaryComponents": [
                  {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 160000, "maxValue": 200000},
                  {"compensationType": "EquityPercentage", "interval": "NONE", "currencyCode": null, "minValue": null, "maxValue": null}
                ]
              }
            },
            {
              "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
              "title": "Site Reliability Engineer",
              "department": "Engineering",
              "team": "Infrastructure",
              "employmentType": "FullTime",
              "location": "Remote - US",
              "secondaryLocations": [],
              "shouldDisplayCompensationOnJobPostings": false,
              "publishedAt": "2026-11-09T10:00:00.000+00:00",
              "isListed": false,
              "isRemote": true,
              "workplaceType": "Remote",
              "address": {"postalAddress": {"addressCountry": "United States"}},
              "jobUrl": "https://jobs.ashbyhq.com/acme/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
              "applyUrl": "https://jobs.ashbyhq.com/acme/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/application",
              "descriptionHtml": "<p>Keep the backend fleet healthy with Go and Kubernetes.</p>",
              "descriptionPlain": "Keep the backend fleet healthy with Go and Kubernetes."
            },
            {
              "id": "6f5e4d3c-2b1a-4098-b7a6-958473625140",
              "title": "Machine Learning Intern",
              "department": "Research",
              "team": "Perception",
              "employmentType": "Intern",
              "location": "San Francisco, CA",
              "secondaryLocations": [],
              "shouldDisplayCompensationOnJobPostings": true,
              "publishedAt": "2026-11-12T18:00:00.000+00:00",
              "isListed": true,
              "isRemote": false,
              "workplaceType": "OnSite",
              "address": {"postalAddress": {"addressLocality": "San Francisco", "addressRegion": "California", "addressCountry": "United States"}},
              "jobUrl": "https://jobs.ashbyhq.com/acme/6f5e4d3c-2b1a-4098-b7a6-958473625140",
              "applyUrl": "https://jobs.ashbyhq.com/acme/6f5e4d3c-2b1a-4098-b7a6-958473625140/application",
              "descriptionHtml": "<p>Train perception models in Python with PyTorch.</p>",
              "descriptionPlain": "Train perception models in Python with PyTorch.",
              "compensation": {
                "compensationTierSummary": "$45 – $55 per hour",
                "scrapeableCompensationSalarySummary": "$45 - $55 per hour",
                "compensationTiers": [
                  {
                    "id": "3d2c1b0a-9f8e-4d7c-b6a5-f4e3d2c1b0a9",
                    "tierSummary": "$45 – $55 per hour",
                    "title": "Interns",
                    "additionalInformation": null,
                    "components": [
                      {"id": "4e3d2c1b-0a9f-48e7-9d6c-5b4a3f2e1d0c", "summary": "$45 – $55 per hour", "compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "USD", "minValue": 45, "maxValue": 55}
                    ]
                  }
                ],
                "summaryComponents": [
                  {"compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "USD", "minValue": 45, "maxValue": 55}
                ]
              }
            },
            {
              "id": "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
              "title": "Technical Writer (Contract)",
              "department": "Product",
              "team": "Documentation",
              "employmentType": "Contract",
              "location": "Remote",
              "secondaryLocations": [],
              "shouldDisplayCompensationOnJobPostings": false,
              "publishedAt": "2026-11-01T09:30:00.000+00:00",
              "isListed": true,
              "isRemote": true,
              "workplaceType": null,
              "address": null,
              "jobUrl": "https://jobs.ashbyhq.com/acme/b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e",
              "applyUrl": "https://jobs.ashbyhq.com/acme/b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e/application",
              "descriptionHtml": "<p>Write the guides our customers&#39; operators read.</p>",
              "descriptionPlain": "Write the guides our customers' operators read.",
              "compensation": {
                "compensationTierSummary": "$70 – $90 per hour",
                "scrapeableCompensationSalarySummary": "$70 - $90 per hour",
                "compensationTiers": [],
                "summaryComponents": [
                  {"compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "USD", "minValue": 70, "maxValue": 90}
                ]
              }
            },
            {
              "id": "c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f",
              "title": "Backend Engineer, Billing",
              "department": "Engineering",
              "team": "Billing",
              "employmentType": "FullTime",
              "location": "London, England",
              "secondaryLocations": [
                {"location": "Manchester", "address": {"addressLocality": "Manchester", "addressRegion": "England", "addressCountry": "United Kingdom"}}
              ],
              "shouldDisplayCompensationOnJobPostings": true,
              "publishedAt": "2026-11-07T12:00:00.000+00:00",
              "isListed": true,
              "isRemote": false,
              "workplaceType": "Hybrid",
              "address": {"postalAddress": {"addressLocality": "London", "addressRegion": "England", "addressCountry": "United Kingdom"}},
              "jobUrl": "https://jobs.ashbyhq.com/acme/c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f",
              "applyUrl": "https://jobs.ashbyhq.com/acme/c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e6f/application",
              "descriptionHtml": "<p>Build invoicing services in Go and PostgreSQL, two days a week in the office.</p>",
              "descriptionPlain": "Build invoicing services in Go and PostgreSQL, two days a week in the office.",
              "compensation": {
                "compensationTierSummary": "£75K – £100K",
                "scrapeableCompensationSalarySummary": "£75K - £100K",
                "compensationTiers": [
                  {
                    "id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
                    "tierSummary": "£85K – £100K",
                    "title": "London",
                    "additionalInformation": null,
                    "components": [
                      {"id": "6b5a4c3d-2e1f-4b0a-9d8c-7f6e5d4c3b2a", "summary": "£85K – £100K", "compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "GBP", "minValue": 85000, "maxValue": 100000}
                    ]
                  },
                  {
                    "id": "7c6b5a4d-3f2e-4c1b-8a9d-0e1f2a3b4c5e",
                    "tierSummary": "£75K – £90K",
                    "title": "Manchester",
                    "additionalInformation": null,
                    "components": [
                      {"id": "8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a", "summary": "£75K – £90K", "compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "GBP", "minValue": 75000, "maxValue": 90000}
                    ]
                  }
                ],
                "summaryComponents": [
                  {"compensationType": "Salary", "interval": "1 YEAR", "currencyCode": "GBP", "minValue": 75000, "maxValue": 100000}
                ]
              }
            }
          ]
        }
        """#
}
