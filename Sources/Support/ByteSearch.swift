/// Substring search on UTF-8 bytes. Foundation's `contains` goes through NSString and
/// locale-aware comparison, which made it the rule extractor's largest cost; the extractor and the
/// feed readers only ever look for exact text, so a plain byte scan gives the same answer for far
/// less.
public enum ByteSearch {
    /// Where `needle` first starts in `haystack` at or after `start`; nil when nowhere. An empty
    /// needle is found at `start`.
    public static func firstIndex(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        guard start >= 0, start <= haystack.count else { return nil }
        guard let first = needle.first else { return start }
        guard haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Where `needle` first starts at or after `start`; nil when nowhere.
    public func firstIndex(ofBytes needle: StaticString, from start: Int = 0) -> Int? {
        needle.withUTF8Buffer { pattern in
            withUnsafeBufferPointer { text in ByteSearch.firstIndex(of: pattern, in: text, from: start) }
        }
    }
}

extension String {
    /// Whether `needle` occurs in this text, byte for byte.
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in ByteSearch.firstIndex(of: pattern, in: text, from: 0) != nil }
        }
    }
}
