import JSON
import JSONSchema
import Testing

@Suite struct FormatTests {
    @Test func formatIsOnlyAnAnnotationByDefault() throws {
        for format in ["date", "date-time", "email", "uri", "uuid"] {
            try expectValidity(of: "{\"format\": \"\(format)\"}", [(#""certainly not valid""#, true)])
        }
    }

    @Test func unknownFormatsAreIgnoredEvenWhenAsserting() throws {
        try expectValidity(of: #"{"format": "credit-card"}"#, assertFormat: true, [(#""anything""#, true)])
    }

    @Test func formatsOnlyApplyToStrings() throws {
        try expectValidity(
            of: #"{"format": "date"}"#, assertFormat: true,
            [("12", true), ("13.7", true), ("{}", true), ("[]", true), ("false", true), ("null", true)])
    }

    @Test func date() throws {
        try expectValidity(
            of: #"{"format": "date"}"#, assertFormat: true,
            [
                (#""1963-06-19""#, true), (#""2020-01-31""#, true), (#""2020-02-29""#, true), (#""2000-02-29""#, true),
                (#""0001-01-01""#, true),
                (#""2021-02-29""#, false), (#""1900-02-29""#, false), (#""2020-04-31""#, false), (#""2020-01-32""#, false),
                (#""2020-13-01""#, false), (#""2020-00-10""#, false), (#""2020-01-00""#, false), (#""2020-1-01""#, false),
                (#""20200101""#, false), (#""2023-W01""#, false), (#""2020-01-01T00:00:00Z""#, false), (#"" 2020-01-01""#, false),
                (#""1963-06-1\u09ea""#, false), (#""+2020-01-01""#, false), (#""""#, false),
            ])
    }

    @Test func dateTime() throws {
        try expectValidity(
            of: #"{"format": "date-time"}"#, assertFormat: true,
            [
                (#""1963-06-19T08:30:06.283185Z""#, true), (#""1963-06-19T08:30:06Z""#, true), (#""1937-01-01T12:00:27.87+00:20""#, true),
                (#""1990-12-31T15:59:50.123-08:00""#, true), (#""1963-06-19t08:30:06.283185z""#, true),
                (#""1985-04-12T00:59:59.999999999999999Z""#, true),
                (#""1990-02-31T15:59:59.123-08:00""#, false), (#""1990-12-31T15:59:59-24:00""#, false), (#""1990-12-31T24:00:00Z""#, false),
                (#""1990-12-31T15:60:00Z""#, false), (#""1990-12-31T10:00:00+10:60""#, false), (#""06/19/1963 08:30:06 PST""#, false),
                (#""1963-06-19T08:30:06""#, false), (#""1963-06-19 08:30:06Z""#, false), (#""1963-06-19T08:30:06.Z""#, false),
                (#""1985-04-12T23:20:50+01""#, false), (#""1985-04-12T23:20:50Z\n""#, false),
                (#""1963-06-19T08:30:06.28123+01:00Z""#, false),
            ])
    }

    @Test func leapSecondsOnlyAt235960UTC() throws {
        try expectValidity(
            of: #"{"format": "date-time"}"#, assertFormat: true,
            [
                (#""1998-12-31T23:59:60Z""#, true), (#""1998-12-31T15:59:60.123-08:00""#, true), (#""1998-12-31T23:59:60+00:00""#, true),
                (#""1998-12-31T23:59:61Z""#, false), (#""1998-12-31T23:58:60Z""#, false), (#""1998-12-31T22:59:60Z""#, false),
                (#""1998-12-31T23:59:60+01:00""#, false), (#""2016-12-31T24:59:60+01:00""#, false),
            ])
        try expectValidity(
            of: #"{"format": "time"}"#, assertFormat: true,
            [
                (#""01:29:60+01:30""#, true), (#""00:29:60-23:30""#, true), (#""23:59:60-00:30""#, false), (#""12:00:00""#, false),
            ])
    }

    @Test func email() throws {
        try expectValidity(
            of: #"{"format": "email"}"#, assertFormat: true,
            [
                (#""joe.bloggs@example.com""#, true), (#""te~st@example.com""#, true), (#""te.s.t@example.com""#, true),
                (#""\"joe bloggs\"@example.com""#, true), (#""\"joe@bloggs\"@example.com""#, true),
                (#""joe.bloggs@[127.0.0.1]""#, true), (#""joe.bloggs@[IPv6:::1]""#, true), (#""a+tag@sub.example.co.uk""#, true),
                (#"".test@example.com""#, false), (#""test.@example.com""#, false), (#""te..st@example.com""#, false),
                (#""2962""#, false), (#""@example.com""#, false), (#""joe.bloggs@""#, false), (#""joe bloggs@example.com""#, false),
                (#""joe.bloggs@invalid=domain.com""#, false), (#""joe.bloggs@[127.0.0.300]""#, false), (#""a@b@example.com""#, false),
                (#""user1@oceania.org, user2@oceania.org""#, false), (#""j\u00f6e@example.com""#, false),
            ])
    }

    @Test func uri() throws {
        try expectValidity(
            of: #"{"format": "uri"}"#, assertFormat: true,
            [
                (#""http://foo.bar/?baz=qux#quux""#, true), (#""http://foo.com/blah_(wikipedia)_blah#cite-1""#, true),
                (#""http://foo.bar/?q=Test%20URL-encoded%20stuff""#, true),
                (#""http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com""#, true),
                (#""http://223.255.255.254""#, true), (#""ldap://[2001:db8::7]/c=GB?objectClass?one""#, true),
                (#""mailto:John.Doe@example.com""#, true), (#""urn:oasis:names:specification:docbook:dtd:xml:4.1.2""#, true),
                (#""tel:+1-816-555-1212""#, true), (#""file:///etc/hosts""#, true),
                (#""//foo.bar/?baz=qux#quux""#, false), (#""/abc""#, false), (#""abc""#, false), (#""http:// shouldfail.com""#, false),
                (#"":// should fail""#, false), (#""bar,baz:foo""#, false), (#""https://[@example.org/test.txt""#, false),
                (#""https://example.org/foobar\u00ae.txt""#, false), (#""https://example.org/foo bar.txt""#, false),
                (#""https://example.org/foobar<>.txt""#, false), (#""http://example.com/%6G""#, false), (#""http://example.com/%""#, false),
                (#""1http://example.com""#, false), (#""http://example.com:abc/path""#, false), (#""http://[::ffff:01.2.3.4]""#, false),
                (#""http:/[::1]""#, false),
            ])
    }

    @Test func uuid() throws {
        try expectValidity(
            of: #"{"format": "uuid"}"#, assertFormat: true,
            [
                (#""2EB8AA08-AA98-11EA-B4AA-73B441D16380""#, true), (#""2eb8aa08-aa98-11ea-b4aa-73b441d16380""#, true),
                (#""00000000-0000-0000-0000-000000000000""#, true), (#""99c17cbb-656f-f64a-940f-1a4568f03487""#, true),
                (#""2eb8aa08-aa98-11ea-b4aa-73b441d1638""#, false), (#""2eb8aa08aa9811eab4aa73b441d16380""#, false),
                (#""2eb8aa08-aa98-11ea-b4ga-73b441d16380""#, false), (#""2eb8aa0-8aa98-11e-ab4aa7-3b441d16380""#, false),
                (#""urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380""#, false), (#""{2eb8aa08-aa98-11ea-b4aa-73b441d16380}""#, false),
            ])
    }

    @Test func messageSaysWhatWasExpected() throws {
        #expect(
            try violationLines(
                of: #"{"when": "2024-02-30"}"#, against: #"{"properties": {"when": {"format": "date"}}}"#, assertFormat: true)
                == [#"/when: "2024-02-30" is not a valid date (expected an RFC 3339 full-date, YYYY-MM-DD)"#])
        #expect(try violations(of: #""x""#, against: #"{"format": "uuid"}"#, assertFormat: true).map(\.keyword) == ["format"])
    }
}
