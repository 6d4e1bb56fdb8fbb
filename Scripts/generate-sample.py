#!/usr/bin/env python3
"""Writes Samples/checkout-outage/: a realistic incident folder for Debrief's demo and end-to-end tests.

Deterministic (fixed seed): rerunning gives byte-identical files. The story, in UTC:

  13:52:10  payments-api 2.14.0 deployed; its config drops the DB pool from 40 to 8 connections
  13:58:31  first "connection pool exhausted" error in payments-api; checkout starts returning 502
  14:03:10  Alertmanager: CheckoutErrorRateHigh firing; 14:03:40 PagerDuty incident triggered
  14:07:05  Dana Whitfield acknowledges; 14:19:00 escalated to the database on-call (Sam Okafor)
  14:31:00  rollback to 2.13.4 starts; 14:34:20 last pool error; traffic recovers
  14:52:00  PagerDuty incident resolved; the Jira ticket is resolved nine minutes later (15:01)

Besides the logs and the PagerDuty log entries, the folder holds a Slack export (a zip, read in place)
of the incident channel with status updates (one 42-minute gap), an Alertmanager receiver log
(firing at 14:01:10, resolved at 14:35:40), a Jira XML export of the incident ticket, and review.yml
with the team's first five whys and action items (incomplete on purpose: see `debrief status`).

Zones on purpose: app logs in UTC (Z), nginx in +0100 (CET), syslog in local Berlin time without a
year (needs the manifest's timezone and year inference), postgres RFC 5424 in +00:00.
"""
import gzip
import json
import os
import random
import zipfile
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Samples", "checkout-outage")
UTC = timezone.utc
CET = timezone(timedelta(hours=1))
DAY = datetime(2026, 11, 17, tzinfo=UTC)
START = DAY.replace(hour=13, minute=30)
END = DAY.replace(hour=15, minute=10)
DEPLOY = DAY.replace(hour=13, minute=52, second=10)
FIRST_ERROR = DAY.replace(hour=13, minute=58, second=31)
ROLLBACK = DAY.replace(hour=14, minute=31)
RECOVERED = DAY.replace(hour=14, minute=34, second=20)
rng = random.Random("debrief-sample-checkout-outage")
LINES = {}  # line numbers review.yml cites as evidence

HOSTS = ["web01", "web02"]
PATHS = ["/", "/api/v1/cart", "/api/v1/cart/items", "/api/v1/checkout", "/api/v1/search?q=boots",
         "/static/app.8c1f2e.js", "/static/main.css", "/api/v1/payments/authorize", "/healthz"]
AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
          "kube-probe/1.31"]


def failing(t):
    return FIRST_ERROR <= t < RECOVERED


