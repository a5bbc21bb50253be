import Domain
import Support

/// Decides, before any call, the messages whose answer is certain without a model: chatter and
/// emoji-only lines (nothing a model could find), and text written to steer a model, which the
/// rule extractor reads instead: rules cannot be talked into anything.
struct Prefilter: Sendable {
    enum Verdict: Sendable {
        /// Nothing to report: no stage word, no company, no posting.
        case chatter
        /// Instructions aimed at a model: the rule extractor's reading, which keeps only what the
        /// message honestly reports before the instructions start.
        case injection(ExtractionResult)
    }

    let rules: RuleExtractor
    /// Longer chat may describe a stage in words the lexicon lacks; the model reads it.
    static let chatterWordLimit = 12

    func verdict(_ content: String) -> Verdict? {
        let lowerText = content.lowercased()
        if Self.steersAModel(lowerText) { return .injection(rules.classify(content)) }
        let tokens = TextTokenizer.tokenize(content)
        if tokens.isEmpty { return .chatter }
        guard tokens.count <= Self.chatterWordLimit, !lowerText.containsBytes("http"), !lowerText.containsBytes("$") else {
            return nil
        }
        // A capital mid-sentence may be a company the map does not know ("interview at Foobar").
        var previousSentence = -1
        for token in tokens {
            defer { previousSentence = token.sentence }
            if token.sentence == previousSentence && token.isCapitalized && token.lower != "i" { return nil }
        }
        if !StageLexicon.mentions(in: tokens).isEmpty { return nil }
        if !rules.catalog.mentions(in: tokens).isEmpty { return nil }
        let words = Set(tokens.map(\.lower))
        if PostingParser.isPosting(tokens: tokens, words: words, lowerText: lowerText) { return nil }
        if SpamDetector.isSpam(words: words, lowerText: lowerText) { return nil }
        return .chatter
    }

    /// Phrases that only make sense addressed to a model, and the fences of our own prompt.
    static func steersAModel(_ lowerText: String) -> Bool {
        steeringPhrases.contains { lowerText.containsBytes($0) }
    }

    private static let steeringPhrases = [
        "ignore previous instruction", "ignore all previous", "ignore all prior", "ignore the previous",
        "ignore prior instruction", "ignore the above", "ignore all instructions", "ignore your instructions",
        "ignore any previous", "disregard previous", "disregard all", "disregard the above", "disregard your",
        "forget your instructions", "forget all previous", "new instructions:", "system prompt", "system message:",
        "you are now", "developer mode", "jailbreak", "<<<", ">>>", "</system>", "<system>", "[system]",
        "\"results\":", "\"kind\":", "\"updates\":",
    ]
}
