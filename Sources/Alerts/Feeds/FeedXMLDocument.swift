import Foundation
import Support

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element, with as much of XML as reading a feed needs. Names are kept as written,
/// prefix included (`dc:creator`): feeds use prefixes they never declare, so namespace
/// processing would only add ways to fail.
struct FeedXMLElement {
    var name: String
    var attributes: [String: String]
    /// The element's own character data and CDATA, without its children's.
    var text = ""
    var children: [FeedXMLElement] = []
    /// Where in the parent's `text` (in UTF-8 bytes) this element began, to put mixed content
    /// (Atom's XHTML) back together.
    var offsetInParent = 0

    /// The name without its prefix: `encoded` for `content:encoded`.
    var localName: Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// `text` trimmed; nil when empty.
    var trimmedText: String? {
        let trimmed = FeedText.trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The first child called one of `names` (as written) that has text, trying the names in order.
    func firstText(_ names: [String]) -> String? {
        for name in names {
            for child in children where child.name == name {
                if let text = child.trimmedText { return text }
            }
        }
        return nil
    }

    func children(localName: String) -> [FeedXMLElement] {
        children.filter { $0.localName == localName }
    }

    /// The children and text written back as markup, for content that is itself XHTML.
    var innerMarkup: String {
        var markup = ""
        let text = Array(self.text.utf8)
        var position = 0
        for child in children {
            let offset = min(max(child.offsetInParent, position), text.count)
            markup += Self.escaped(String(decoding: text[position..<offset], as: UTF8.self))
            position = offset
            let attributes = child.attributes.sorted { $0.key < $1.key }
                .map { " \($0.key)=\"\(Self.escaped($0.value))\"" }.joined()
            markup += "<\(child.localName)\(attributes)>\(child.innerMarkup)</\(child.localName)>"
        }
        markup += Self.escaped(String(decoding: text[position...], as: UTF8.self))
        return markup
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Reads a whole document into `FeedXMLElement`s with Foundation's `XMLParser`.
enum FeedXMLDocument {
    struct SyntaxError: Error {
        var reason: String
    }

    static func parse(_ bytes: [UInt8]) -> Result<FeedXMLElement, SyntaxError> {
        guard bytes.contains(where: { !isXMLWhitespace($0) }) else { return .failure(SyntaxError(reason: "empty body")) }
        let parser = XMLParser(data: Data(withHTMLEntitiesAsReferences(bytes)))
        // Never fetch a DTD or external entity a feed names.
        parser.shouldResolveExternalEntities = false
        let builder = FeedXMLTreeBuilder()
        parser.delegate = builder
        let succeeded = parser.parse()
        guard succeeded else { return .failure(SyntaxError(reason: builder.problemDescription)) }
        // libxml2 does not always report a document that stops midway, so check for open elements.
        if let unclosed = builder.unclosedElement {
            return .failure(SyntaxError(reason: "the XML ends before <\(unclosed)> is closed (cut off?)"))
        }
        guard let root = builder.root else { return .failure(SyntaxError(reason: "no XML element in the body")) }
        return .success(root)
    }

    /// HTML entity names (`&nbsp;`, `&rsquo;`) written as character references. Feeds use them
    /// in titles and unescaped descriptions, XML does not define them, and `XMLParser` gives up
    /// at the first. CDATA sections and comments are left alone, and so is a document with a
    /// DTD of its own, which may declare them.
    static func withHTMLEntitiesAsReferences(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.firstIndex(ofBytes: "<!DOCTYPE") == nil else { return bytes }
        var output: [UInt8]?
        var copied = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                if startsWith(bytes, "<![CDATA[", at: index) {
                    index = bytes.firstIndex(ofBytes: "]]>", from: index + 9).map { $0 + 3 } ?? bytes.count
                } else if startsWith(bytes, "<!--", at: index) {
                    index = bytes.firstIndex(ofBytes: "-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                } else {
                    index += 1
                }
            case UInt8(ascii: "&"):
                var end = index + 1
                while end < bytes.count, end - index <= 32, isASCIILetterOrDigit(bytes[end]) { end += 1 }
                guard end > index + 1, end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
                    index += 1
                    continue
                }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                guard !FeedCharacterTables.xmlEntities.contains(name),
                    let replacement = FeedCharacterTables.htmlEntities[name]
                else {
                    index = end + 1
                    continue
                }
                if output == nil {
                    output = []
                    output?.reserveCapacity(bytes.count + 64)
                }
                output?.append(contentsOf: bytes[copied..<index])
                for scalar in replacement.unicodeScalars { output?.append(contentsOf: Array("&#\(scalar.value);".utf8)) }
                index = end + 1
                copied = index
            default:
                index += 1
            }
        }
        guard var output else { return bytes }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    private static func isXMLWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }

    private static func startsWith(_ bytes: [UInt8], _ prefix: StaticString, at start: Int) -> Bool {
        prefix.withUTF8Buffer { buffer in
            start + buffer.count <= bytes.count && buffer.indices.allSatisfy { bytes[start + $0] == buffer[$0] }
        }
    }

}

/// Builds the element tree from `XMLParser`'s callbacks. It lives only inside one synchronous
/// `parse()` call, so it needs no synchronization.
private final class FeedXMLTreeBuilder: NSObject, XMLParserDelegate {
    private(set) var root: FeedXMLElement?
    private var open: [FeedXMLElement] = []
    private var problems: [(code: Int, line: Int, column: Int)] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let offset = open.last?.text.utf8.count ?? 0
        open.append(FeedXMLElement(name: elementName, attributes: attributes, offsetInParent: offset))
    }

    /// The innermost element still open when the parser stopped.
    var unclosedElement: String? { open.last?.name }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = open.popLast() else { return }
        if open.isEmpty {
            root = element
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        problems.append(((error as NSError).code, parser.lineNumber, parser.columnNumber))
    }

    /// One line about the first real error. libxml2 also reports undeclared namespace prefixes
    /// (codes 200 and up), which do not stop it and are not the reason it failed.
    var problemDescription: String {
        guard let problem = problems.first(where: { $0.code < 200 }) ?? problems.first else {
            return "the XML is not well-formed"
        }
        let what = Self.messages[problem.code] ?? "XML error \(problem.code)"
        return "the XML is not well-formed at line \(problem.line), column \(problem.column): \(what)"
    }

    /// libxml2's error codes (which `XMLParser` passes on) for the mistakes feeds make.
    private static let messages: [Int: String] = [
        4: "no XML element where the document should start",
        5: "extra content after the root element",
        9: "a character XML does not allow",
        23: "an entity reference without its ';'",
        26: "an undefined entity",
        38: "a '<' inside an attribute value",
        39: "an attribute value without quotes",
        40: "an unclosed attribute value",
        41: "an attribute without a value",
        42: "an attribute given twice",
        45: "an unclosed comment",
        63: "an unclosed CDATA section",
        68: "a missing element or attribute name",
        73: "a missing '>'",
        76: "a closing tag that does not match the open element",
        77: "the document ends inside an element",
        85: "unbalanced elements",
    ]
}
