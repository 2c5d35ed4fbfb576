// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The main window on its own (the session is not started: no network, no database):
// structure, icons, accessible names, the search-and-dial field, the dial pad, and the
// contact dialog's address validation.

#include "CallWindow.h"
#include "ContactDialog.h"
#include "DialLineEdit.h"
#include "DialPad.h"
#include "IconLoader.h"
#include "MainWindow.h"
#include "Translations.h"
#include "core/AppSession.h"
#include "core/SingleInstance.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <thread>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void title();
    void icon();
    void everyIconRenders();
    void tabs();
    void accessibleNames();
    void searchFieldCallsAndChats();
    void dialPadTypesIntoTheSearchField();
    void contactAddressValidation_data();
    void contactAddressValidation();
    void contactDialogOkFollowsValidation();
    void dialTargets();
    void singleInstanceForwardsLinks();
    void chineseTranslationLoads(); // last: it installs a translator for the process

private:
    QTemporaryDir m_dir;
    std::unique_ptr<App::AppSession> m_session;
    std::unique_ptr<Gui::MainWindow> m_window;
};

void TestMainWindow::init()
{
    App::AppSessionOptions options;
    options.settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    options.databasePath = m_dir.filePath(QStringLiteral("parlo.sqlite"));
    options.dataDirectory = m_dir.path();
    options.secretBackend = QStringLiteral("file");
    m_session = std::make_unique<App::AppSession>(options);
    m_window = std::make_unique<Gui::MainWindow>(*m_session);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
}

void TestMainWindow::title()
{
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Parlo"));
}

void TestMainWindow::icon()
{
    QVERIFY(QFile::exists(Gui::MainWindow::iconPath()));
    QVERIFY(!m_window->windowIcon().isNull());
    // Fails if the SVG does not parse or no SVG icon engine / image plugin is installed.
    QVERIFY(!m_window->windowIcon().pixmap(QSize(32, 32)).isNull());
}

void TestMainWindow::everyIconRenders()
{
    for (const char *name :
         { "answer",     "backspace", "call",     "chat",     "contact-add", "contacts",
           "dialpad",    "favourite", "hangup",   "history",  "hold",        "incoming",
           "microphone", "missed",    "mute",     "outgoing", "parlo",       "resend",
           "search",     "send",      "settings", "transfer", "warning" }) {
        const QIcon icon = Gui::IconLoader::icon(QLatin1String(name), Qt::black);
        const QImage image = icon.pixmap(QSize(48, 48)).toImage();
        QVERIFY2(!image.isNull(), name);
        // Something was drawn: not every pixel transparent.
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; ++y) {
            for (int x = 0; x < image.width() && !drawn; ++x)
                drawn = qAlpha(image.pixel(x, y)) > 0;
        }
        QVERIFY2(drawn, name);
    }
}

void TestMainWindow::tabs()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTabWidget *tabs = m_window->tabs();
    QCOMPARE(tabs->count(), 4);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Contacts"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("History"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Chat"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("Dial pad"));
    QVERIFY(m_window->registrationLabel()->text().contains(QStringLiteral("No account")));
}

void TestMainWindow::accessibleNames()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QStringList unnamed;
    const auto check = [&](QWidget *widget, const QString &text) {
        if (widget->accessibleName().isEmpty() && text.isEmpty() && widget->toolTip().isEmpty())
            unnamed.append(QStringLiteral("%1 (%2)").arg(
                    widget->objectName(), QLatin1String(widget->metaObject()->className())));
    };
    QList<QWidget *> windows { m_window.get(), m_window->callWindow() };
    for (QWidget *top : windows) {
        for (QAbstractButton *button : top->findChildren<QAbstractButton *>()) {
            if (button->objectName().startsWith(QLatin1String("qt_"))
                || button->inherits("QLineEditIconButton"))
                continue; // Qt's own (tab scrollers, line edit icons): not in the focus chain
            check(button, button->text());
        }
        for (QLineEdit *edit : top->findChildren<QLineEdit *>()) {
            if (!qobject_cast<QComboBox *>(edit->parentWidget()))
                check(edit, {});
        }
        for (QComboBox *combo : top->findChildren<QComboBox *>())
            check(combo, {});
        for (QAbstractItemView *view : top->findChildren<QAbstractItemView *>()) {
            if (!qobject_cast<QComboBox *>(view->parentWidget())
                && view->objectName() != QLatin1String("qt_scrollarea_viewport")
                && !view->inherits("QComboBoxListView"))
                check(view, {});
        }
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestMainWindow::searchFieldCallsAndChats()
{
    Gui::DialLineEdit *field = m_window->searchField();
    QSignalSpy call(field, &Gui::DialLineEdit::callRequested);
    QSignalSpy chat(field, &Gui::DialLineEdit::chatRequested);
    field->setText(QStringLiteral("sip:bob@example.com"));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(call.size(), 1);
    QCOMPARE(call.first().first().toString(), QStringLiteral("sip:bob@example.com"));
    QCOMPARE(chat.size(), 0);
    field->setText(QStringLiteral("sip:carol@example.com"));
    QTest::keyClick(field, Qt::Key_Enter, Qt::ControlModifier);
    QCOMPARE(chat.size(), 1);
    QCOMPARE(chat.first().first().toString(), QStringLiteral("sip:carol@example.com"));
    QCOMPARE(call.size(), 1);
}

void TestMainWindow::dialPadTypesIntoTheSearchField()
{
    m_window->show();
    m_window->showTab(Gui::MainWindow::Tab::DialPad);
    auto *pad = m_window->findChild<Gui::DialPad *>(QStringLiteral("dialPad"));
    QVERIFY(pad);
    m_window->searchField()->clear();
    QTest::mouseClick(pad->findChild<QAbstractButton *>(QStringLiteral("dialKey_0")),
                      Qt::LeftButton); // 1
    QTest::mouseClick(pad->findChild<QAbstractButton *>(QStringLiteral("dialKey_10")),
                      Qt::LeftButton); // 0
    QTest::keyClicks(pad, QStringLiteral("9#*"));
    QCOMPARE(m_window->searchField()->text(), QStringLiteral("109#*"));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("dialBackspace")),
                      Qt::LeftButton);
    QCOMPARE(m_window->searchField()->text(), QStringLiteral("109#"));
}

