// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/ContactStore.h"

#include "storage/Database.h"
#include "storage/SipUriNormalizer.h"
#include "storage/SqlTransaction.h"
#include "storage/SqlValues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

namespace App {

namespace {

const QString contactColumns = QStringLiteral(
        "id, display_name, sip_uri, numbers, emails, group_name, favourite, presence_auth");

// Numbers and e-mail addresses are lists the GUI only ever reads whole, so they are JSON
// text in one column rather than child tables.
QString numbersToJson(const QList<PhoneNumber> &numbers)
{
    QJsonArray array;
    for (const PhoneNumber &n : numbers)
        array.append(QJsonObject { { QStringLiteral("type"), n.type },
                                   { QStringLiteral("number"), n.number } });
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<PhoneNumber> numbersFromJson(const QString &json)
{
    QList<PhoneNumber> numbers;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        numbers.append({ o.value(QStringLiteral("type")).toString(),
                         o.value(QStringLiteral("number")).toString() });
    }
    return numbers;
}

QString emailsToJson(const QStringList &emails)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(emails)).toJson(QJsonDocument::Compact));
}

QStringList emailsFromJson(const QString &json)
{
    QStringList emails;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array)
        emails.append(value.toString());
    return emails;
}

Contact readContact(const QSqlQuery &q)
{
    Contact c;
    c.id = q.value(0).toLongLong();
    c.displayName = q.value(1).toString();
    c.sipUri = q.value(2).toString();
    c.numbers = numbersFromJson(q.value(3).toString());
    c.emails = emailsFromJson(q.value(4).toString());
    c.group = q.value(5).toString();
    c.favourite = q.value(6).toInt() != 0;
    c.presenceAuthorization = PresenceAuthorization(q.value(7).toInt());
    return c;
}

// LIKE pattern for a literal substring: % and _ (and the escape itself) escaped.
QString likePattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    for (QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

ContactStore::ContactStore(Database &db)
    : m_db(db)
{
}

std::optional<qint64> ContactStore::insert(const Contact &contact)
{
    const QString uri = SipUriNormalizer::normalize(contact.sipUri);
    if (uri.isEmpty() && contact.displayName.trimmed().isEmpty() && contact.numbers.isEmpty()) {
        m_db.setError(QStringLiteral("a contact needs a name, a SIP address or a number"));
        return std::nullopt;
    }
    if (!uri.isEmpty()) {
        const QVariant existing = m_db.scalar(
                QStringLiteral("SELECT display_name FROM contacts WHERE sip_uri = ?"), { uri });
        if (!existing.isValid())
            return std::nullopt;
        if (!existing.isNull()) {
            m_db.setError(QStringLiteral("%1 is already in the contacts (as \"%2\")")
                                  .arg(uri, existing.toString()));
            return std::nullopt;
        }
    }
    const qint64 now = SqlValues::nowMs();
    QSqlQuery q = m_db.prepare(QStringLiteral(
            "INSERT INTO contacts (display_name, sip_uri, numbers, emails, group_name, favourite,"
            " presence_auth, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlValues::text(contact.displayName));
    q.addBindValue(SqlValues::nullableText(uri));
    q.addBindValue(numbersToJson(contact.numbers));
    q.addBindValue(emailsToJson(contact.emails));
    q.addBindValue(SqlValues::text(contact.group));
    q.addBindValue(contact.favourite ? 1 : 0);
    q.addBindValue(int(contact.presenceAuthorization));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!m_db.exec(q, "add the contact"))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

std::optional<qint64> ContactStore::add(const Contact &contact)
{
    m_db.assertOwningThread();
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return std::nullopt;
    const auto id = insert(contact);
    if (!id || !transaction.commit())
        return std::nullopt;
    return id;
}

QList<std::optional<qint64>> ContactStore::addMany(const QList<Contact> &contacts,
                                                   QStringList *errors)
{
    m_db.assertOwningThread();
    QList<std::optional<qint64>> ids(contacts.size());
    if (errors)
        errors->clear();
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        if (errors)
            errors->fill(m_db.lastError(), contacts.size());
        return ids;
    }
    // insert() checks everything before its one INSERT, so a rejected contact writes
    // nothing and the transaction goes on with the next one.
    for (qsizetype i = 0; i < contacts.size(); ++i) {
        m_db.clearError();
        ids[i] = insert(contacts.at(i));
        if (errors)
            errors->append(ids.at(i) ? QString() : m_db.lastError());
    }
    if (!transaction.commit()) {
        const QString error = m_db.lastError();
        ids.fill(std::nullopt);
        if (errors)
            errors->fill(error, contacts.size());
    }
    return ids;
}

bool ContactStore::update(const Contact &contact)
{
    m_db.assertOwningThread();
    const QString uri = SipUriNormalizer::normalize(contact.sipUri);
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return false;
    if (!uri.isEmpty()) {
        const QVariant other = m_db.scalar(
                QStringLiteral("SELECT display_name FROM contacts WHERE sip_uri = ? AND id <> ?"),
                { uri, contact.id });
        if (!other.isValid())
            return false;
        if (!other.isNull()) {
            m_db.setError(QStringLiteral("%1 already belongs to the contact \"%2\"")
                                  .arg(uri, other.toString()));
            return false;
        }
    }
    {
        QSqlQuery q = m_db.prepare(QStringLiteral(
                "UPDATE contacts SET display_name = ?, sip_uri = ?, numbers = ?, emails = ?,"
                " group_name = ?, favourite = ?, presence_auth = ?, updated_ms = ? WHERE id = ?"));
        q.addBindValue(SqlValues::text(contact.displayName));
        q.addBindValue(SqlValues::nullableText(uri));
        q.addBindValue(numbersToJson(contact.numbers));
        q.addBindValue(emailsToJson(contact.emails));
        q.addBindValue(SqlValues::text(contact.group));
        q.addBindValue(contact.favourite ? 1 : 0);
        q.addBindValue(int(contact.presenceAuthorization));
        q.addBindValue(SqlValues::nowMs());
        q.addBindValue(contact.id);
        if (!m_db.exec(q, "update the contact"))
            return false;
        if (q.numRowsAffected() != 1) {
            m_db.setError(QStringLiteral("no contact with id %1").arg(contact.id));
            return false;
        }
    }
    return transaction.commit();
}

bool ContactStore::remove(qint64 id)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM contacts WHERE id = ?"));
    q.addBindValue(id);
    if (!m_db.exec(q, "delete the contact"))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("no contact with id %1").arg(id));
        return false;
    }
    return true;
}

