import Domain

extension FeedSource {
    /// The feed's body read in its format, each job credited to its employer: the feed's
    /// `company:` when configured, else the company the job names, else, for a company's own
    /// board (Greenhouse, Lever, Ashby), the board's name in the URL. Lever and Ashby answers
    /// never name the company.
    public func parse(_ bytes: [UInt8]) -> FeedParseResult {
        var result = format.parse(bytes, source: name)
        let board = format.boardName(inURL: url)
        guard company != nil || board != nil else { return result }
        for index in result.items.indices {
            result.items[index].posting.company = company ?? result.items[index].posting.company ?? board
        }
        return result
    }
}