void TestMainWindow::contactAddressValidation_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<bool>("valid");
    QTest::newRow("sip") << "sip:alice@example.com" << true;
    QTest::newRow("bare") << "alice@example.com" << true;
    QTest::newRow("port") << "sip:bob@127.0.0.1:5070" << true;
    QTest::newRow("ipv6") << "sip:bob@[::1]:5070" << true;
    QTest::newRow("sips") << "sips:carol@example.org;transport=tls" << true;
    QTest::newRow("tel") << "tel:+44-20-7946-0000" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("spaces") << "sip:al ice@exa mple.com" << false;
    QTest::newRow("http") << "http://example.com" << false;
    QTest::newRow("tel letters") << "tel:call-me" << false;
}

void TestMainWindow::contactAddressValidation()
{
    QFETCH(QString, uri);
    QFETCH(bool, valid);
    QCOMPARE(Gui::ContactDialog::validateUri(uri).isEmpty(), valid);
}

void TestMainWindow::contactDialogOkFollowsValidation()
{
    Gui::ContactDialog dialog(App::Contact {});
    auto *uri = dialog.findChild<QLineEdit *>(QStringLiteral("contactUri"));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    uri->setText(QStringLiteral("not an address"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("contactUriError"))->text().isEmpty());
    uri->setText(QStringLiteral("sip:alice@example.com"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.contact().sipUri, QStringLiteral("sip:alice@example.com"));
}

void TestMainWindow::dialTargets()
{
    // Serverless: only full addresses can be called.
    QCOMPARE(m_session->targetUri(QStringLiteral("bob")), QString());
    QCOMPARE(m_session->targetUri(QStringLiteral("bob@192.0.2.1")),
             QStringLiteral("sip:bob@192.0.2.1"));
    QCOMPARE(m_session->targetUri(QStringLiteral(" sip:Bob@Example.COM ")),
             QStringLiteral("sip:Bob@example.com"));
    QCOMPARE(m_session->targetUri(QStringLiteral("tel:+123")), QString());

    App::AccountSettings account;
    account.aor = QStringLiteral("sip:alice@example.com");
    account.registerEnabled = false;
    QSignalSpy saved(m_session.get(), &App::AppSession::accountSaved);
    m_session->saveAccount(account, QStringLiteral("pw"));
    QVERIFY(saved.wait(5000));
    QCOMPARE(m_session->targetUri(QStringLiteral("1234")), QStringLiteral("sip:1234@example.com"));
    QCOMPARE(m_session->targetUri(QStringLiteral("tel:+44 20-7946")),
             QStringLiteral("sip:+44207946@example.com;user=phone"));
    QCOMPARE(m_session->targetUri(QStringLiteral("sips:carol@example.org")),
             QStringLiteral("sips:carol@example.org"));
}

void TestMainWindow::singleInstanceForwardsLinks()
{
    const QString key = QStringLiteral("parlo-test-%1").arg(QCoreApplication::applicationPid());
    App::SingleInstance first(key);
    QVERIFY(first.listen());
    QSignalSpy received(&first, &App::SingleInstance::argumentsReceived);

    // A second start finds the first and hands its link over (from a thread, as a second
    // process would: sendToRunning() waits for the first one's event loop).
    App::SingleInstance second(key);
    QVERIFY(!second.listen());
    bool sent = false;
    std::thread other([&] {
        App::SingleInstance third(key);
        sent = third.sendToRunning({ QStringLiteral("sip:bob@example.com") });
    });
    QVERIFY(received.wait(5000));
    other.join();
    QVERIFY(sent);
    QCOMPARE(received.first().first().toStringList(),
             QStringList { QStringLiteral("sip:bob@example.com") });
}

void TestMainWindow::chineseTranslationLoads()
{
    QCOMPARE(Gui::Translations::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    Gui::MainWindow window(*m_session);
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("联系人"));
    QCOMPARE(window.tabs()->tabText(3), QStringLiteral("拨号盘"));
}

QTEST_MAIN(TestMainWindow)

#include "tst_mainwindow.moc"
