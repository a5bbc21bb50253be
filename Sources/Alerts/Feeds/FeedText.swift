import Support

/// Cleaning the text feeds send: HTML made plain, entities decoded, UTF-8 that was decoded as
/// Windows-1252 ("â€™") repaired. It works on UTF-8 bytes rather than Characters, since a feed
/// can carry megabytes of descriptions.
public enum FeedText {
    /// The text a reader would see: tags stripped, `<script>` and `<style>` contents dropped,
    /// block elements (`<p>`, `<div>`, `<li>`, `<br>`, headings…) turned into line breaks, entities
    /// decoded, runs of spaces and of blank lines collapsed, the result trimmed.
    ///
    /// Text without any markup keeps its own line breaks; in HTML, as in a browser, a newline in
    /// the source is just a space.
    public static func plainText(fromHTML html: String) -> String {
        let input = Array(html.utf8)
        let hasMarkup = containsMarkup(input)
        var writer = PlainTextWriter(capacity: input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "<"):
                guard let tag = scanTag(input, at: index) else {
                    writer.text(byte)
                    index += 1
                    continue
                }
                index = tag.end
                switch tag.kind {
                case .cdata(let range): writer.literal(input[range])
                case .other: break
                case .element(let name, let isClosing):
                    apply(element: name, to: &writer)
                    if !isClosing, name == "script" || name == "style" {
                        index = closingTag(named: name, in: input, from: index) ?? input.count
                    }
                }
            case UInt8(ascii: "&"):
                if let entity = decodeEntity(input, at: index) {
                    writer.decoded(entity.replacement)
                    index = entity.end
                } else {
                    writer.text(byte)
                    index += 1
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
                writer.space()
                index += 1
            case UInt8(ascii: "\n"):
                if hasMarkup { writer.space() } else { writer.lineBreak() }
                index += 1
            case 0xC2 where index + 1 < input.count && input[index + 1] == 0xA0:
                // A no-break space is a space to whoever reads or searches the text.
                writer.space()
                index += 2
            default:
                writer.text(byte)
                index += 1
            }
        }
        return writer.finish()
    }

    /// Decodes named (`&eacute;`), decimal (`&#8217;`) and hex (`&#x2019;`) character references
    /// and nothing else. Unknown names are left as written.
    public static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "&"), let entity = decodeEntity(input, at: index) {
                output.append(contentsOf: entity.replacement)
                index = entity.end
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Field helpers for the parsers

    /// A one-line field (title, company, location): repaired, entities decoded, whitespace
    /// collapsed to single spaces; nil when nothing is left.
    static func line(_ text: String?) -> String? {
        guard let text else { return nil }
        let line = collapsingWhitespace(decodeEntities(repairMojibake(text)))
        return line.isEmpty ? nil : line
    }

    /// A description: repaired, then made plain; nil when nothing is left.
    static func body(_ html: String?) -> String? {
        guard let html else { return nil }
        let text = plainText(fromHTML: repairMojibake(html))
        return text.isEmpty ? nil : text
    }

    /// Tags and the like in their first order, each once.
    static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }

    // MARK: - Whitespace
    // On bytes rather than Characters: Foundation's trimming and Character.isWhitespace cost
    // microseconds a call, and a large feed has a hundred thousand fields.

    /// Leading and trailing whitespace (Unicode's, no-break spaces included) removed.
    static func trimmed(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var end = utf8.count
        while let length = whitespaceLength(endingAt: end, in: utf8) { end -= length }
        var start = 0
        while start < end, let length = whitespaceLength(at: start, in: utf8) { start += length }
        guard start > 0 || end < utf8.count else { return text }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Trimmed, with every run of whitespace inside turned into one space.
    static func collapsingWhitespace(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var pendingSpace = false
        var changed = false
        var index = 0
        while index < utf8.count {
            if let length = whitespaceLength(at: index, in: utf8) {
                // Anything but one plain space between two words is a change.
                if pendingSpace || output.isEmpty || length != 1 || utf8[index] != UInt8(ascii: " ") { changed = true }
                pendingSpace = true
                index += length
                continue
            }
            if pendingSpace, !output.isEmpty { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            output.append(utf8[index])
            index += 1
        }
        if pendingSpace { changed = true }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// The length in bytes of the whitespace character starting at `index`, or nil.
    private static func whitespaceLength(at index: Int, in utf8: [UInt8]) -> Int? {
        guard index < utf8.count else { return nil }
        let byte = utf8[index]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : nil }
        guard index + 1 < utf8.count else { return nil }
        let second = utf8[index + 1]
        if byte == 0xC2 { return second == 0xA0 || second == 0x85 ? 2 : nil }
        guard index + 2 < utf8.count, byte == 0xE1 || byte == 0xE2 || byte == 0xE3 else { return nil }
        switch (byte, second, utf8[index + 2]) {
        case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F),
            (0xE1, 0x9A, 0x80), (0xE3, 0x80, 0x80):
            return 3
        default:
            return nil
        }
    }

    /// The length of the whitespace character that ends just before `end`, or nil.
    private static func whitespaceLength(endingAt end: Int, in utf8: [UInt8]) -> Int? {
        for length in 1...3 where end - length >= 0 {
            if whitespaceLength(at: end - length, in: utf8) == length { return length }
        }
        return nil
    }

    // MARK: - HTML

    /// Collects the output with whitespace decided lazily: spaces and line breaks are only
    /// written once more text follows, so runs collapse and the ends come out trimmed.
    private struct PlainTextWriter {
        private var bytes: [UInt8] = []
        private var pendingBreaks = 0
        private var pendingSpace = false

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func text(_ byte: UInt8) {
            if pendingBreaks > 0 || pendingSpace { flushWhitespace() }
            bytes.append(byte)
        }

        /// Text taken as it is (a CDATA section), its whitespace still collapsing.
        mutating func literal(_ run: ArraySlice<UInt8>) {
            for byte in run {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): space()
                default: text(byte)
                }
            }
        }

        /// A decoded entity: the typographic spaces (`&nbsp;`, `&emsp;`…) count as spaces.
        mutating func decoded(_ replacement: [UInt8]) {
            if Self.spaces.contains(replacement) {
                space()
            } else {
                for byte in replacement { text(byte) }
            }
        }

        private static let spaces: Set<[UInt8]> = Set(["\u{A0}", "\u{2002}", "\u{2003}", "\u{2009}"].map { Array($0.utf8) })

        mutating func space() { pendingSpace = true }

        /// `<br>` and newlines in plain text: two in a row make a blank line, more do not.
        mutating func lineBreak() { pendingBreaks = min(pendingBreaks + 1, 2) }

        /// A block element's edge: 1 for a line break, 2 for a paragraph break. Adjacent edges
        /// (`</li><li>`, `</p><p>`) do not add up.
        mutating func blockBoundary(_ breaks: Int) { pendingBreaks = max(pendingBreaks, breaks) }

        private mutating func flushWhitespace() {
            if !bytes.isEmpty {
                if pendingBreaks > 0 {
                    bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingBreaks))
                } else {
                    bytes.append(UInt8(ascii: " "))
                }
            }
            pendingBreaks = 0
            pendingSpace = false
        }

        consuming func finish() -> String { String(decoding: bytes, as: UTF8.self) }
    }

    private static let paragraphElements: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre",
    ]
    private static let lineElements: Set<String> = [
        "div", "li", "dt", "dd", "tr", "hr", "section", "article", "header", "footer", "main", "aside", "nav",
        "figure", "figcaption", "address", "form", "fieldset", "details", "summary",
    ]

    /// Opening and closing tags alike mark a block's edge.
    private static func apply(element name: String, to writer: inout PlainTextWriter) {
        if name == "br" {
            writer.lineBreak()
        } else if paragraphElements.contains(name) {
            writer.blockBoundary(2)
        } else if lineElements.contains(name) {
            writer.blockBoundary(1)
        } else if name == "td" || name == "th" {
            writer.space()
        }
    }

    private enum TagKind {
        case element(name: String, isClosing: Bool)
        case cdata(Range<Int>)
        /// Comments, doctypes, processing instructions: dropped.
        case other
    }

    /// The tag starting at `start` (a "<"), or nil when the "<" is just text ("a < b", "<3").
    private static func scanTag(_ input: [UInt8], at start: Int) -> (kind: TagKind, end: Int)? {
        var index = start + 1
        guard index < input.count else { return nil }
        switch input[index] {
        case UInt8(ascii: "!"):
            if hasPrefix(input, at: start, "<!--") {
                let end = input.firstIndex(ofBytes: "-->", from: start + 4).map { $0 + 3 } ?? input.count
                return (.other, end)
            }
            if hasPrefix(input, at: start, "<![CDATA[") {
                let contentStart = start + 9
                let contentEnd = input.firstIndex(ofBytes: "]]>", from: contentStart) ?? input.count
                return (.cdata(contentStart..<contentEnd), min(contentEnd + 3, input.count))
            }
            return (.other, endOfTag(input, from: index))
        case UInt8(ascii: "?"):
            return (.other, endOfTag(input, from: index))
        case UInt8(ascii: "/"):
            index += 1
            guard index < input.count, isASCIILetter(input[index]) else { return nil }
            let (name, nameEnd) = tagName(input, from: index)
            return (.element(name: name, isClosing: true), endOfTag(input, from: nameEnd))
        case let byte where isASCIILetter(byte):
            let (name, nameEnd) = tagName(input, from: index)
            return (.element(name: name, isClosing: false), endOfTag(input, from: nameEnd))
        default:
            return nil
        }
    }

    private static func tagName(_ input: [UInt8], from start: Int) -> (String, Int) {
        var end = start
        while end < input.count,
            isASCIILetter(input[end]) || isASCIIDigit(input[end])
                || input[end] == UInt8(ascii: "-") || input[end] == UInt8(ascii: ":")
        {
            end += 1
        }
        return (String(decoding: input[start..<end], as: UTF8.self).lowercased(), end)
    }

    /// Just past the ">" that closes a tag, skipping quoted attribute values (which may hold a
    /// ">"); the end of the input for a tag cut off there, as a browser drops it.
    private static func endOfTag(_ input: [UInt8], from start: Int) -> Int {
        var index = start
        var quote: UInt8?
        var afterEquals = false
        while index < input.count {
            let byte = input[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            } else if afterEquals, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            }
            // Quotes only open a value right after "=", so a stray apostrophe cannot swallow the rest.
            if byte == UInt8(ascii: "=") {
                afterEquals = true
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n") {
                afterEquals = false
            }
            index += 1
        }
        return input.count
    }

    /// The start of `</name` (any case) at or after `start`.
    private static func closingTag(named name: String, in input: [UInt8], from start: Int) -> Int? {
        let pattern = Array("</\(name)".utf8)
        var index = start
        while let candidate = input.firstIndex(ofBytes: "<", from: index) {
            if candidate + pattern.count <= input.count,
                zip(input[candidate..<(candidate + pattern.count)], pattern).allSatisfy({ asciiLowercase($0) == $1 })
            {
                return candidate
            }
            index = candidate + 1
        }
        return nil
    }

    private static func containsMarkup(_ input: [UInt8]) -> Bool {
        var index = 0
        while let candidate = input.firstIndex(ofBytes: "<", from: index) {
            if scanTag(input, at: candidate) != nil { return true }
            index = candidate + 1
        }
        return false
    }

    // MARK: - Entities

    /// The character reference starting at `start` (an "&"): its UTF-8 replacement and where it
    /// ends. Nil when it is not one (a lone "&", "AT&T", an unknown name).
    private static func decodeEntity(_ input: [UInt8], at start: Int) -> (replacement: [UInt8], end: Int)? {
        var index = start + 1
        guard index < input.count else { return nil }
        if input[index] == UInt8(ascii: "#") {
            index += 1
            let isHex = index < input.count && (input[index] == UInt8(ascii: "x") || input[index] == UInt8(ascii: "X"))
            if isHex { index += 1 }
            let digitsStart = index
            var value: UInt32 = 0
            while index < input.count, index - digitsStart < 8, let digit = digitValue(input[index], hex: isHex) {
                value = value * (isHex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            // The semicolon is optional for numeric references, as browsers read them.
            if index < input.count, input[index] == UInt8(ascii: ";") { index += 1 }
            return (Array(String(numericReference(value)).utf8), index)
        }
        let nameStart = index
        while index < input.count, index - nameStart <= 32, isASCIILetter(input[index]) || isASCIIDigit(input[index]) {
            index += 1
        }
        guard index > nameStart, index < input.count, input[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: input[nameStart..<index], as: UTF8.self)
        guard let replacement = FeedCharacterTables.htmlEntities[name] else { return nil }
        return (Array(replacement.utf8), index + 1)
    }

    /// What a numeric reference stands for: 128–159 as Windows-1252 (as HTML specifies, since
    /// "&#146;" almost always meant a curly apostrophe), anything invalid as U+FFFD.
    private static func numericReference(_ value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value) { return FeedCharacterTables.windows1252High[Int(value - 0x80)] }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    // MARK: - Bytes

    private static func hasPrefix(_ input: [UInt8], at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= input.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            buffer.indices.allSatisfy { asciiLowercase(input[start + $0]) == asciiLowercase(buffer[$0]) }
        }
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
