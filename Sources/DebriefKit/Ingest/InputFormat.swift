/// Every input format Debrief reads: the registry.
///
/// Adding a case makes the compiler ask for its descriptor; the descriptor (next to the parser)
/// carries everything else: names, documentation, detection and the parser itself. Raw values are
/// the names used in the manifest's `format:` and by `debrief formats`.
public enum InputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    // MARK: Logs: structured and classic
    case jsonLines = "json-lines"
    case syslog = "syslog"
    case syslog5424 = "syslog-rfc5424"
    case accessLog = "access-log"
    // MARK: Logs: structured exports, cloud and log stores
    case journaldJSON = "journald-json"
    case journaldPretty = "journald-json-pretty"
    case journaldExport = "journald-export"
    case logfmt = "logfmt"
    case kubernetesEvents = "kubernetes-events"
    case cloudTrail = "cloudtrail"
    case cloudTrailNDJSON = "cloudtrail-ndjson"
    case cloudWatchLogs = "cloudwatch-logs"
    case cloudWatchExport = "cloudwatch-export"
    case elasticsearchSearch = "elasticsearch-search"
    case elasticsearchNDJSON = "elasticsearch-ndjson"
    case lokiQueryRange = "loki-query-range"
    case lokiLogcli = "loki-logcli-jsonl"
    case splunkExport = "splunk-export-json"
    case splunkResults = "splunk-results-json"
    case splunkCSV = "splunk-csv"
    // MARK: Logs: text formats
    case apacheErrorLog = "apache-error-log"
    case haproxy = "haproxy"
    case iisW3C = "iis-w3c"
    case windowsEventXML = "windows-event-xml"
    case dockerLogs = "docker-logs"
    case textLog = "text-log"
    // MARK: Chat
    case slackExport = "slack-export"
    case slackHistory = "slack-history"
    case mattermostBulk = "mattermost-bulk"
    case mattermostPosts = "mattermost-posts"
    case teamsExport = "teams-export"
    case discordJSON = "discord-json"
    case discordHTML = "discord-html"
    case telegramExport = "telegram-export"
    case rocketChat = "rocketchat-messages"
    case messenger = "messenger-json"
    case chatCSV = "chat-csv"
    case ircLog = "irc-log"
    case ircDircproxy = "irc-dircproxy"
    case whatsApp = "whatsapp-text"
    // MARK: Tickets
    case jiraXML = "jira-xml"
    case jiraJSON = "jira-json"
    case serviceNow = "servicenow"
    case gitHubIssues = "github-issues"
    case gitLabIssues = "gitlab-issues"
    case redmineIssues = "redmine-issues"
    case bugzillaXML = "bugzilla-xml"
    case bugzillaJSON = "bugzilla-json"
    case bugzillaActivity = "bugzilla-activity"
    case zendesk = "zendesk"
    case phabricatorTransactions = "phabricator-transactions"
    case launchpadActivity = "launchpad-activity"
    // MARK: Paging and alerting
    case pagerDutyLogEntries = "pagerduty-log-entries"
    case pagerDutyIncidents = "pagerduty-incidents"
    case pagerDutyAlerts = "pagerduty-alerts"
    case pagerDutyWebhook = "pagerduty-webhook"
    case opsgenieWebhook = "opsgenie-webhook"
    case opsgenieAlerts = "opsgenie-alerts"
    case alertmanagerWebhook = "alertmanager-webhook"
    case grafanaAlerts = "grafana-alerts"

    /// Everything about the format besides its name.
    public var descriptor: FormatDescriptor {
        switch self {
        // MARK: Logs: structured and classic
        case .jsonLines: JSONLinesParser.descriptor
        case .syslog: SyslogParser.descriptor3164
        case .syslog5424: SyslogParser.descriptor5424
        case .accessLog: AccessLogParser.descriptor
        // MARK: Logs: structured exports, cloud and log stores
        case .journaldJSON: JournaldJSONParser.descriptor
        case .journaldPretty: JournaldPrettyParser.descriptor
        case .journaldExport: JournaldExportParser.descriptor
        case .logfmt: LogfmtParser.descriptor
        case .kubernetesEvents: KubernetesEventsParser.descriptor
        case .cloudTrail: CloudTrailParser.descriptor
        case .cloudTrailNDJSON: CloudTrailNDJSONParser.descriptor
        case .cloudWatchLogs: CloudWatchLogsParser.descriptor
        case .cloudWatchExport: CloudWatchExportParser.descriptor
        case .elasticsearchSearch: ElasticsearchSearchParser.descriptor
        case .elasticsearchNDJSON: ElasticsearchNDJSONParser.descriptor
        case .lokiQueryRange: LokiQueryRangeParser.descriptor
        case .lokiLogcli: LokiLogcliParser.descriptor
        case .splunkExport: SplunkExportParser.descriptor
        case .splunkResults: SplunkResultsParser.descriptor
        case .splunkCSV: SplunkCSVParser.descriptor
        // MARK: Logs: text formats
        case .apacheErrorLog: ApacheErrorLogParser.descriptor
        case .haproxy: HAProxyLogParser.descriptor
        case .iisW3C: W3CLogParser.descriptor
        case .windowsEventXML: WindowsEventXMLParser.descriptor
        case .dockerLogs: DockerLogParser.descriptor
        case .textLog: TextLogParser.descriptor
        // MARK: Chat
        case .slackExport: SlackExportParser.descriptor
        case .slackHistory: SlackHistoryParser.descriptor
        case .mattermostBulk: MattermostBulkParser.descriptor
        case .mattermostPosts: MattermostPostsParser.descriptor
        case .teamsExport: TeamsExportParser.descriptor
        case .discordJSON: DiscordJSONParser.descriptor
        case .discordHTML: DiscordHTMLParser.descriptor
        case .telegramExport: TelegramExportParser.descriptor
        case .rocketChat: RocketChatParser.descriptor
        case .messenger: MessengerParser.descriptor
        case .chatCSV: ChatCSVParser.descriptor
        case .ircLog: IRCLogParser.descriptor
        case .ircDircproxy: IRCLogParser.dircproxyDescriptor
        case .whatsApp: WhatsAppParser.descriptor
        // MARK: Tickets
        case .jiraXML: JiraXMLParser.descriptor
        case .jiraJSON: JiraJSONParser.descriptor
        case .serviceNow: ServiceNowParser.descriptor
        case .gitHubIssues: GitHubIssuesParser.descriptor
        case .gitLabIssues: GitLabIssuesParser.descriptor
        case .redmineIssues: RedmineIssuesParser.descriptor
        case .bugzillaXML: BugzillaXMLParser.descriptor
        case .bugzillaJSON: BugzillaJSONParser.descriptor
        case .bugzillaActivity: BugzillaActivityParser.descriptor
        case .zendesk: ZendeskParser.descriptor
        case .phabricatorTransactions: PhabricatorTransactionsParser.descriptor
        case .launchpadActivity: LaunchpadActivityParser.descriptor
        // MARK: Paging and alerting
        case .pagerDutyLogEntries: PagerDutyLogParser.descriptor
        case .pagerDutyIncidents: PagerDutyIncidentParser.descriptor
        case .pagerDutyAlerts: PagerDutyAlertParser.descriptor
        case .pagerDutyWebhook: PagerDutyWebhookParser.descriptor
        case .opsgenieWebhook: OpsgenieWebhookParser.descriptor
        case .opsgenieAlerts: OpsgenieAlertParser.descriptor
        case .alertmanagerWebhook: AlertmanagerParser.descriptor
        case .grafanaAlerts: GrafanaAlertParser.descriptor
        }
    }

    /// A short human name.
    public var title: String { descriptor.title }
    /// What the parser reads and how it finds time, for `debrief formats` and the README.
    public var summary: String { descriptor.summary }
    /// The kind of events this format mostly yields.
    public var eventKind: Event.Kind { descriptor.eventKind }
    /// Whether timestamps may lack a year, so the source must be read after the dated ones.
    public var mayLackYear: Bool { descriptor.mayLackYear }
    /// A fresh parser for one source.
    public func makeParser() -> EventParser { descriptor.makeParser() }
    /// Whether this format reads a multi-file bundle (a folder or zip) rather than one file.
    public var isBundle: Bool { descriptor.bundleConfidence != nil }

    /// How confident this format is that it can read `sample`, from 0 (no) to 1 (certain).
    public func confidence(for sample: SniffSample) -> Double { descriptor.confidence?(sample) ?? 0 }

    /// How confident this format is that it can read a bundle (0 for single-file formats).
    public func confidence(forBundle sample: BundleSample) -> Double { descriptor.bundleConfidence?(sample) ?? 0 }
}

