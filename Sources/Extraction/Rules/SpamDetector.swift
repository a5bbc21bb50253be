/// Recognizes the spam that recruiting servers get: crypto pumps, Nitro giveaways, paid referrals,
/// account and question-bank selling, "earn $500/day". Works on words, not on patterns, so it costs
/// next to nothing per message.
enum SpamDetector {
    static func isSpam(words: Set<String>, lowerText: String) -> Bool {
        func any(_ candidates: Set<String>) -> Bool { !words.isDisjoint(with: candidates) }
        let mentionsMoney = lowerText.containsBytes("$") || any(money)
        let asksForMessage = any(directMessage)

        if any(crypto) && any(cryptoLures) { return true }
        if words.contains("nitro") && any(nitroLures) { return true }
        if any(giveaways) && (any(giveawayLures) || asksForMessage || lowerText.containsBytes("http")) { return true }
        if any(referrals) && (mentionsMoney || any(selling)) { return true }
        if any(accounts) && any(selling) { return true }
        if words.contains("premium") && any(premiumProducts) && (any(selling) || mentionsMoney) { return true }
        if words.contains("guaranteed") && any(guaranteedOutcomes) { return true }
        if any(messengers) && (asksForMessage || lowerText.containsBytes("whatsapp me") || lowerText.containsBytes("telegram me")) {
            return true
        }
        // "selling Citadel OA question bank, $40, dm": anything sold in a recruiting server.
        if any(sellingOutright) && (mentionsMoney || asksForMessage) { return true }
        // "earn $500/day from home".
        if any(earning) && mentionsMoney && easyMoney.contains(where: lowerText.containsBytes) { return true }
        if lowerText.containsBytes("discord.gg/") && any(inviteLures) { return true }
        if lowerText.containsBytes("t.me/") { return true }
        // "this ONE trick 👉 bit.ly/… only $49": a shortened link sold for money.
        if mentionsMoney && shorteners.contains(where: lowerText.containsBytes) { return true }
        return false
    }

    private static let money: Set<String> = ["usd", "dollars", "paid", "cash", "venmo", "paypal"]
    private static let selling: Set<String> = ["selling", "sell", "sale", "buy", "buying", "cheap", "price", "cheapest"]
    private static let sellingOutright: Set<String> = ["selling", "sell", "cheapest", "cheap"]
    private static let directMessage: Set<String> = ["dm", "dms", "pm", "contact", "message", "text", "join"]
    private static let crypto: Set<String> = [
        "crypto", "bitcoin", "btc", "ethereum", "eth", "usdt", "nft", "nfts", "forex", "binance", "memecoin", "solana",
        "airdrop", "web3", "token", "tokens", "presale", "altcoin",
    ]
    private static let cryptoLures: Set<String> = [
        "invest", "investment", "profit", "profits", "earn", "earning", "dm", "join", "claim", "free", "pump", "100x",
        "10x", "returns", "signal", "signals", "wallet", "giveaway", "guaranteed", "passive", "income", "airdrop", "moon",
    ]
    private static let giveaways: Set<String> = ["giveaway", "giveaways"]
    private static let nitroLures: Set<String> = ["free", "giveaway", "claim", "gift"]
    private static let giveawayLures: Set<String> = ["claim", "click", "free", "winner"]
    private static let referrals: Set<String> = ["referral", "referrals", "refferal", "referal"]
    private static let accounts: Set<String> = ["account", "accounts", "accs", "acc"]
    private static let premiumProducts: Set<String> = ["leetcode", "linkedin", "chatgpt", "spotify"]
    private static let guaranteedOutcomes: Set<String> = [
        "profit", "returns", "income", "interview", "interviews", "offer", "offers", "job", "jobs", "internship",
        "internships", "placement",
    ]
    private static let shorteners = ["bit.ly/", "tinyurl.com/", "linktr.ee/", "t.ly/", "rb.gy/", "cutt.ly/"]
    private static let messengers: Set<String> = ["onlyfans", "telegram", "whatsapp"]
    private static let earning: Set<String> = ["earn", "earning", "make", "making"]
    private static let easyMoney = ["/day", "per day", "a day", "/week", "per week", "from home", "no experience"]
    private static let inviteLures: Set<String> = ["free", "join", "nitro", "giveaway", "earn"]
}
