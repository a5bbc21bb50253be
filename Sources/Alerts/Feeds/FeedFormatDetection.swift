public import JSON
import Support

/// What a fetched body looks like, whatever the feed was configured as.
public enum FeedBodyKind: Sendable, Hashable, CustomStringConvertible {
    /// A body one of the formats recognizes as its own.
    case feed(FeedFormat)
    /// A web page: a login wall, an error page, a board's HTML instead of its API.
    case htmlPage
    /// JSON that no format recognizes (an empty array included: it could be any list feed).
    case json
    /// Well-begun XML whose root no format recognizes.
    case xml(root: String)
    /// Nothing but whitespace.
    case empty
    /// Not JSON, not XML, not HTML (plain text, a broken JSON document).
    case unknown

    public var description: String {
        switch self {
        case .feed(let format): format.rawValue
        case .htmlPage: "an HTML page"
        case .json: "JSON of no known feed format"
        case .xml(let root): "XML with root <\(root)>, not a feed"
        case .empty: "an empty body"
        case .unknown: "neither JSON nor XML"
        }
    }

    /// One word for machine-readable output: the format's name, or html, json, xml, empty, unknown.
    public var identifier: String {
        switch self {
        case .feed(let format): format.rawValue
        case .htmlPage: "html"
        case .json: "json"
        case .xml: "xml"
        case .empty: "empty"
        case .unknown: "unknown"
        }
    }
}

/// How a format tells its own bodies from others', on the parsed document.
public enum FeedRecognizer: Sendable {
    /// On the whole JSON document.
    case json(@Sendable (JSONValue) -> Bool)
    /// On the local name of the XML root element.
    case xmlRoot(@Sendable (String) -> Bool)
}

extension FeedFormat {
    /// Each parser owns its recognizer: a new format adds one line here.
    public var recognizer: FeedRecognizer {
        switch self {
        case .remoteOK: .json(RemoteOKFeed.recognizes)
        case .rss: .xmlRoot(RSSJobFeed.recognizes(rootElement:))
        case .simplifyJobs: .json(SimplifyJobsFeed.recognizes)
        case .greenhouse: .json(GreenhouseBoardFeed.recognizes)
        case .lever: .json(LeverPostingsFeed.recognizes)
        case .ashby: .json(AshbyJobBoardFeed.recognizes)
        }
    }
}

/// Says what a body is from its bytes alone: which feed format recognizes it, or that it is an
/// HTML page, other JSON or other XML. Pure; a JSON body is parsed whole, so callers on the
/// daemon's path ask only when a parse went wrong.
public enum FeedFormatDetection {
    public static func kind(of bytes: [UInt8]) -> FeedBodyKind {
        var start = 0
        // A UTF-8 byte order mark, then whitespace.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, isWhitespace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return .empty }
        switch bytes[start] {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard let document = try? JSONParser.parse(Array(bytes[start...])) else { return .unknown }
            return kind(ofJSON: document)
        case UInt8(ascii: "<"):
            return kind(ofMarkup: bytes, from: start)
        default:
            return .unknown
        }
    }

    public static func kind(ofJSON document: JSONValue) -> FeedBodyKind {
        for format in FeedFormat.allCases {
            if case .json(let recognizes) = format.recognizer, recognizes(document) { return .feed(format) }
        }
        return .json
    }

    /// Elements a web page may open with when it has no doctype.
    private static let htmlRoots: Set<String> = ["html", "head", "body"]

    private static func kind(ofMarkup bytes: [UInt8], from start: Int) -> FeedBodyKind {
        switch rootElement(bytes, from: start) {
        case .htmlDoctype:
            return .htmlPage
        case .element(let name):
            let localName = String(name.split(separator: ":").last ?? Substring(name))
            if htmlRoots.contains(localName.lowercased()) { return .htmlPage }
            for format in FeedFormat.allCases {
                if case .xmlRoot(let recognizes) = format.recognizer, recognizes(localName) { return .feed(format) }
            }
            return .xml(root: name)
        case .none:
            return .unknown
        }
    }

    private enum Root {
        /// `<!DOCTYPE html>`, in any case.
        case htmlDoctype
        case element(String)
    }

    /// The first thing that names the document: an HTML doctype, or the root element. Skips the
    /// XML declaration, processing instructions, comments and other doctypes before it.
    private static func rootElement(_ bytes: [UInt8], from start: Int) -> Root? {
        var index = start
        while index < bytes.count {
            if isWhitespace(bytes[index]) {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "<") else { return nil }
            if matches(bytes, at: index, "<?") {
                guard let end = bytes.firstIndex(ofBytes: "?>", from: index + 2) else { return nil }
                index = end + 2
            } else if matches(bytes, at: index, "<!--") {
                guard let end = bytes.firstIndex(ofBytes: "-->", from: index + 4) else { return nil }
                index = end + 3
            } else if matchesIgnoringCase(bytes, at: index, "<!doctype") {
                var position = index + 9
                while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
                let doctype = name(bytes, from: position)
                if doctype.lowercased() == "html" { return .htmlDoctype }
                // Another doctype (RSS 0.91 has one): the root element that follows decides.
                guard let end = endOfDoctype(bytes, from: position) else { return nil }
                index = end + 1
            } else {
                let name = name(bytes, from: index + 1)
                return name.isEmpty ? nil : .element(name)
            }
        }
        return nil
    }

    /// The `>` that closes a doctype, past any internal subset in brackets.
    private static func endOfDoctype(_ bytes: [UInt8], from start: Int) -> Int? {
        var inSubset = false
        for index in start..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): inSubset = true
            case UInt8(ascii: "]"): inSubset = false
            case UInt8(ascii: ">") where !inSubset: return index
            default: continue
            }
        }
        return nil
    }

    /// An element or doctype name: up to whitespace, `>`, `/` or `[`.
    private static func name(_ bytes: [UInt8], from start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 100 {
            let byte = bytes[end]
            if isWhitespace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "[") { break }
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    /// `lowercase` against bytes in any ASCII case.
    private static func matchesIgnoringCase(_ bytes: [UInt8], at index: Int, _ lowercase: String) -> Bool {
        let pattern = Array(lowercase.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return zip(bytes[index..<(index + pattern.count)], pattern).allSatisfy { byte, expected in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 == expected : byte == expected
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
