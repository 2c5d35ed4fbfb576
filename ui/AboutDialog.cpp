// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AboutDialog.h"

#include "AppInfo.h"
#include "IconLoader.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace Gui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Parlo"));
    setAccessibleName(tr("About Parlo"));
    auto *layout = new QVBoxLayout(this);

    auto *icon = new QLabel(this);
    icon->setPixmap(IconLoader::icon(QStringLiteral("parlo")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    icon->setAccessibleName(tr("Parlo logo"));
    layout->addWidget(icon);

    auto *title = new QLabel(
            QStringLiteral("<h2>%1</h2>").arg(App::AppInfo::name().toHtmlEscaped()), this);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);

    m_version = new QLabel(tr("Version %1").arg(App::AppInfo::version()), this);
    m_version->setObjectName(QStringLiteral("aboutVersion"));
    m_version->setAlignment(Qt::AlignCenter);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_version);

    auto *summary = new QLabel(tr("A SIP softphone: calls, messages and presence."), this);
    summary->setAlignment(Qt::AlignCenter);
    summary->setWordWrap(true);
    layout->addWidget(summary);

    m_licence = new QLabel(tr("Free software under the GNU General Public License, version 3 or "
                              "(at your option) any later version. It comes with no warranty."),
                           this);
    m_licence->setObjectName(QStringLiteral("aboutLicence"));
    m_licence->setAlignment(Qt::AlignCenter);
    m_licence->setWordWrap(true);
    layout->addWidget(m_licence);

    // The Qt found at run time may be newer than the one Parlo was built with.
    m_qt = new QLabel(tr("Qt %1 (built with Qt %2)")
                              .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                      this);
    m_qt->setObjectName(QStringLiteral("aboutQt"));
    m_qt->setAlignment(Qt::AlignCenter);
    m_qt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_qt);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::versionText() const
{
    return m_version->text();
}

QString AboutDialog::licenceText() const
{
    return m_licence->text();
}

QString AboutDialog::qtText() const
{
    return m_qt->text();
}

} // namespace Gui
