// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Contact.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Gui {

/// Add or edit a contact. OK stays disabled until the SIP address is valid
/// (sip:user@host, sips: or tel:), and the label under the field says what is wrong.
class ContactDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ContactDialog(const App::Contact &contact, QWidget *parent = nullptr);

    App::Contact contact() const;
    // Empty when `uri` is a usable contact address, else what is wrong with it.
    static QString validateUri(const QString &uri);

private:
    void validate();

    App::Contact m_contact;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_uri = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_group = nullptr;
    QCheckBox *m_favourite = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Gui
