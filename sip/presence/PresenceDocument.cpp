// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/PresenceDocument.h"

#include <QXmlStreamWriter>

#include <algorithm>

namespace Sip {

namespace {

constexpr qsizetype MaxTuples = 64;
constexpr qsizetype MaxPersons = 16;
constexpr qsizetype MaxNotes = 16;      // per element
constexpr qsizetype MaxActivities = 32; // per element
constexpr qsizetype MaxTextLength = 4096;

const QString XmlNamespace = QStringLiteral("http://www.w3.org/XML/1998/namespace");

bool isPidf(const BoundedXmlReader &r, QLatin1StringView name)
{
    return r.name() == name && r.namespaceUri() == QLatin1StringView(PresenceDocument::PidfNamespace);
}

bool isDataModel(const BoundedXmlReader &r, QLatin1StringView name)
{
    return r.name() == name && r.namespaceUri() == QLatin1StringView(PresenceDocument::DataModelNamespace);
}

bool isRpidNamespace(QStringView ns)
{
    return ns == QLatin1StringView(PresenceDocument::RpidNamespace)
        || ns == QLatin1StringView(PresenceDocument::RpidStatusNamespace);
}

QString boundedText(BoundedXmlReader &r)
{
    return r.readElementText().trimmed().left(MaxTextLength);
}

void readNote(BoundedXmlReader &r, QList<PresenceNote> &notes)
{
    PresenceNote note;
    note.lang = r.attributes().value(XmlNamespace, QStringLiteral("lang")).toString();
    note.text = boundedText(r);
    if (notes.size() < MaxNotes && !note.text.isEmpty())
        notes.append(note);
}

// <rpid:activities> (RFC 4480 §3.2): one element per activity; <other> carries text. The
// rpid-status draft used <activity>busy</activity> instead.
void readActivities(BoundedXmlReader &r, QStringList &activities, QStringList *others)
{
    const int depth = r.depth();
    while (r.readNext()) {
        if (r.isEndElement() && r.depth() == depth)
            return;
        if (!r.isStartElement())
            continue;
        if (!isRpidNamespace(r.namespaceUri()) || r.name() == QLatin1StringView("note")) {
            r.skipElement();
            continue;
        }
        QString name = r.name().toString();
        if (name == QLatin1StringView("activity")) {
            name = boundedText(r);
        } else if (name == QLatin1StringView("other")) {
            const QString text = boundedText(r);
            if (others && others->size() < MaxActivities && !text.isEmpty())
                others->append(text);
            else if (!others && activities.size() < MaxActivities && !text.isEmpty())
                activities.append(text);
            continue;
        } else {
            r.skipElement();
        }
        if (!name.isEmpty() && activities.size() < MaxActivities && !activities.contains(name))
            activities.append(name);
    }
}

void readStatus(BoundedXmlReader &r, PresenceTuple &tuple)
{
    const int depth = r.depth();
    while (r.readNext()) {
        if (r.isEndElement() && r.depth() == depth)
            return;
        if (!r.isStartElement())
            continue;
        if (isPidf(r, QLatin1StringView("basic"))) {
            // RFC 3863 §4.1.4: "open" or "closed"; be lenient about case and spaces.
            const QString basic = boundedText(r).toLower();
            if (basic == QLatin1StringView("open"))
                tuple.basic = PresenceTuple::Basic::Open;
            else if (basic == QLatin1StringView("closed"))
                tuple.basic = PresenceTuple::Basic::Closed;
        } else if (isRpidNamespace(r.namespaceUri()) && r.name() == QLatin1StringView("activities")) {
            readActivities(r, tuple.activities, nullptr);
        } else {
            r.skipElement();
        }
    }
}

void readTuple(BoundedXmlReader &r, PresenceTuple &tuple)
{
    tuple.id = r.attributes().value(QStringLiteral("id")).toString().left(MaxTextLength);
    const int depth = r.depth();
    while (r.readNext()) {
        if (r.isEndElement() && r.depth() == depth)
            return;
        if (!r.isStartElement())
            continue;
        if (isPidf(r, QLatin1StringView("status"))) {
            readStatus(r, tuple);
        } else if (isPidf(r, QLatin1StringView("contact"))) {
            tuple.contactPriority = r.attributes().value(QStringLiteral("priority")).toString().left(16);
            tuple.contact = boundedText(r);
        } else if (isPidf(r, QLatin1StringView("note"))) {
            readNote(r, tuple.notes);
        } else if (isPidf(r, QLatin1StringView("timestamp"))) {
            tuple.timestamp = boundedText(r);
        } else if (isRpidNamespace(r.namespaceUri()) && r.name() == QLatin1StringView("activities")) {
            readActivities(r, tuple.activities, nullptr);
        } else {
            r.skipElement(); // dm:deviceID, caps, OMA service-description, ...
        }
    }
}

void readPerson(BoundedXmlReader &r, PresencePerson &person)
{
    person.id = r.attributes().value(QStringLiteral("id")).toString().left(MaxTextLength);
    const int depth = r.depth();
    while (r.readNext()) {
        if (r.isEndElement() && r.depth() == depth)
            return;
        if (!r.isStartElement())
            continue;
        if (isRpidNamespace(r.namespaceUri()) && r.name() == QLatin1StringView("activities")) {
            readActivities(r, person.activities, &person.otherActivities);
        } else if (isRpidNamespace(r.namespaceUri()) && r.name() == QLatin1StringView("user-input")) {
            person.userInput = boundedText(r);
        } else if (isDataModel(r, QLatin1StringView("note"))) {
            readNote(r, person.notes);
        } else if (isDataModel(r, QLatin1StringView("timestamp"))) {
            person.timestamp = boundedText(r);
        } else {
            r.skipElement(); // rpid:place-type, rpid:mood, rpid:privacy, ...
        }
    }
}

QDateTime parseTimestamp(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t;
}

bool isDndText(const QString &text)
{
    const QString t = text.trimmed().toLower();
    return t == QLatin1StringView("do-not-disturb") || t == QLatin1StringView("do not disturb")
        || t == QLatin1StringView("dnd") || t == QLatin1StringView("donotdisturb");
}

enum class Level { None, Available, Away, Busy, OnThePhone, DoNotDisturb };

Level activityLevel(const QString &activity)
{
    static const QStringList busy = {"busy", "meeting", "appointment", "presentation", "performance",
                                     "worship", "steering"};
    static const QStringList away = {"away", "vacation", "holiday", "travel", "in-transit", "meal",
                                     "breakfast", "lunch", "dinner", "sleeping", "shopping",
                                     "permanent-absence", "looking-for-work"};
    const QString a = activity.trimmed().toLower();
    if (isDndText(a))
        return Level::DoNotDisturb;
    if (a == QLatin1StringView("on-the-phone"))
        return Level::OnThePhone;
    if (busy.contains(a))
        return Level::Busy;
    if (away.contains(a))
        return Level::Away;
    return Level::Available;
}

// Pre-RPID clients put their status in a note: only an exact, well-known phrase counts.
Level noteLevel(const QString &note)
{
    static const QStringList away = {"away", "idle", "be right back", "brb", "out to lunch",
                                     "not available", "extended away", "unavailable"};
    const QString t = note.trimmed().toLower();
    if (isDndText(t))
        return Level::DoNotDisturb;
    if (t == QLatin1StringView("on the phone") || t == QLatin1StringView("on-the-phone")
        || t == QLatin1StringView("on phone"))
        return Level::OnThePhone;
    if (t == QLatin1StringView("busy"))
        return Level::Busy;
    if (away.contains(t))
        return Level::Away;
    return Level::None;
}

PresenceStatus statusFor(Level level)
{
    switch (level) {
    case Level::DoNotDisturb:
        return PresenceStatus::DoNotDisturb;
    case Level::OnThePhone:
        return PresenceStatus::OnThePhone;
    case Level::Busy:
        return PresenceStatus::Busy;
    case Level::Away:
        return PresenceStatus::Away;
    default:
        return PresenceStatus::Available;
    }
}

void writeNote(QXmlStreamWriter &w, const QString &ns, const PresenceNote &note)
{
    w.writeStartElement(ns, QStringLiteral("note"));
    if (!note.lang.isEmpty())
        w.writeAttribute(XmlNamespace, QStringLiteral("lang"), note.lang);
    w.writeCharacters(note.text);
    w.writeEndElement();
}

void writeActivities(QXmlStreamWriter &w, const QStringList &activities, const QStringList &others)
{
    if (activities.isEmpty() && others.isEmpty())
        return;
    const QString rpid = QLatin1StringView(PresenceDocument::RpidNamespace);
    w.writeStartElement(rpid, QStringLiteral("activities"));
    for (const QString &a : activities) {
        // Names that are not XML names (older clients' free text) go out as <other>.
        bool nameLike = !a.isEmpty() && a.at(0).isLetter();
        for (QChar c : a)
            nameLike = nameLike && (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.');
        if (nameLike) {
            w.writeEmptyElement(rpid, a);
        } else {
            w.writeTextElement(rpid, QStringLiteral("other"), a);
        }
    }
    for (const QString &o : others)
        w.writeTextElement(rpid, QStringLiteral("other"), o);
    w.writeEndElement();
}

} // namespace

std::optional<PresenceDocument> PresenceDocument::parse(QByteArrayView xml, XmlError *error,
                                                        const BoundedXmlReader::Limits &limits)
{
    BoundedXmlReader r(xml, limits);
    PresenceDocument doc;
    bool sawRoot = false;
    while (r.readNext()) {
        if (!r.isStartElement())
            continue;
        if (r.depth() == 1) {
            if (!isPidf(r, QLatin1StringView("presence"))) {
                r.raiseError(QStringLiteral("not a PIDF document: root element is {%1}%2")
                                 .arg(r.namespaceUri().toString(), r.name().toString()));
                break;
            }
            sawRoot = true;
            doc.entity = r.attributes().value(QStringLiteral("entity")).toString().left(MaxTextLength);
            continue;
        }
        // depth 2: children of <presence>
        if (isPidf(r, QLatin1StringView("tuple"))) {
            PresenceTuple tuple;
            readTuple(r, tuple);
            if (doc.tuples.size() < MaxTuples)
                doc.tuples.append(tuple);
        } else if (isPidf(r, QLatin1StringView("note"))) {
            readNote(r, doc.notes);
        } else if (isDataModel(r, QLatin1StringView("person"))) {
            PresencePerson person;
            readPerson(r, person);
            if (doc.persons.size() < MaxPersons)
                doc.persons.append(person);
        } else {
            r.skipElement(); // dm:device, unknown namespaces
        }
    }
    if (!r.hasError() && !sawRoot)
        r.raiseError(QStringLiteral("no <presence> element"));
    if (r.hasError()) {
        if (error)
            *error = r.error();
        return std::nullopt;
    }
    return doc;
}

QStringList PresenceDocument::activities() const
{
    QStringList out;
    const auto add = [&out](const QStringList &list) {
        for (const QString &a : list) {
            if (!out.contains(a))
                out.append(a);
        }
    };
    for (const PresencePerson &p : persons) {
        add(p.activities);
        add(p.otherActivities);
    }
    for (const PresenceTuple &t : tuples)
        add(t.activities);
    return out;
}

PresenceStatus PresenceDocument::status() const
{
    bool open = false;
    for (const PresenceTuple &t : tuples)
        open = open || t.basic == PresenceTuple::Basic::Open;
    const QStringList all = activities();
    if (!tuples.isEmpty() && !open)
        return PresenceStatus::Offline;
    bool idle = false;
    for (const PresencePerson &p : persons)
        idle = idle || p.userInput.trimmed().compare(QLatin1StringView("idle"), Qt::CaseInsensitive) == 0;
    if (tuples.isEmpty() && all.isEmpty() && !idle)
        return PresenceStatus::Offline;

    Level level = Level::None;
    for (const QString &a : all)
        level = std::max(level, activityLevel(a));
    if (idle)
        level = std::max(level, Level::Away);
    if (level == Level::None) {
        const auto consider = [&level](const QList<PresenceNote> &notes) {
            for (const PresenceNote &n : notes)
                level = std::max(level, noteLevel(n.text));
        };
        for (const PresencePerson &p : persons)
            consider(p.notes);
        for (const PresenceTuple &t : tuples) {
            if (t.basic != PresenceTuple::Basic::Closed)
                consider(t.notes);
        }
        consider(notes);
    }
    return statusFor(level);
}

QString PresenceDocument::bestNote(const QString &lang) const
{
    const auto pick = [&lang](const QList<PresenceNote> &list) -> QString {
        if (list.isEmpty())
            return {};
        if (!lang.isEmpty()) {
            for (const PresenceNote &n : list) {
                if (n.lang.compare(lang, Qt::CaseInsensitive) == 0
                    || n.lang.startsWith(lang + u'-', Qt::CaseInsensitive))
                    return n.text;
            }
        }
        for (const PresenceNote &n : list) {
            if (n.lang.isEmpty())
                return n.text;
        }
        return list.first().text;
    };
    for (const PresencePerson &p : persons) {
        if (const QString n = pick(p.notes); !n.isEmpty())
            return n;
    }
    for (const PresenceTuple &t : tuples) {
        if (t.basic == PresenceTuple::Basic::Open) {
            if (const QString n = pick(t.notes); !n.isEmpty())
                return n;
        }
    }
    for (const PresenceTuple &t : tuples) {
        if (const QString n = pick(t.notes); !n.isEmpty())
            return n;
    }
    return pick(notes);
}

QDateTime PresenceDocument::latestTimestamp() const
{
    QDateTime latest;
    const auto consider = [&latest](const QString &text) {
        const QDateTime t = parseTimestamp(text);
        if (t.isValid() && (!latest.isValid() || t > latest))
            latest = t;
    };
    for (const PresenceTuple &t : tuples)
        consider(t.timestamp);
    for (const PresencePerson &p : persons)
        consider(p.timestamp);
    return latest;
}

PresenceDocument PresenceDocument::forOwnStatus(const QString &entity, PresenceStatus status,
                                                const QString &note, const OwnOptions &options)
{
    PresenceDocument doc;
    doc.entity = entity;
    PresenceTuple tuple;
    tuple.id = options.tupleId;
    tuple.basic = status == PresenceStatus::Offline ? PresenceTuple::Basic::Closed : PresenceTuple::Basic::Open;
    tuple.contact = options.contact;
    if (options.timestamp.isValid())
        tuple.timestamp = options.timestamp.toUTC().toString(Qt::ISODate);
    if (status != PresenceStatus::Offline && !note.isEmpty())
        tuple.notes.append({note, options.noteLang});
    doc.tuples.append(tuple);

    PresencePerson person;
    person.id = options.personId;
    switch (status) {
    case PresenceStatus::Away:
        person.activities = {QStringLiteral("away")};
        break;
    case PresenceStatus::Busy:
        person.activities = {QStringLiteral("busy")};
        break;
    case PresenceStatus::OnThePhone:
        person.activities = {QStringLiteral("on-the-phone")};
        break;
    case PresenceStatus::DoNotDisturb:
        person.activities = {QStringLiteral("busy")};
        person.otherActivities = {QStringLiteral("do-not-disturb")};
        break;
    case PresenceStatus::Available:
    case PresenceStatus::Offline:
        break;
    }
    if (!person.activities.isEmpty())
        doc.persons.append(person);
    return doc;
}

QByteArray PresenceDocument::toXml() const
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    const QString pidf = QLatin1StringView(PidfNamespace);
    const QString dm = QLatin1StringView(DataModelNamespace);
    w.writeStartDocument();
    w.writeDefaultNamespace(pidf);
    w.writeNamespace(dm, QStringLiteral("dm"));
    w.writeNamespace(QLatin1StringView(RpidNamespace), QStringLiteral("rpid"));
    w.writeStartElement(pidf, QStringLiteral("presence"));
    w.writeAttribute(QStringLiteral("entity"), entity);
    // RFC 3863 §4.1: tuples, then notes, then extensions (the person).
    for (const PresenceTuple &t : tuples) {
        w.writeStartElement(pidf, QStringLiteral("tuple"));
        w.writeAttribute(QStringLiteral("id"), t.id);
        w.writeStartElement(pidf, QStringLiteral("status"));
        if (t.basic != PresenceTuple::Basic::Unknown)
            w.writeTextElement(pidf, QStringLiteral("basic"),
                               t.basic == PresenceTuple::Basic::Open ? QStringLiteral("open") : QStringLiteral("closed"));
        writeActivities(w, t.activities, {});
        w.writeEndElement(); // status
        if (!t.contact.isEmpty()) {
            w.writeStartElement(pidf, QStringLiteral("contact"));
            if (!t.contactPriority.isEmpty())
                w.writeAttribute(QStringLiteral("priority"), t.contactPriority);
            w.writeCharacters(t.contact);
            w.writeEndElement();
        }
        for (const PresenceNote &n : t.notes)
            writeNote(w, pidf, n);
        if (!t.timestamp.isEmpty())
            w.writeTextElement(pidf, QStringLiteral("timestamp"), t.timestamp);
        w.writeEndElement(); // tuple
    }
    for (const PresenceNote &n : notes)
        writeNote(w, pidf, n);
    for (const PresencePerson &p : persons) {
        w.writeStartElement(dm, QStringLiteral("person"));
        w.writeAttribute(QStringLiteral("id"), p.id);
        writeActivities(w, p.activities, p.otherActivities);
        if (!p.userInput.isEmpty())
            w.writeTextElement(QLatin1StringView(RpidNamespace), QStringLiteral("user-input"), p.userInput);
        for (const PresenceNote &n : p.notes)
            writeNote(w, dm, n);
        if (!p.timestamp.isEmpty())
            w.writeTextElement(dm, QStringLiteral("timestamp"), p.timestamp);
        w.writeEndElement(); // person
    }
    w.writeEndElement(); // presence
    w.writeEndDocument();
    return out;
}

} // namespace Sip
