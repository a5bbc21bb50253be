import ArgumentParser

@main
struct HiringPulseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hiringpulse",
        abstract: "Recruiting statistics and job alerts for CS recruiting Discord communities.",
        discussion: """
            HiringPulse reads what members post ("got the OA from JPMC", "Citadel superday friday",
            "offer from Databricks!!"), turns each message into structured stage updates, keeps them in
            SQLite and computes recruiting statistics: funnels, conversion, days between stages, trends.

            Start with `hiringpulse import EXPORT.json` (a DiscordChatExporter export), then
            `hiringpulse stats`. Every command reads config/hiringpulse.yaml when it exists; pass
            --config to use another file. Any key can be overridden by HIRINGPULSE_<KEY>, for example
            HIRINGPULSE_DATABASE_PATH.
            """,
        subcommands: [
            ImportCommand.self, StatsCommand.self, ExtractCommand.self, MigrateCommand.self, ConfigCommand.self,
            RunCommand.self, CommandsCommand.self, ReclassifyCommand.self, BackupCommand.self, EvalCommand.self,
            SchemaCommand.self, AlertsCommand.self, PostingsCommand.self, UpdatesCommand.self, FeedsCommand.self,
            CompaniesCommand.self, DashboardCommand.self, ChartCommand.self,
        ]
    )
}

/// The `--config` option every subcommand takes.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Configuration file (YAML).",
            discussion: "Defaults to $HIRINGPULSE_CONFIG, then config/hiringpulse.yaml when it exists, then built-in defaults.",
            valueName: "file"))
    var config: String?
}
