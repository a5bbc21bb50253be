import Discord
import JSON
import Testing

@testable import HiringPulseTesting

/// The bodies the bot sends, byte for byte as they were built before they had a type, and within
/// the limits the fake Discord holds them to.
@Suite struct MessagePayloadTests {
    @Test func anInteractionAnswerNamesEveryPartSoThatItReplacesTheMessage() {
        let notice = InteractionReply.notice("no such company")
        #expect(
            notice.messageJSON.serialized
                == #"{"content":"no such company","embeds":[],"components":[],"attachments":[],"allowed_mentions":{"parse":[]},"flags":64}"#
        )
        let paged = InteractionReply(
            embeds: [Embed(title: "Jobs")], components: [ActionRow([("Next", "jobs:page:1", .secondary, false)])])
        #expect(
            paged.messageJSON.serialized
                == #"{"content":null,"embeds":[{"title":"Jobs"}],"components":[{"type":1,"components":[{"type":2,"label":"Next","style":2,"custom_id":"jobs:page:1","disabled":false}]}],"attachments":[],"allowed_mentions":{"parse":[]}}"#
        )
    }

    @Test func aChannelMessageLeavesOutWhatItHasNotAndKeepsANonceDiscordTakes() {
        #expect(
            MessagePayload(content: "weekly report", nonce: "hp-report-1").jsonValue.serialized
                == #"{"content":"weekly report","allowed_mentions":{"parse":[]},"nonce":"hp-report-1","enforce_nonce":true}"#)
        let tooLong = String(repeating: "n", count: 26)
        #expect(MessagePayload(content: "x", nonce: tooLong).jsonValue["nonce"] == nil)
    }

    @Test func contentAndButtonsAreKeptWithinDiscordsLimits() {
        let long = MessagePayload(content: String(repeating: "🎉", count: 2_500)).jsonValue
        #expect(long["content"]?.stringValue?.unicodeScalars.count == 2_000)
        #expect(FakeMessageLimits.violation(in: long) == nil)
        let buttons = (0..<7).map {
            (label: String(repeating: "l", count: 90), id: "b:\($0)", style: ActionRow.Style.primary, disabled: false)
        }
        let row = ActionRow(buttons).jsonValue["components"]?.arrayValue ?? []
        #expect(row.count == 5)
        #expect(row.allSatisfy { $0["label"]?.stringValue?.count == 80 })
    }

    @Test(arguments: [
        (InteractionCallback.deferred(ephemeral: true), #"{"type":5,"data":{"flags":64}}"#),
        (.deferred(ephemeral: false), #"{"type":5,"data":{}}"#), (.deferredUpdate, #"{"type":6}"#),
        (.autocomplete([("Jane Street", "jane-street")]), #"{"type":8,"data":{"choices":[{"name":"Jane Street","value":"jane-street"}]}}"#),
        (
            .message(.notice("ok")),
            #"{"type":4,"data":{"content":"ok","embeds":[],"components":[],"attachments":[],"allowed_mentions":{"parse":[]},"flags":64}}"#
        ),
    ])
    func callbacksAreDiscordsCallbackTypes(callback: InteractionCallback, json: String) {
        #expect(callback.jsonValue.serialized == json)
    }

    @Test func aFileGoesWithTheAnswerAndItsEmbedShowsIt() {
        let reply = InteractionReply(
            embeds: [Embed(title: "Trends", imageURL: "attachment://trends.png")],
            files: [DiscordFile(name: "trends.png", contentType: "image/png", data: [0x89, 0x50])])
        let callback = InteractionCallback.message(reply)
        #expect(callback.files.map(\.name) == ["trends.png"])
        #expect(
            callback.jsonValue.serialized
                == #"{"type":4,"data":{"content":null,"embeds":[{"title":"Trends","image":{"url":"attachment://trends.png"}}],"components":[],"attachments":[{"id":0,"filename":"trends.png"}],"allowed_mentions":{"parse":[]}}}"#
        )
        // An edit that replaces the message keeps only the files it lists.
        #expect(InteractionReply(content: "text only").payload.jsonValue["attachments"] == .array([]))
    }
}
