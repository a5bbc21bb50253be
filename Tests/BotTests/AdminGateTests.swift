import Bot
import Daemon
import Discord
import Testing

@Suite struct AdminGateTests {
    let adminRole = Snowflake(rawValue: 77)

    @Test(arguments: [("32", true), ("8", true), ("40", true), ("2147483647", true), ("2048", false), ("0", false), ("junk", false)])
    func administratorOrManageServerMakesAnAdmin(permissions: String, expected: Bool) {
        #expect(AdminGate.isAdmin(permissions: permissions, roles: [], adminRoles: []) == expected)
    }

    @Test func aConfiguredRoleMakesAnAdminWithoutThePermission() {
        #expect(AdminGate.isAdmin(permissions: "0", roles: [Snowflake(rawValue: 5), adminRole], adminRoles: [adminRole]))
        #expect(!AdminGate.isAdmin(permissions: nil, roles: [Snowflake(rawValue: 5)], adminRoles: [adminRole]))
    }

    @Test func messagesAreGivenByIdOrLink() {
        let id = Snowflake(rawValue: 1_300_000_000_000_000_123)
        #expect(MessageReference.id(in: "1300000000000000123") == id)
        #expect(MessageReference.id(in: " https://discord.com/channels/1/2/1300000000000000123 ") == id)
        #expect(MessageReference.id(in: "https://ptb.discord.com/channels/1/2/1300000000000000123") == id)
        #expect(MessageReference.id(in: "https://evil.example/channels/1/2/1300000000000000123") == nil)
        #expect(MessageReference.id(in: "https://discord.com/channels/1/2") == nil)
        #expect(MessageReference.id(in: "hello") == nil)
    }
}
