/// Recognizes the spam that recruiting servers get: crypto pumps, Nitro giveaways, paid referrals,
/// account selling. Works on words, not on patterns, so it costs next to nothing per message.
enum SpamDetector {
    static func isSpam(words: Set<String>, lowerText: String) -> Bool {
        func any(_ candidates: Set<String>) -> Bool { !words.isDisjoint(with: candidates) }
        let mentionsMoney = lowerText.contains("$") || any(["usd", "dollars", "paid", "cash", "venmo", "paypal"])
        let sells = any(["selling", "sell", "sale", "buy", "buying", "cheap", "price", "cheapest"])

        let crypto: Set<String> = [
            "crypto", "bitcoin", "btc", "ethereum", "eth", "usdt", "nft", "nfts", "forex", "binance", "memecoin",
            "solana", "airdrop", "web3", "token", "tokens", "presale", "altcoin",
        ]
        let lure: Set<String> = [
            "invest", "investment", "profit", "profits", "earn", "earning", "dm", "join", "claim", "free", "pump",
            "100x", "10x", "returns", "signal", "signals", "wallet", "giveaway", "guaranteed", "passive", "income",
            "airdrop", "moon",
        ]
        if any(crypto) && any(lure) { return true }
        if words.contains("nitro") && any(["free", "giveaway", "claim", "gift"]) { return true }
        if any(["giveaway", "giveaways"]) && (any(["claim", "click", "free", "dm", "winner", "join"]) || lowerText.contains("http")) {
            return true
        }
        if any(["referral", "referrals", "refferal", "referal"]) && (mentionsMoney || sells) { return true }
        if any(["account", "accounts", "accs", "acc"]) && sells { return true }
        if words.contains("premium") && any(["leetcode", "linkedin", "chatgpt", "spotify"]) && (sells || mentionsMoney) {
            return true
        }
        if words.contains("guaranteed") && any(["profit", "returns", "income", "interview", "interviews", "offer", "job"]) {
            return true
        }
        if any(["onlyfans", "telegram", "whatsapp"])
            && (any(["dm", "join", "contact", "message", "text"]) || lowerText.contains("whatsapp me")
                || lowerText.contains("telegram me"))
        {
            return true
        }
        // "selling Citadel OA question bank, $40, dm": anything sold for money in a recruiting server.
        if any(["selling", "sell", "cheapest", "cheap"]) && (mentionsMoney || any(["dm", "dms", "pm"])) { return true }
        // "earn $500/day from home".
        if any(["earn", "earning", "make", "making"]) && mentionsMoney
            && ["/day", "per day", "a day", "/week", "per week", "from home", "no experience"].contains(where: lowerText.contains)
        {
            return true
        }
        if lowerText.contains("discord.gg/") && any(["free", "join", "nitro", "giveaway", "earn"]) { return true }
        if lowerText.contains("t.me/") { return true }
        return false
    }
}
