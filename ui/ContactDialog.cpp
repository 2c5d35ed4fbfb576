// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactDialog.h"

#include "storage/SipUriNormalizer.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace Gui {

ContactDialog::ContactDialog(const App::Contact &contact, QWidget *parent)
    : QDialog(parent)
    , m_contact(contact)
{
    setWindowTitle(contact.id ? tr("Edit contact") : tr("Add contact"));
    setObjectName(QStringLiteral("contactDialog"));
    auto *form = new QFormLayout(this);
    m_name = new QLineEdit(contact.displayName, this);
    m_name->setObjectName(QStringLiteral("contactName"));
    m_name->setAccessibleName(tr("Name"));
    m_uri = new QLineEdit(contact.sipUri, this);
    m_uri->setObjectName(QStringLiteral("contactUri"));
    m_uri->setAccessibleName(tr("SIP address"));
    m_uri->setPlaceholderText(QStringLiteral("sip:alice@example.com"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("contactUriError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd6, 0x45, 0x41));
    m_error->setPalette(errorPalette);
    m_phone = new QLineEdit(contact.numbers.isEmpty() ? QString() : contact.numbers.first().number,
                            this);
    m_phone->setAccessibleName(tr("Phone number"));
    m_email = new QLineEdit(contact.emails.value(0), this);
    m_email->setAccessibleName(tr("E-mail"));
    m_group = new QLineEdit(contact.group, this);
    m_group->setAccessibleName(tr("Group"));
    m_favourite = new QCheckBox(tr("Favourite"), this);
    m_favourite->setChecked(contact.favourite);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&SIP address:"), m_uri);
    form->addRow(QString(), m_error);
    form->addRow(tr("&Phone:"), m_phone);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Group:"), m_group);
    form->addRow(QString(), m_favourite);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_uri, &QLineEdit::textChanged, this, &ContactDialog::validate);
    connect(m_phone, &QLineEdit::textChanged, this, &ContactDialog::validate);
    validate();
}

QString ContactDialog::validateUri(const QString &uri)
{
    const QString text = uri.trimmed();
    if (text.isEmpty())
        return tr("Enter a SIP address such as sip:alice@example.com.");
    const QString normalized = App::SipUriNormalizer::normalize(text);
    if (normalized.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive)) {
        static const QRegularExpression tel(QStringLiteral("^tel:\\+?[0-9*#().\\- ]+(;.*)?$"),
                                            QRegularExpression::CaseInsensitiveOption);
        return tel.match(normalized).hasMatch() ? QString()
                                                : tr("A tel: address holds a phone number.");
    }
    static const QRegularExpression sip(
            QStringLiteral("^sips?:([^@\\s;]+@)?([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5}"
                           ")?(;[^\\s]*)?$"),
            QRegularExpression::CaseInsensitiveOption);
    if (!sip.match(normalized).hasMatch())
        return tr("\"%1\" is not a SIP address (expected sip:user@host).").arg(text);
    return {};
}

void ContactDialog::validate()
{
    QString error;
    if (!m_uri->text().trimmed().isEmpty() || m_phone->text().trimmed().isEmpty())
        error = validateUri(m_uri->text());
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

App::Contact ContactDialog::contact() const
{
    App::Contact contact = m_contact;
    contact.displayName = m_name->text().trimmed();
    const QString uri = m_uri->text().trimmed();
    contact.sipUri = uri.isEmpty() ? QString() : App::SipUriNormalizer::normalize(uri);
    contact.group = m_group->text().trimmed();
    contact.favourite = m_favourite->isChecked();
    const QString phone = m_phone->text().trimmed();
    if (contact.numbers.isEmpty() && !phone.isEmpty())
        contact.numbers.append({ QStringLiteral("voice"), phone });
    else if (!contact.numbers.isEmpty() && phone.isEmpty())
        contact.numbers.removeFirst();
    else if (!contact.numbers.isEmpty())
        contact.numbers.first().number = phone;
    const QString email = m_email->text().trimmed();
    if (contact.emails.isEmpty() && !email.isEmpty())
        contact.emails.append(email);
    else if (!contact.emails.isEmpty() && email.isEmpty())
        contact.emails.removeFirst();
    else if (!contact.emails.isEmpty())
        contact.emails.first() = email;
    return contact;
}

} // namespace Gui