QList<Contact> ContactStore::list(const QString &whereOrderLimit, const QVariantList &binds,
                                  const char *what)
{
    m_db.assertOwningThread();
    m_db.clearError();
    QList<Contact> contacts;
    QSqlQuery q = m_db.prepare(
            QStringLiteral("SELECT %1 FROM contacts %2").arg(contactColumns, whereOrderLimit));
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!m_db.exec(q, what))
        return contacts;
    while (q.next())
        contacts.append(readContact(q));
    return contacts;
}

std::optional<Contact> ContactStore::contact(qint64 id)
{
    const QList<Contact> found = list(QStringLiteral("WHERE id = ?"), { id }, "read a contact");
    if (found.isEmpty()) {
        if (m_db.lastError().isEmpty())
            m_db.setError(QStringLiteral("no contact with id %1").arg(id));
        return std::nullopt;
    }
    return found.constFirst();
}

std::optional<Contact> ContactStore::findByUri(const QString &sipUri)
{
    m_db.clearError();
    const QString uri = SipUriNormalizer::normalize(sipUri);
    if (uri.isEmpty())
        return std::nullopt;
    const QList<Contact> found
            = list(QStringLiteral("WHERE sip_uri = ?"), { uri }, "look up a contact");
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

QList<Contact> ContactStore::all(int limit)
{
    return list(QStringLiteral("ORDER BY display_name COLLATE NOCASE, id LIMIT ?"),
                { std::max(limit, 1) }, "list contacts");
}

QList<Contact> ContactStore::favourites()
{
    return list(QStringLiteral("WHERE favourite = 1 ORDER BY display_name COLLATE NOCASE, id"), {},
                "list favourites");
}

QList<Contact> ContactStore::search(const QString &text, int limit)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return all(limit);
    const QString pattern = likePattern(needle);
    // Plain '?' placeholders: Qt's positional binding does not map numbered ones (?1).
    return list(QStringLiteral("WHERE display_name LIKE ? ESCAPE '\\'"
                               " OR sip_uri LIKE ? ESCAPE '\\'"
                               " OR numbers LIKE ? ESCAPE '\\'"
                               " OR emails LIKE ? ESCAPE '\\'"
                               " ORDER BY display_name COLLATE NOCASE, id LIMIT ?"),
                { pattern, pattern, pattern, pattern, std::max(limit, 1) }, "search contacts");
}

std::optional<int> ContactStore::count()
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM contacts"));
    if (!v.isValid())
        return std::nullopt;
    return v.toInt();
}

bool ContactStore::setFavourite(qint64 id, bool favourite)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(
            QStringLiteral("UPDATE contacts SET favourite = ?, updated_ms = ? WHERE id = ?"));
    q.addBindValue(favourite ? 1 : 0);
    q.addBindValue(SqlValues::nowMs());
    q.addBindValue(id);
    if (!m_db.exec(q, "set the favourite flag"))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("no contact with id %1").arg(id));
        return false;
    }
    return true;
}

bool ContactStore::setPresenceAuthorization(qint64 id, PresenceAuthorization state)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(
            QStringLiteral("UPDATE contacts SET presence_auth = ?, updated_ms = ? WHERE id = ?"));
    q.addBindValue(int(state));
    q.addBindValue(SqlValues::nowMs());
    q.addBindValue(id);
    if (!m_db.exec(q, "set the presence authorisation"))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("no contact with id %1").arg(id));
        return false;
    }
    return true;
}

} // namespace App
