/// The shared vocabulary for state changes, so the analysis finds milestones without re-reading text.
///
/// Parsers of paging, alerting and ticket formats put one of these in the event attribute
/// `transition`; ticket parsers also set `field`, `from` and `to` for the raw change
/// (`field: status, from: In Progress, to: Resolved`).
public enum Transition {
    // Paging and alerting.
    /// An alert or page started (PagerDuty trigger, Alertmanager/Grafana firing, Opsgenie create).
    public static let triggered = "triggered"
    /// A responder acknowledged.
    public static let acknowledged = "acknowledged"
    /// An acknowledgement was withdrawn or timed out.
    public static let unacknowledged = "unacknowledged"
    /// Escalated to the next level or another team.
    public static let escalated = "escalated"
    /// The alert or incident resolved (Alertmanager `resolved`, Opsgenie close, PagerDuty resolve).
    public static let resolved = "resolved"
    /// Someone was assigned or reassigned.
    public static let assigned = "assigned"
    /// Someone was notified (push, SMS, call, e-mail).
    public static let notified = "notified"
    /// A note was added.
    public static let annotated = "annotated"
    /// The alert was snoozed or silenced.
    public static let snoozed = "snoozed"
    /// Priority, urgency or severity changed.
    public static let priorityChanged = "priority-changed"

    // Tickets.
    /// The ticket was created.
    public static let opened = "opened"
    /// Work started (`In Progress`).
    public static let inProgress = "in-progress"
    /// The ticket was closed without being resolved, or after it.
    public static let closed = "closed"
    /// The ticket was reopened.
    public static let reopened = "reopened"
    /// A comment was added.
    public static let commented = "commented"
    /// Another field changed (`field`, `from`, `to` say which).
    public static let changed = "changed"

    /// The transition a ticket status name stands for (`Resolved`, `Done`, `Fixed` → resolved; `In
    /// Progress` → in-progress; `Closed` → closed; `Reopened` → reopened; `Open`, `New`, `To Do` →
    /// opened). Nil for names it does not know.
    public static func forTicketStatus(_ status: String) -> String? {
        let key = status.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "resolved", "done", "fixed", "completed", "complete", "solved", "verified", "mitigated", "restored":
            return resolved
        case "closed", "cancelled", "canceled", "wontfix", "duplicate", "invalid", "rejected", "declined":
            return closed
        case "inprogress", "started", "working", "investigating", "assigned", "active", "underinvestigation",
            "workinprogress", "onhold", "pending", "awaitinguserinfo", "identified", "monitoring":
            return inProgress
        case "reopened", "reopen":
            return reopened
        case "open", "new", "todo", "backlog", "triage", "untriaged", "unconfirmed", "confirmed", "created":
            return opened
        default:
            return nil
        }
    }
}
