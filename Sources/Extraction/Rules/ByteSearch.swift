extension String {
    /// Substring search on the UTF-8 bytes. Foundation's `contains` goes through NSString and
    /// locale-aware comparison, which made it the rule extractor's largest cost; the extractor only
    /// ever looks for exact lower-case text in chat-sized messages, so a plain byte scan gives the
    /// same answer for far less.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard text.count >= pattern.count else { return false }
                var index = 0
                let last = text.count - pattern.count
                while index <= last {
                    if text[index] == first {
                        var offset = 1
                        while offset < pattern.count && text[index + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
