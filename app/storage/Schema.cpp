// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Schema.h"

namespace App {

namespace {

// Migration 1: everything Parlo 0.1 stores. Times are milliseconds since the epoch, UTC.
// Enumerations are stored as small integers; their meaning is documented next to the C++
// enums (StoredMessage.h, CallRecord.h, Contact.h) and must never be renumbered.
Migration initialSchema()
{
    Migration m;
    m.version = 1;
    m.description = QStringLiteral("contacts, conversations, messages, call history");
    m.statements = {
        // sip_uri is normalised (lower-case scheme and host) by the store, so the unique
        // index also catches "SIP:Bob@Example.COM" vs "sip:Bob@example.com". NULL for
        // contacts that only have phone numbers (many imported address books).
        QStringLiteral(R"(CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            display_name TEXT NOT NULL DEFAULT '',
            sip_uri TEXT,
            numbers TEXT NOT NULL DEFAULT '[]',
            emails TEXT NOT NULL DEFAULT '[]',
            group_name TEXT NOT NULL DEFAULT '',
            favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
            presence_auth INTEGER NOT NULL DEFAULT 0 CHECK (presence_auth BETWEEN 0 AND 2),
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL))"),
        QStringLiteral("CREATE UNIQUE INDEX contacts_by_uri ON contacts (sip_uri)"),
        QStringLiteral(
                "CREATE INDEX contacts_by_name ON contacts (display_name COLLATE NOCASE, id)"),

        QStringLiteral(R"(CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            peer_uri TEXT NOT NULL,
            last_activity_ms INTEGER NOT NULL DEFAULT 0,
            unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0)))"),
        QStringLiteral("CREATE UNIQUE INDEX conversations_by_peer ON conversations (peer_uri)"),
        QStringLiteral("CREATE INDEX conversations_by_activity"
                       " ON conversations (last_activity_ms, id)"),

        // AUTOINCREMENT: a message id is never reused, so a stale id held by the GUI or a
        // pending SIP transaction can never point at a different message.
        // time_ms is the sort key: when the user sent it (outgoing) or when it arrived
        // (incoming). sent_ms: outgoing, when the server accepted it; incoming, the
        // sender's Date header if any. received_ms: incoming arrival time.
        QStringLiteral(R"(CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            direction INTEGER NOT NULL CHECK (direction IN (0, 1)),
            peer_uri TEXT NOT NULL,
            body TEXT NOT NULL,
            content_type TEXT NOT NULL DEFAULT 'text/plain',
            time_ms INTEGER NOT NULL,
            sent_ms INTEGER,
            received_ms INTEGER,
            state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 4),
            failure_code INTEGER NOT NULL DEFAULT 0,
            failure_reason TEXT NOT NULL DEFAULT '',
            call_id TEXT,
            cseq INTEGER))"),
        // The chat view's query: one conversation, newest first, keyset pagination.
        QStringLiteral("CREATE INDEX messages_by_conversation"
                       " ON messages (conversation_id, time_ms, id)"),
        // A retransmitted MESSAGE (same Call-ID, CSeq and sender) is stored once. Only
        // incoming rows: outgoing ones get their Call-ID when sent, and retries may reuse it.
        QStringLiteral("CREATE UNIQUE INDEX messages_incoming_dedupe"
                       " ON messages (call_id, cseq, peer_uri) WHERE direction = 0"),
        // Queued and sending messages, to resend when the account registers again.
        QStringLiteral("CREATE INDEX messages_pending ON messages (time_ms, id)"
                       " WHERE state IN (0, 1)"),

        QStringLiteral(R"(CREATE TABLE calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            direction INTEGER NOT NULL CHECK (direction IN (0, 1)),
            peer_uri TEXT NOT NULL,
            peer_name TEXT NOT NULL DEFAULT '',
            start_ms INTEGER NOT NULL,
            answer_ms INTEGER,
            end_ms INTEGER,
            result_code INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT '',
            seen INTEGER NOT NULL DEFAULT 1 CHECK (seen IN (0, 1)),
            call_id TEXT))"),
        QStringLiteral("CREATE INDEX calls_by_time ON calls (start_ms, id)"),
        QStringLiteral("CREATE INDEX calls_by_direction ON calls (direction, start_ms, id)"),
        // Missed calls (incoming, never answered): the history filter and the badge.
        QStringLiteral("CREATE INDEX calls_missed ON calls (start_ms, id)"
                       " WHERE direction = 0 AND answer_ms IS NULL"),
    };
    return m;
}

// Migration 2: who may see our presence (serverless presence, RFC 3856 §5.1), asked once
// per watcher. watcher_key is Sip::Notifier::watcherKey() ("user@host", host lower-case),
// which is how the engine matches watchers; uri is the URI as the watcher subscribed.
Migration watcherDecisions()
{
    Migration m;
    m.version = 2;
    m.description = QStringLiteral("watcher decisions");
    m.statements = {
        QStringLiteral(R"(CREATE TABLE watcher_decisions (
            watcher_key TEXT PRIMARY KEY,
            uri TEXT NOT NULL,
            allowed INTEGER NOT NULL CHECK (allowed IN (0, 1)),
            decided_ms INTEGER NOT NULL))"),
    };
    return m;
}

// Migration 3: the two call-history queries that read every row of a long history
// (tests/bench/bench_storage, docs/performance.md "Storage": 25 ms and 8 ms with 100,000
// calls). Both are partial indexes over the few rows their query looks for:
//  - the missed-call badge and "mark missed calls seen" (CallHistoryStore::
//    unseenMissedCount / markMissedSeen): the missed calls (the condition of
//    CallFilter::Missed), by seen, so counting the unseen ones reads only those;
//  - calls without an end time, closed once at start-up (closeInterrupted).
Migration callHistoryBadgeIndexes()
{
    Migration m;
    m.version = 3;
    m.description = QStringLiteral("indexes for unseen missed calls and unfinished calls");
    m.statements = {
        // Keyed by seen: an equality on it is what makes SQLite's planner (without
        // ANALYZE statistics) prefer this index to calls_by_direction (direction = 0).
        QStringLiteral("CREATE INDEX calls_missed_unseen ON calls (seen)"
                       " WHERE direction = 0 AND answer_ms IS NULL AND end_ms IS NOT NULL"),
        QStringLiteral("CREATE INDEX calls_unfinished ON calls (id) WHERE end_ms IS NULL"),
    };
    return m;
}

} // namespace

const QList<Migration> &Schema::migrations()
{
    // Append new migrations here; never edit a released one.
    static const QList<Migration> all
            = { initialSchema(), watcherDecisions(), callHistoryBadgeIndexes() };
    return all;
}

int Schema::latestVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace App
