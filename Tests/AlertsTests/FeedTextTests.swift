import Alerts
import Testing

@Suite struct FeedTextTests {
    @Test func aJobDescriptionReadsAsText() {
        let html = """
            <html><head><style>p { color: red; }</style></head>
            <body>
              <h2>About&nbsp;the&nbsp;role</h2>
              <div>We&rsquo;re building   <em>developer tools</em>
                for teams of 5&ndash;50.</div>
              <script type="text/javascript">if (a < b && c > d) { track("view"); }</script>
              <ul>
                <li>3+ years of Swift or Kotlin</li>
                <li>Salary: &euro;70k&#8211;&#x20AC;90k</li>
              </ul>
              <!-- internal: do not publish -->
              <p>Apply by Friday.<br>Questions? Email jobs@example.com</p>
            </body></html>
            """
        #expect(
            FeedText.plainText(fromHTML: html) == """
                About the role

                We’re building developer tools for teams of 5–50.

                3+ years of Swift or Kotlin
                Salary: €70k–€90k

                Apply by Friday.
                Questions? Email jobs@example.com
                """)
    }

    @Test(arguments: [
        ("Tom &amp; Jerry &lt;3 &quot;cats&quot; &apos;n&apos; dogs", "Tom & Jerry <3 \"cats\" 'n' dogs"),
        ("Caf&eacute; na&iuml;ve &Eacute;cole &ntilde; &szlig; &uuml;", "Café naïve École ñ ß ü"),
        ("&ldquo;quoted&rdquo; &lsquo;single&rsquo; &hellip; &mdash; &copy; &trade;", "“quoted” ‘single’ … — © ™"),
        ("decimal &#8217; hex &#x2019; upper hex &#X2019; emoji &#128640;", "decimal ’ hex ’ upper hex ’ emoji 🚀"),
        ("Windows-1252 by number: it&#146;s &#150; done", "Windows-1252 by number: it’s – done"),
        ("AT&T R&D &unknown; &amp;amp; & alone", "AT&T R&D &unknown; &amp; & alone"),
        ("bad numbers &#0; &#xD800; &#;", "bad numbers \u{FFFD} \u{FFFD} &#;"),
    ])
    func entitiesAreDecoded(text: String, decoded: String) {
        #expect(FeedText.decodeEntities(text) == decoded)
    }

    @Test func spacesAndBlankLinesCollapseAndTheEndsAreTrimmed() {
        let html = "  <p>  one \t two  </p>\n\n\n<p></p><p>   </p><div><div><p>three</p></div></div><br><br><br><br>four  "
        #expect(FeedText.plainText(fromHTML: html) == "one two\n\nthree\n\nfour")
    }

    @Test func plainTextKeepsItsOwnLineBreaks() {
        let text = "Requirements:\r\n- Go\n- SQL\n\n\n\nPay: $120k & equity"
        #expect(FeedText.plainText(fromHTML: text) == "Requirements:\n- Go\n- SQL\n\nPay: $120k & equity")
    }

    @Test(arguments: [
        ("if a < b and c > d", "if a < b and c > d"),
        ("<3 remote work", "<3 remote work"),
        ("<p>Ends in a cut-off tag <a href=\"https://ex", "Ends in a cut-off tag"),
        ("<a href=\"/x?a=1&b=2\" title='a > b'>link</a> text", "link text"),
        ("<td>Cell</td><td>Cell</td>", "Cell Cell"),
        ("<![CDATA[kept text]]>", "kept text"),
        ("", ""),
    ])
    func markupEdgeCases(html: String, text: String) {
        #expect(FeedText.plainText(fromHTML: html) == text)
    }

    @Test(arguments: [
        ("Weâ€™re hiring", "We’re hiring"),
        ("9â€“5, no â€” never", "9–5, no — never"),
        ("â€œRemote firstâ€\u{9D}", "“Remote first”"),
        ("CafÃ© in MÃ¼nchen", "Café in München"),
        ("CrÃ¨me brÃ»lÃ©e, EspaÃ±a", "Crème brûlée, España"),
        ("ZÃ¼rich Â· Berlin", "Zürich · Berlin"),
        ("Salary:Â\u{A0}â‚¬80k", "Salary:\u{A0}€80k"),
        ("5Â days a week", "5 days a week"),
        ("Tradeâ„¢ marks", "Trade™ marks"),
        // Mangled twice: "é" → "Ã©" → "ÃƒÂ©".
        ("CafÃƒÂ©", "Café"),
        // Mojibake next to characters that were never mangled.
        ("São Paulo: Itâ€™s a café", "São Paulo: It’s a café"),
    ])
    func mojibakeIsRepaired(text: String, repaired: String) {
        #expect(FeedText.repairMojibake(text) == repaired)
    }

    @Test(arguments: [
        "São Paulo", "Ångström", "naïve café", "Zürich", "Curaçao", "„Großstraße“ in Köln", "pâte à choux",
        "“Smart quotes” — and dashes…", "🚀 Launch", "日本語の求人", "Â la carte? Ã is a letter too.", "",
        "plain ASCII text",
    ])
    func validTextIsLeftAlone(text: String) {
        #expect(FeedText.repairMojibake(text) == text)
    }
}