/// What Debrief knows about one input format.
public struct FormatDescriptor: Sendable {
    /// A short human name (`BSD syslog (RFC 3164)`).
    public var title: String
    /// What is read and how time is found, in one or two sentences.
    public var summary: String
    /// The kind of events the format mostly yields.
    public var eventKind: Event.Kind
    /// Whether timestamps may lack a year (the source is then read after the dated ones).
    public var mayLackYear: Bool
    /// Makes a fresh parser for one source.
    public var makeParser: @Sendable () -> EventParser
    /// Detection from the first 64 KiB of a file; nil for formats never detected from one file.
    public var confidence: (@Sendable (SniffSample) -> Double)?
    /// Detection of a folder or zip bundle; non-nil only for bundle formats.
    public var bundleConfidence: (@Sendable (BundleSample) -> Double)?
    /// Whether the format's files may hold binary bytes (NUL and other control bytes), so detection
    /// asks it about samples that look binary; only such formats are asked. Off by default.
    public var readsBinary = false

    /// Creates a descriptor.
    public init(
        title: String, summary: String, eventKind: Event.Kind, mayLackYear: Bool = false,
        makeParser: @escaping @Sendable () -> EventParser,
        confidence: (@Sendable (SniffSample) -> Double)? = nil,
        bundleConfidence: (@Sendable (BundleSample) -> Double)? = nil
    ) {
        self.title = title
        self.summary = summary
        self.eventKind = eventKind
        self.mayLackYear = mayLackYear
        self.makeParser = makeParser
        self.confidence = confidence
        self.bundleConfidence = bundleConfidence
    }
}