def ms(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def times(start, end, mean_gap):
    t = start
    while True:
        t += timedelta(seconds=rng.expovariate(1.0 / mean_gap))
        if t >= end:
            return
        yield t


def app_record(t, level, msg, **fields):
    record = {"ts": ms(t), "level": level, "service": "payments-api", "host": rng.choice(["pay-7d9f-1", "pay-7d9f-2"]), "msg": msg}
    record.update(fields)
    return json.dumps(record, separators=(",", ":"))


def app_lines(start, end):
    lines = []
    for t in times(start, end, 2.2):
        trace = "%032x" % rng.getrandbits(128)
        if failing(t) and rng.random() < 0.55:
            waited = 5000
            lines.append((t, app_record(t, "error", "db connection pool exhausted; waited %dms for a connection" % waited,
                                        pool_size=8, pool_in_use=8, trace_id=trace, route="/api/v1/checkout")))
        elif failing(t) and rng.random() < 0.2:
            lines.append((t, app_record(t, "warn", "payment authorization slow", duration_ms=rng.randrange(3000, 9000), trace_id=trace)))
        else:
            lines.append((t, app_record(t, "info", "payment authorized", duration_ms=rng.randrange(40, 400),
                                        amount_cents=rng.randrange(500, 40000), trace_id=trace)))
    return lines


def write_app_logs():
    rotated = app_lines(START - timedelta(minutes=20), START)
    current = app_lines(START, END)
    current += [
        (DEPLOY, app_record(DEPLOY, "info", "deploy started: payments-api 2.14.0 (image sha256:4be1c0de) by ci-bot",
                            event="deploy", version="2.14.0", actor="ci-bot")),
        (DEPLOY + timedelta(seconds=44), app_record(DEPLOY + timedelta(seconds=44), "info",
                                                    "config loaded: db.pool.max_connections=8 (was 40)", event="config")),
        (ROLLBACK, app_record(ROLLBACK, "info", "deploy started: payments-api 2.13.4 (rollback) by dana.whitfield",
                              event="deploy", version="2.13.4", actor="dana.whitfield")),
        (ROLLBACK + timedelta(seconds=52), app_record(ROLLBACK + timedelta(seconds=52), "info",
                                                      "config loaded: db.pool.max_connections=40 (was 8)", event="config")),
    ]
    current.sort(key=lambda p: p[0])
    # The pod was OOM-killed mid-write during the incident: one line is cut off (and must be kept raw).
    cut = next(i for i, (t, _) in enumerate(current) if t > FIRST_ERROR + timedelta(minutes=9))
    current[cut] = (current[cut][0], current[cut][1][:57])
    os.makedirs(os.path.join(OUT, "logs"), exist_ok=True)
    with open(os.path.join(OUT, "logs", "payments-api.jsonl"), "w", newline="\n") as f:
        for number, (_, line) in enumerate(current, 1):
            f.write(line + "\n")
            if "pool exhausted" in line and "first_error" not in LINES:
                LINES["first_error"] = number
            if "max_connections=8 " in line:
                LINES["config"] = number
    with open(os.path.join(OUT, "logs", "payments-api.jsonl.1.gz"), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            for _, line in rotated:
                gz.write((line + "\n").encode())


def write_access_log():
    with open(os.path.join(OUT, "logs", "web01-access.log"), "w", newline="\n") as f:
        for t in times(START, END, 3.5):
            path = rng.choice(PATHS)
            status = 200
            size = rng.randrange(300, 40000)
            took = rng.uniform(0.005, 0.4)
            if path in ("/api/v1/checkout", "/api/v1/payments/authorize") and failing(t):
                status = 502 if rng.random() < 0.8 else 504
                size = 166
                took = rng.uniform(5.0, 5.2)
            elif path == "/healthz":
                size = 2
            elif rng.random() < 0.03:
                status = 404
            local = t.astimezone(CET)
            client = "%d.%d.%d.%d" % (rng.choice([84, 91, 145, 188]), rng.randrange(256), rng.randrange(256), rng.randrange(1, 255))
            method = "POST" if path in ("/api/v1/checkout", "/api/v1/cart/items", "/api/v1/payments/authorize") else "GET"
            f.write('%s - - [%s] "%s %s HTTP/1.1" %d %d "https://shop.example.com/cart" "%s" %.3f\n' % (
                client, local.strftime("%d/%b/%Y:%H:%M:%S %z"), method, path, status, size, rng.choice(AGENTS), took))


def syslog_time(t):
    local = t.astimezone(CET)  # Berlin is on CET (UTC+1) in November
    return local.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1) if local.day < 10 else local.strftime("%b %d %H:%M:%S")


def write_syslog():
    lines = []
    for t in times(START, END, 14):
        host = rng.choice(["web01", "pay-node-3"])
        k = rng.random()
        if k < 0.4:
            msg = "CRON[%d]: (root) CMD (/usr/local/bin/ship-metrics >/dev/null 2>&1)" % rng.randrange(2000, 30000)
        elif k < 0.7:
            msg = "systemd[1]: Started session-%d.scope - Session %d of User deploy." % ((n := rng.randrange(100, 999)), n)
        else:
            msg = "kernel: [%d.%06d] IPv4: martian source 10.0.%d.%d from 10.0.0.1, on dev eth0" % (
                rng.randrange(100000, 999999), rng.randrange(1000000), rng.randrange(256), rng.randrange(256))
        lines.append((t, host, msg))
    lines += [
        (DEPLOY - timedelta(seconds=3), "pay-node-3", "deployd[4412]: rolling out payments-api 2.14.0 (change CHG-7731, requested by ci-bot)"),
        (DEPLOY + timedelta(seconds=40), "pay-node-3", "systemd[1]: payments-api.service: Consumed 41.210s CPU time."),
        (DEPLOY + timedelta(seconds=41), "pay-node-3", "systemd[1]: Started payments-api.service - Payments API."),
        (ROLLBACK - timedelta(seconds=2), "pay-node-3", "deployd[4412]: rolling out payments-api 2.13.4 (rollback, requested by dana.whitfield)"),
        (ROLLBACK + timedelta(seconds=50), "pay-node-3", "systemd[1]: Started payments-api.service - Payments API."),
    ]
    for t in times(FIRST_ERROR + timedelta(seconds=20), RECOVERED, 25):
        lines.append((t, "web01", "haproxy[2211]: Server be_payments/pay-node-3 is DOWN, reason: Layer7 timeout, check duration: 2001ms. 1 active servers left."))
    lines.sort(key=lambda p: p[0])
    with open(os.path.join(OUT, "logs", "syslog"), "w", newline="\n") as f:
        for t, host, msg in lines:
            f.write("%s %s %s\n" % (syslog_time(t), host, msg))


def write_postgres():
    lines = []
    for t in times(START, END, 20):
        lines.append((t, 6, "LOG", "checkpoint complete: wrote %d buffers (%.1f%%); 0 WAL file(s) added" % (rng.randrange(50, 900), rng.uniform(0.1, 4))))
    for t in times(DEPLOY + timedelta(seconds=50), RECOVERED, 11):
        lines.append((t, 4, "WARNING", "connection to client lost: remaining connection slots are reserved for roles with SUPERUSER"))
    for t in times(FIRST_ERROR, RECOVERED, 30):
        lines.append((t, 6, "LOG", "duration: %d.%03d ms  statement: SELECT * FROM payment_intents WHERE id = $1 FOR UPDATE" % (rng.randrange(2000, 9000), rng.randrange(1000))))
    lines.sort(key=lambda p: p[0])
    with open(os.path.join(OUT, "logs", "db01-postgres.log"), "w", newline="\n") as f:
        for seq, (t, sev, level, msg) in enumerate(lines, 1):
            pri = 16 * 8 + sev
            f.write('<%d>1 %s.%06d+00:00 db01 postgres %d - [meta sequenceId="%d"] %s:  %s\n' % (
                pri, t.strftime("%Y-%m-%dT%H:%M:%S"), t.microsecond, rng.randrange(3000, 9000), seq, level, msg))


def pd(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_pagerduty():
    incident = {"id": "Q2CHKOUT41", "type": "incident_reference", "summary": "[#4107] Checkout error rate above 5% (CheckoutErrorRateHigh)"}
    service = {"id": "PPAYAPI", "type": "service_reference", "summary": "payments-api"}
    dana = {"id": "PDANA01", "type": "user_reference", "summary": "Dana Whitfield"}
    sam = {"id": "PSAMO02", "type": "user_reference", "summary": "Sam Okafor"}
    entries = [
        {"id": "R1TRIG", "type": "trigger_log_entry", "summary": "Triggered through the API.", "created_at": pd(DAY.replace(hour=14, minute=3, second=40)),
         "agent": {"id": "PAMGR", "type": "service_reference", "summary": "Alertmanager (prod)"}, "channel": {"type": "api"},
         "service": service, "incident": incident, "event_details": {"description": "CheckoutErrorRateHigh: 5xx ratio 0.31 on /api/v1/checkout"}},
        {"id": "R2NOTI", "type": "notify_log_entry", "summary": "Notified Dana Whitfield by push notification.", "created_at": pd(DAY.replace(hour=14, minute=3, second=42)),
         "agent": {"id": "PAMGR", "type": "service_reference", "summary": "Alertmanager (prod)"}, "channel": {"type": "auto"}, "service": service, "incident": incident, "user": dana},
        {"id": "R3ACK", "type": "acknowledge_log_entry", "summary": "Acknowledged by Dana Whitfield.", "created_at": pd(DAY.replace(hour=14, minute=7, second=5)),
         "agent": dana, "channel": {"type": "mobile"}, "service": service, "incident": incident, "acknowledgement_timeout": 1800},
        {"id": "R4NOTE", "type": "annotate_log_entry", "summary": "Note added", "created_at": pd(DAY.replace(hour=14, minute=12, second=30)),
         "agent": dana, "channel": {"type": "note", "summary": "502s on checkout since ~13:59. payments-api pool exhausted. Looking at the 13:52 deploy."},
         "service": service, "incident": incident},
        {"id": "R5ESC", "type": "escalate_log_entry", "summary": "Escalated to Sam Okafor (Database on-call) by Dana Whitfield.", "created_at": pd(DAY.replace(hour=14, minute=19)),
         "agent": dana, "channel": {"type": "web_ui"}, "service": service, "incident": incident, "assignees": [sam], "escalation_level": 2},
        {"id": "R6ACK", "type": "acknowledge_log_entry", "summary": "Acknowledged by Sam Okafor.", "created_at": pd(DAY.replace(hour=14, minute=21, second=12)),
         "agent": sam, "channel": {"type": "mobile"}, "service": service, "incident": incident},
        {"id": "R7NOTE", "type": "annotate_log_entry", "summary": "Note added", "created_at": pd(DAY.replace(hour=14, minute=30, second=40)),
         "agent": sam, "channel": {"type": "note", "summary": "Pool max_connections went 40 -> 8 in 2.14.0 config. Rolling back to 2.13.4."},
         "service": service, "incident": incident},
        {"id": "R8RES", "type": "resolve_log_entry", "summary": "Resolved by Dana Whitfield.", "created_at": pd(DAY.replace(hour=14, minute=52)),
         "agent": dana, "channel": {"type": "web_ui"}, "service": service, "incident": incident},
    ]
    # PagerDuty's API pages newest first.
    document = {"log_entries": list(reversed(entries)), "limit": 25, "offset": 0, "more": False, "total": None}
    os.makedirs(os.path.join(OUT, "pagerduty"), exist_ok=True)
    with open(os.path.join(OUT, "pagerduty", "log_entries.json"), "w", newline="\n") as f:
        json.dump(document, f, indent=2)
        f.write("\n")


def epoch(t):
    return "%d.%06d" % (int(t.timestamp()), t.microsecond)


def write_slack():
    users = [
        {"id": "U01DANA", "name": "dana.whitfield", "real_name": "Dana Whitfield",
         "profile": {"display_name": "Dana", "real_name": "Dana Whitfield"}, "tz": "Europe/Berlin"},
        {"id": "U02SAMO", "name": "sam.okafor", "real_name": "Sam Okafor",
         "profile": {"display_name": "Sam Okafor", "real_name": "Sam Okafor"}, "tz": "Europe/London"},
        {"id": "U03PRIY", "name": "priya.nair", "real_name": "Priya Nair",
         "profile": {"display_name": "Priya (Support)", "real_name": "Priya Nair"}, "tz": "Europe/Berlin"},
    ]
    channels = [{"id": "C0INC2041", "name": "inc-2041-checkout", "created": "1763388000",
                 "creator": "U01DANA", "members": ["U01DANA", "U02SAMO", "U03PRIY"],
                 "topic": {"value": "INC-2041 checkout failures", "creator": "U01DANA", "last_set": 0},
                 "purpose": {"value": "Incident channel", "creator": "U01DANA", "last_set": 0}}]
    at = lambda h, m, sec=0: DAY.replace(hour=h, minute=m, second=sec)
    pd_bot = lambda t, title, text: {"type": "message", "subtype": "bot_message", "bot_id": "B0PAGERDUTY",
                                      "username": "PagerDuty", "text": "", "ts": epoch(t),
                                      "attachments": [{"fallback": "%s: %s" % (title, text), "title": title, "text": text}]}
    msg = lambda t, user, text, **extra: dict({"type": "message", "user": user, "text": text, "ts": epoch(t)}, **extra)
    thread = epoch(at(14, 22, 4))
    messages = [
        msg(at(14, 3, 1), "U01DANA", "<@U01DANA> has joined the channel", subtype="channel_join"),
        pd_bot(at(14, 3, 45), "Triggered", "[#4107] Checkout error rate above 5% (CheckoutErrorRateHigh) - payments-api"),
        msg(at(14, 6, 10), "U01DANA", "I'm on it, looking at payments-api and the 13:52 deploy"),
        msg(at(14, 8, 30), "U01DANA", "Status update: checkout fails for ~30% of requests since ~13:59 UTC. "
            "payments-api reports its DB pool exhausted. Next update in 30 min."),
        msg(at(14, 15, 2), "U03PRIY", "Customers are reporting failed payments in the EU shop, 14 tickets so far"),
        msg(at(14, 19, 30), "U01DANA", "Escalating to the database on-call, paging <@U02SAMO>"),
        msg(at(14, 22, 4), "U02SAMO", "Pool max_connections went 40 -> 8 in the 2.14.0 config (CHG-7731). Suggest rollback.",
            thread_ts=thread, reply_count=1, reply_users=["U01DANA"]),
        msg(at(14, 23, 40), "U01DANA", "Agreed, rolling back to 2.13.4 once the pipeline is free",
            thread_ts=thread, parent_user_id="U02SAMO"),
        msg(at(14, 31, 5), "U01DANA", "Rolling back payments-api to 2.13.4 now"),
        msg(at(14, 36, 40), "U01DANA", "Rolled back. Error rate back to normal, watching for 15 min."),
        msg(at(14, 50, 0), "U01DANA", "Update: mitigated since ~14:35 UTC by rolling back payments-api to 2.13.4. "
            "Cause: pool size cut from 40 to 8 in 2.14.0. Keeping the incident open until 14:50."),
        msg(at(14, 52, 30), "U01DANA", "Resolved. Thanks all - review due tomorrow, I'll start review.yml"),
        pd_bot(at(14, 52, 6), "Resolved", "[#4107] Checkout error rate above 5% (CheckoutErrorRateHigh) - payments-api"),
    ]
    messages.sort(key=lambda m: float(m["ts"]))
    stamp = (2026, 11, 17, 15, 10, 0)
    path = os.path.join(OUT, "chat", "slack-export.zip")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, document in [("users.json", users), ("channels.json", channels),
                               ("inc-2041-checkout/2026-11-17.json", messages)]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, json.dumps(document, indent=2) + "\n")


def rfc2822(t):
    return t.strftime("%a, %d %b %Y %H:%M:%S +0000")


def write_jira():
    created = DAY.replace(hour=14, minute=10, second=12)
    resolved = DAY.replace(hour=15, minute=1, second=30)
    comments = [
        (DAY.replace(hour=14, minute=12, second=40), "dana.whitfield", "Dana Whitfield",
         "<p>Linked PagerDuty incident #4107. Checkout 502s since ~13:59 UTC.</p>"),
        (DAY.replace(hour=14, minute=40, second=2), "sam.okafor", "Sam Okafor",
         "<p>Rollback of payments-api to 2.13.4 completed at 14:35 UTC; pool back to 40 connections.</p>"),
        (resolved, "dana.whitfield", "Dana Whitfield", "<p>Resolving: no errors for 25 minutes. Review due 2026-11-18.</p>"),
    ]
    comment_xml = "\n".join(
        '\t\t\t\t<comment id="%d" author="%s" created="%s">\n\t\t\t\t\t%s\n\t\t\t\t</comment>' % (
            90210 + i, author, rfc2822(t), escape(body)) for i, (t, author, _, body) in enumerate(comments))
    xml = """<!-- RSS generated by JIRA (9.12.2#9120002) at Tue Nov 17 15:05:00 UTC 2026 -->
<rss version="0.92">
\t<channel>
\t\t<title>Jira: INC-2041</title>
\t\t<link>https://jira.example.com/issues/?jql=key%%3DINC-2041</link>
\t\t<description>An XML representation of a search request</description>
\t\t<language>en-us</language>
\t\t<issue start="0" end="1" total="1" />
\t\t<item>
\t\t\t<title>
\t\t\t\t[INC-2041] Checkout returns 502 for a third of payments
\t\t\t</title>
\t\t\t<link>https://jira.example.com/browse/INC-2041</link>
\t\t\t<project id="10400" key="INC">Incidents</project>
\t\t\t<description>
\t\t\t\t%s
\t\t\t</description>
\t\t\t<key id="204100">
\t\t\t\tINC-2041
\t\t\t</key>
\t\t\t<summary>
\t\t\t\tCheckout returns 502 for a third of payments
\t\t\t</summary>
\t\t\t<type id="10002">Incident</type>
\t\t\t<priority id="2">High - P1</priority>
\t\t\t<status id="5">Resolved</status>
\t\t\t<resolution id="1">Fixed</resolution>
\t\t\t<assignee username="dana.whitfield">Dana Whitfield</assignee>
\t\t\t<reporter username="priya.nair">Priya Nair</reporter>
\t\t\t<created>
\t\t\t\t%s
\t\t\t</created>
\t\t\t<updated>%s</updated>
\t\t\t<resolved>
\t\t\t\t%s
\t\t\t</resolved>
\t\t\t<comments>
%s
\t\t\t</comments>
\t\t</item>
\t</channel>
</rss>
""" % (escape("<p>Customers report failed payments in the EU shop; PagerDuty #4107.</p>"), rfc2822(created),
       rfc2822(resolved), rfc2822(resolved), comment_xml)
    os.makedirs(os.path.join(OUT, "tickets"), exist_ok=True)
    with open(os.path.join(OUT, "tickets", "jira-INC-2041.xml"), "w", newline="\n") as f:
        f.write(xml)


def write_alertmanager():
    alert = {"labels": {"alertname": "CheckoutErrorRateHigh", "severity": "critical", "service": "checkout",
                        "team": "payments"},
             "annotations": {"summary": "Checkout 5xx ratio above 5%",
                             "description": "5xx ratio 0.31 on /api/v1/checkout for 2 minutes"},
             "startsAt": "2026-11-17T14:01:10.512Z", "generatorURL": "http://prometheus:9090/graph?g0.expr=checkout_5xx_ratio",
             "fingerprint": "5c1a3e9f0b7d2a41"}
    def payload(status, ends):
        item = dict(alert, status=status, endsAt=ends)
        return {"version": "4", "groupKey": "{}:{alertname=\"CheckoutErrorRateHigh\"}", "truncatedAlerts": 0,
                "status": status, "receiver": "pagerduty-payments", "groupLabels": {"alertname": "CheckoutErrorRateHigh"},
                "commonLabels": alert["labels"], "commonAnnotations": alert["annotations"],
                "externalURL": "http://alertmanager:9093", "alerts": [item]}
    os.makedirs(os.path.join(OUT, "alerts"), exist_ok=True)
    with open(os.path.join(OUT, "alerts", "alertmanager-receiver.jsonl"), "w", newline="\n") as f:
        f.write(json.dumps(payload("firing", "0001-01-01T00:00:00Z"), separators=(",", ":")) + "\n")
        f.write(json.dumps(payload("resolved", "2026-11-17T14:35:40.208Z"), separators=(",", ":")) + "\n")


def write_review():
    with open(os.path.join(OUT, "review.yml"), "w", newline="\n") as f:
        f.write("""# The team's part of the review: Debrief reads this on every build and never writes over it.
whys:
  - question: Why did checkout return 502s for 36 minutes?
    answer: payments-api could not get database connections and timed out after 5 s.
    evidence: [logs/payments-api.jsonl:%d]
    whys:
      - question: Why could it not get connections?
        answer: The 2.14.0 config cut db.pool.max_connections from 40 to 8.
        evidence: [logs/payments-api.jsonl:%d]
        whys:
          - question: Why did a pool-size change reach production unnoticed?
actionItems:
  - title: Validate pool sizes against expected peak load in the deploy pipeline
    owner: Sam Okafor
    due: 2026-12-04
    rootCause: config change without capacity check
  - title: Alert on pool saturation before requests fail
    due: 2026-12-11
""" % (LINES["first_error"], LINES["config"]))


def write_manifest():
    with open(os.path.join(OUT, "incident.yml"), "w", newline="\n") as f:
        f.write("""# Debrief manifest for the sample incident. Every key is optional; see README.md.
title: Checkout failed for 36 minutes after a payments-api config change
id: INC-2041
severity: P1
# The syslog has local (Berlin) times without a year; everything else carries its own offset.
timezone: Europe/Berlin
# The team's own target is stricter than the P1 default (2 h).
targets:
  acknowledge: 5m
""")


if __name__ == "__main__":
    write_app_logs()
    write_access_log()
    write_syslog()
    write_postgres()
    write_pagerduty()
    write_slack()
    write_jira()
    write_alertmanager()
    write_review()
    write_manifest()
    total = 0
    for root, _, files in os.walk(OUT):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    print("wrote %s (%d bytes)" % (os.path.normpath(OUT), total))
