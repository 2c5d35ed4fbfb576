// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presence/BoundedXmlReader.h"
#include "presence/PresenceNote.h"
#include "presence/PresencePerson.h"
#include "presence/PresenceStatus.h"
#include "presence/PresenceTuple.h"
#include "presence/XmlError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Sip {

/// A presence document: PIDF (RFC 3863, application/pidf+xml) with the data model
/// (RFC 4479) person element and RPID (RFC 4480) activities. Plain value.
///
/// Parsing reads what a softphone needs and ignores the rest (unknown elements and
/// namespaces, devices, place-type, mood, OMA service descriptions, ...): elements are
/// matched by namespace URI, never by prefix. Malformed XML is an error with its line and
/// column; the caller keeps its last good state. Hostile input is bounded (see
/// BoundedXmlReader: 64 KiB, depth 16, 2048 elements, no DTD / entity declarations).
///
/// status() maps the document onto the GUI's PresenceStatus:
///   1. Offline      if the document has tuples and none is <basic>open</basic>, or has
///                   neither tuples nor activities.
///   2. DoNotDisturb if an <rpid:other> activity (or a non-standard activity name) reads
///                   "do-not-disturb", "do not disturb", "dnd" (case-insensitive).
///   3. OnThePhone   for rpid:on-the-phone.
///   4. Busy         for busy, meeting, appointment, presentation, performance, worship,
///                   steering.
///   5. Away         for away, vacation, holiday, travel, in-transit, meal, breakfast,
///                   lunch, dinner, sleeping, shopping, permanent-absence,
///                   looking-for-work; or rpid:user-input "idle".
///   6. Without any RPID activity, a note whose whole text is a well-known status word
///      (what pre-RPID clients send: "Busy", "Away", "On the phone", "Idle", "Be right
///      back", "Out to lunch", "Do not disturb", ...) decides the same way.
///   7. Available otherwise (including working, playing, tv, spectator, unknown).
/// The earlier rule wins (a person both busy and on the phone is OnThePhone), except
/// that 1 only applies to documents that have tuples.
struct PresenceDocument
{
    static constexpr const char *ContentType = "application/pidf+xml"; // RFC 3863 §7
    static constexpr const char *PidfNamespace = "urn:ietf:params:xml:ns:pidf";
    static constexpr const char *DataModelNamespace = "urn:ietf:params:xml:ns:pidf:data-model";
    static constexpr const char *RpidNamespace = "urn:ietf:params:xml:ns:pidf:rpid";
    // The RPID draft namespace some older clients (Eyebeam, X-Lite) still send.
    static constexpr const char *RpidStatusNamespace = "urn:ietf:params:xml:ns:pidf:status:rpid-status";

    QString entity; // presence@entity, the presentity URI
    QList<PresenceTuple> tuples;
    QList<PresencePerson> persons;
    QList<PresenceNote> notes; // presence-level <note>

    PresenceStatus status() const;
    // The note to show: person notes first, then notes of open tuples, then any tuple,
    // then presence-level notes; within those the one in `lang` (prefix match, "en"
    // matches "en-US"), else one without xml:lang, else the first. Empty if none.
    QString bestNote(const QString &lang = {}) const;
    // All activities of all persons and tuples, document order, no duplicates.
    QStringList activities() const;
    // The newest tuple/person timestamp that parses (RFC 3339), invalid if none.
    QDateTime latestTimestamp() const;

    struct OwnOptions
    {
        QString tupleId = QStringLiteral("parlo");
        QString personId = QStringLiteral("parlo-person");
        QString contact;   // our AOR or GRUU for <contact>, empty: none
        QString noteLang;  // xml:lang of the note, empty: none
        QDateTime timestamp; // <timestamp>, invalid: none
    };
    // Our own presence for PUBLISH (RFC 3903) or a NOTIFY we send:
    //   Available     open, no activity
    //   Away          open, rpid:away
    //   Busy          open, rpid:busy
    //   OnThePhone    open, rpid:on-the-phone
    //   DoNotDisturb  open, rpid:busy + <rpid:other>do-not-disturb</rpid:other> (shows as
    //                 busy in clients that know only the RFC 4480 list)
    //   Offline       closed, no person, no note (use it for "invisible")
    // The note goes into the tuple's <note> (RFC 3863, read by every client).
    static PresenceDocument forOwnStatus(const QString &entity, PresenceStatus status,
                                         const QString &note, const OwnOptions &options);
    static PresenceDocument forOwnStatus(const QString &entity, PresenceStatus status,
                                         const QString &note = {})
    {
        return forOwnStatus(entity, status, note, OwnOptions{});
    }

    static std::optional<PresenceDocument> parse(QByteArrayView xml, XmlError *error,
                                                 const BoundedXmlReader::Limits &limits);
    static std::optional<PresenceDocument> parse(QByteArrayView xml, XmlError *error)
    {
        return parse(xml, error, BoundedXmlReader::Limits{});
    }
    // UTF-8 XML with the pidf (default), dm and rpid namespaces declared on <presence>.
    QByteArray toXml() const;

    friend bool operator==(const PresenceDocument &, const PresenceDocument &) = default;
};

} // namespace Sip
