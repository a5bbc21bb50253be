import Domain
import Support

/// Recognizes the spam that recruiting servers get: crypto pumps, Nitro giveaways, paid referrals,
/// account and question-bank selling, "earn $500/day". Works on words, not on patterns, so it costs
/// next to nothing per message.
enum SpamDetector {
    static func isSpam(words: Set<String>, lowerText: String) -> Bool {
        // Each of the message's words is looked up once, in all the lists at the same time.
        var found: Lists = []
        for word in words {
            if let lists = listsOfWord[word] { found.formUnion(lists) }
        }
        func any(_ list: Lists) -> Bool { !found.isDisjoint(with: list) }
        let mentionsMoney = lowerText.containsBytes("$") || any(.money)
        let asksForMessage = any(.directMessage)

        if any(.crypto) && any(.cryptoLures) { return true }
        if any(.nitro) && any(.nitroLures) { return true }
        if any(.giveaways) && (any(.giveawayLures) || asksForMessage || lowerText.containsBytes("http")) { return true }
        if any(.referrals) && (mentionsMoney || any(.selling)) { return true }
        if any(.accounts) && any(.selling) { return true }
        if any(.premium) && any(.premiumProducts) && (any(.selling) || mentionsMoney) { return true }
        if any(.guaranteed) && any(.guaranteedOutcomes) { return true }
        if any(.messengers) && (asksForMessage || lowerText.containsBytes("whatsapp me") || lowerText.containsBytes("telegram me")) {
            return true
        }
        // "selling Citadel OA question bank, $40, dm": anything sold in a recruiting server.
        if any(.sellingOutright) && (mentionsMoney || asksForMessage) { return true }
        // "earn $500/day from home".
        if any(.earning) && mentionsMoney && easyMoney.contains(where: lowerText.containsBytes) { return true }
        if lowerText.containsBytes("discord.gg/") && any(.inviteLures) { return true }
        if lowerText.containsBytes("t.me/") { return true }
        // "this ONE trick 👉 bit.ly/… only $49": a shortened link sold for money.
        if mentionsMoney && shorteners.contains(where: lowerText.containsBytes) { return true }
        return false
    }

    /// The word lists, as bits of one value: a word's entry in `listsOfWord` names every list it
    /// is in.
    private struct Lists: OptionSet {
        let rawValue: UInt32
        static let money = Lists(rawValue: 1 << 0)
        static let selling = Lists(rawValue: 1 << 1)
        static let sellingOutright = Lists(rawValue: 1 << 2)
        static let directMessage = Lists(rawValue: 1 << 3)
        static let crypto = Lists(rawValue: 1 << 4)
        static let cryptoLures = Lists(rawValue: 1 << 5)
        static let giveaways = Lists(rawValue: 1 << 6)
        static let nitroLures = Lists(rawValue: 1 << 7)
        static let giveawayLures = Lists(rawValue: 1 << 8)
        static let referrals = Lists(rawValue: 1 << 9)
        static let accounts = Lists(rawValue: 1 << 10)
        static let premiumProducts = Lists(rawValue: 1 << 11)
        static let guaranteedOutcomes = Lists(rawValue: 1 << 12)
        static let messengers = Lists(rawValue: 1 << 13)
        static let earning = Lists(rawValue: 1 << 14)
        static let inviteLures = Lists(rawValue: 1 << 15)
        static let nitro = Lists(rawValue: 1 << 16)
        static let premium = Lists(rawValue: 1 << 17)
        static let guaranteed = Lists(rawValue: 1 << 18)
    }

    /// Every listed word, with the lists it is in.
    private static let listsOfWord: [String: Lists] = {
        let lists: [(Lists, [String])] = [
            (.money, ["usd", "dollars", "paid", "cash", "venmo", "paypal"]),
            (.selling, ["selling", "sell", "sale", "buy", "buying", "cheap", "price", "cheapest"]),
            (.sellingOutright, ["selling", "sell", "cheapest", "cheap"]),
            (.directMessage, ["dm", "dms", "pm", "contact", "message", "text", "join"]),
            (
                .crypto,
                [
                    "crypto", "bitcoin", "btc", "ethereum", "eth", "usdt", "nft", "nfts", "forex", "binance", "memecoin", "solana",
                    "airdrop", "web3", "token", "tokens", "presale", "altcoin",
                ]
            ),
            (
                .cryptoLures,
                [
                    "invest", "investment", "profit", "profits", "earn", "earning", "dm", "join", "claim", "free", "pump", "100x",
                    "10x", "returns", "signal", "signals", "wallet", "giveaway", "guaranteed", "passive", "income", "airdrop", "moon",
                ]
            ),
            (.giveaways, ["giveaway", "giveaways"]),
            (.nitroLures, ["free", "giveaway", "claim", "gift"]),
            (.giveawayLures, ["claim", "click", "free", "winner"]),
            (.referrals, ["referral", "referrals", "refferal", "referal"]),
            (.accounts, ["account", "accounts", "accs", "acc"]),
            (.premiumProducts, ["leetcode", "linkedin", "chatgpt", "spotify"]),
            (
                .guaranteedOutcomes,
                [
                    "profit", "returns", "income", "interview", "interviews", "offer", "offers", "job", "jobs", "internship",
                    "internships", "placement",
                ]
            ),
            (.messengers, ["onlyfans", "telegram", "whatsapp"]),
            (.earning, ["earn", "earning", "make", "making"]),
            (.inviteLures, ["free", "join", "nitro", "giveaway", "earn"]),
            (.nitro, ["nitro"]), (.premium, ["premium"]), (.guaranteed, ["guaranteed"]),
        ]
        var table: [String: Lists] = [:]
        for (list, words) in lists {
            for word in words { table[word, default: []].formUnion(list) }
        }
        return table
    }()

    private static let shorteners = ["bit.ly/", "tinyurl.com/", "linktr.ee/", "t.ly/", "rb.gy/", "cutt.ly/"]
    private static let easyMoney = ["/day", "per day", "a day", "/week", "per week", "from home", "no experience"]
}
