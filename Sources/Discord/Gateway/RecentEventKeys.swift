import JSON

/// Keys of events recently handed on, to drop the copies a RESUME replays. Bounded: the oldest key
/// is forgotten once `capacity` are held.
struct RecentEventKeys: Sendable {
    private let capacity: Int
    private var keys: Set<String> = []
    private var order: [String] = []
    private var oldest = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `key`; false when it was already there.
    mutating func insert(_ key: String) -> Bool {
        guard keys.insert(key).inserted else { return false }
        if order.count < capacity {
            order.append(key)
        } else {
            keys.remove(order[oldest])
            order[oldest] = key
            oldest = (oldest + 1) % capacity
        }
        return true
    }

    /// Forgets every key: a new session replays nothing from an older one.
    mutating func removeAll() {
        keys.removeAll()
        order.removeAll()
        oldest = 0
    }

    /// (type, id) of a message or interaction event; an edit also carries its edit time, since one
    /// message can be edited many times. Other events are state (a guild becoming available again
    /// after a new session, with channels to catch up on) and are never dropped.
    static func key(of frame: GatewayFrame) -> String? {
        guard let type = frame.type, type.hasPrefix("MESSAGE_") || type == "INTERACTION_CREATE",
            let id = frame.data["id"]?.stringValue
        else { return nil }
        if let edited = frame.data["edited_timestamp"]?.stringValue { return "\(type):\(id):\(edited)" }
        return "\(type):\(id)"
    }
}
