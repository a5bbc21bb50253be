import Alerts
import Domain
import Extraction
import Foundation
import Testing

/// What `feeds check` makes of one body, without a server or a store.
@Suite struct FeedCheckTests {
    static let normalizer = PostingNormalizer(catalog: .empty)
    static let remoteOK = FeedSource(name: "remoteok", format: .remoteOK, url: "https://remoteok.com/api", interval: .seconds(3_600))

    @Test func skippedItemsAreGroupedByReasonLargestFirstWithAFewExamples() {
        let problems = [
            FeedItemProblem(index: 2, reason: "no title"), FeedItemProblem(index: 4, reason: "expected an object, found a number"),
            FeedItemProblem(index: 5, reason: "no title"), FeedItemProblem(index: 8, reason: "no title"),
            FeedItemProblem(index: 9, reason: "no title"), FeedItemProblem(index: 11, reason: "title is empty or not a string"),
        ]
        #expect(
            FeedCheck.SkipGroup.groups(of: problems) == [
                FeedCheck.SkipGroup(reason: "no title", count: 4, examples: [2, 5, 8]),
                FeedCheck.SkipGroup(reason: "expected an object, found a number", count: 1, examples: [4]),
                FeedCheck.SkipGroup(reason: "title is empty or not a string", count: 1, examples: [11]),
            ])
        #expect(FeedCheck.SkipGroup.groups(of: []).isEmpty)
    }

    @Test func aFeedOfTheConfiguredFormatIsCountedItemByItem() {
        let check = FeedCheck.of(
            body: Array(FeedRemoteOKTests.feed.utf8), feed: Self.remoteOK, normalizer: Self.normalizer, now: 1_800_000_000_000)
        #expect(check.status == .ok && check.detected == .feed(.remoteOK) && check.error == nil)
        #expect(check.items == 2 && check.postings == 2 && check.closed == 0)
        #expect(check.skippedCount == 3)
        #expect(check.skipped.map(\.reason) == ["no position", "position is empty or not a string", "expected an object, found a number"])
    }

    @Test func closedListingsAreItemsButNotPostings() {
        let simplify = FeedSource(
            name: "simplify", format: .simplifyJobs, url: "https://example.com/listings.json", interval: .seconds(3_600))
        let check = FeedCheck.of(
            body: Array(FeedSimplifyJobsTests.listings.utf8), feed: simplify, normalizer: Self.normalizer, now: 1_800_000_000_000)
        #expect(check.status == .ok)
        #expect(check.items == 4 && check.closed == 2 && check.postings == 2)
    }

    @Test func aBodyOfAnotherFormatFailsAndSaysWhatItIs() {
        let check = FeedCheck.of(
            body: Array(FeedSimplifyJobsTests.listings.utf8), feed: Self.remoteOK, normalizer: Self.normalizer, now: 1_800_000_000_000)
        #expect(check.status == .failed && check.detected == .feed(.simplifyJobs))
        #expect(check.error == "this looks like a simplify feed, not remoteok")
    }

    @Test func aBodyNoFormatRecognizesIsAFormatThatDiffers() {
        let check = FeedCheck.of(body: Array("[]".utf8), feed: Self.remoteOK, normalizer: Self.normalizer, now: 1_800_000_000_000)
        #expect(check.status == .formatDiffers && check.error == nil && check.detected == .json && check.items == 0)
    }

    @Test func aFailedFetchIsAFailure() {
        let check = FeedCheck.failed(Self.remoteOK, reason: "HTTP 503 from feed host remoteok.com")
        #expect(check.status == .failed && check.detected == nil && check.error == "HTTP 503 from feed host remoteok.com")
    }
}
