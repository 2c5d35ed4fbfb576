// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// UserAgent paces un-SUBSCRIBEs like initial SUBSCRIBEs (StartWindow): unsubscribing
// hundreds of contacts at once, one by one or by shutdown(), never has more than
// UserAgent's window (100) of them unanswered at the notifier, whose UDP socket would
// otherwise overflow; every subscription still ends, and shutdown() stays bounded.
//
// The notifier is a scripted UDP socket on 127.0.0.1 that answers SUBSCRIBEs in order,
// 20 every 20 ms: a SUBSCRIBE with 200 and a NOTIFY "active", an un-SUBSCRIBE (Expires: 0)
// with 200 and a NOTIFY "terminated". It counts how many un-SUBSCRIBEs were waiting for
// their answer at most: all of them at once without the window.
#include "sip/message/SipMessage.h"
#include "sip/transaction/TransactionMessages.h"
#include "sip/ua/UserAgent.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUdpSocket>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

using namespace Sip;

namespace {

constexpr int Contacts = 250;
constexpr int Window = 100; // UserAgent::SubscriptionsStartingAtOnce

class Notifier : public QObject
{
public:
    Notifier()
    {
        QVERIFY(socket.bind(QHostAddress::LocalHost, 0));
        connect(&socket, &QUdpSocket::readyRead, this, [this] { read(); });
        batch.setInterval(20);
        connect(&batch, &QTimer::timeout, this, [this] { answerSome(); });
        batch.start();
    }

    quint16 port() const { return socket.localPort(); }

    std::set<std::string> subscribeBranches; // distinct SUBSCRIBEs seen
    std::set<std::string> unsubscribeBranches; // distinct un-SUBSCRIBEs seen
    // Un-SUBSCRIBEs received and not answered yet, at most.
    int maxOutstanding = 0;

private:
    struct Held
    {
        SipMessage request;
        QHostAddress address;
        quint16 port = 0;
        bool counted = false; // in `outstanding`
    };

    void read()
    {
        while (socket.hasPendingDatagrams()) {
            QByteArray datagram(int(socket.pendingDatagramSize()), '\0');
            QHostAddress address;
            quint16 port = 0;
            socket.readDatagram(datagram.data(), datagram.size(), &address, &port);
            const SipMessage message = SipMessage::parse(datagram.toStdString());
            if (message.isNull() || !message.isRequest() || message.methodId() != Method::Subscribe)
                continue; // our NOTIFYs' 200s
            const std::string branch(message.vias().front().branch());
            const bool unsubscribe = message.expires() == 0;
            if (std::find(queuedBranches.begin(), queuedBranches.end(), branch)
                != queuedBranches.end())
                continue; // a retransmission of one not answered yet
            // A retransmission of one answered (our answer was lost) is answered again,
            // and is not another un-SUBSCRIBE waiting.
            const bool first
                    = (unsubscribe ? unsubscribeBranches : subscribeBranches).insert(branch).second;
            queue.push_back({ message, address, port, unsubscribe && first });
            queuedBranches.push_back(branch);
            if (unsubscribe && first)
                maxOutstanding = std::max(maxOutstanding, ++outstanding);
        }
    }

    // A few answers per tick: a burst of hundreds of datagrams would overflow the UA's
    // socket buffer in this one-thread test (the overflow the window exists to avoid).
    void answerSome()
    {
        for (int i = 0; i < 20 && !queue.empty(); ++i) {
            const Held h = queue.front();
            queue.pop_front();
            queuedBranches.pop_front();
            const bool unsubscribe = h.request.expires() == 0;
            if (h.counted)
                --outstanding;
            answer(h, unsubscribe ? "terminated;reason=timeout" : "active;expires=3600");
        }
    }

    void answer(const Held &h, const std::string &state)
    {
        const SipMessage &request = h.request;
        const std::string callId(request.callId());
        std::string tag(request.to()->tag());
        if (tag.empty())
            tag = "n" + std::to_string(std::hash<std::string>()(callId) % 100000);
        SipMessage ok = makeResponse(request, 200, {}, tag);
        ok.addHeader("Contact", "<sip:notifier@127.0.0.1:" + std::to_string(port()) + ">");
        ok.addHeader("Expires", std::string(request.header("Expires")));
        send(ok, h);
        const unsigned cseq = ++notifyCseq[callId];
        std::string notify
                = "NOTIFY " + std::string(request.contacts()[0].uri().text()) + " SIP/2.0\r\n";
        notify += "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(port()) + ";branch=z9hG4bK-notify-"
                + std::to_string(++notifies) + "\r\n";
        notify += "From: " + std::string(ok.header("To")) + "\r\n";
        notify += "To: " + std::string(request.header("From")) + "\r\n";
        notify += "Call-ID: " + callId + "\r\n";
        notify += "CSeq: " + std::to_string(cseq) + " NOTIFY\r\n";
        notify += "Contact: <sip:notifier@127.0.0.1:" + std::to_string(port()) + ">\r\n";
        notify += "Max-Forwards: 70\r\nEvent: presence\r\n";
        notify += "Subscription-State: " + state + "\r\nContent-Length: 0\r\n\r\n";
        socket.writeDatagram(QByteArray::fromStdString(notify), h.address, h.port);
    }

    void send(const SipMessage &message, const Held &h)
    {
        socket.writeDatagram(QByteArray::fromStdString(message.toString()), h.address, h.port);
    }

    QUdpSocket socket;
    QTimer batch;
    std::deque<Held> queue;
    std::deque<std::string> queuedBranches;
    int outstanding = 0;
    std::map<std::string, unsigned> notifyCseq;
    int notifies = 0;
};

} // namespace

class TestUnsubscribeWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void unsubscribingAllIsPaced();
    void shutdownPacesAndStaysBounded();

private:
    void subscribeAll();
    int countInState(const QString &state) const;

    std::unique_ptr<Notifier> notifier;
    std::unique_ptr<UserAgent> ua;
    QHash<QString, QString> states; // uri -> last state
    QStringList uris;
};

void TestUnsubscribeWindow::init()
{
    notifier = std::make_unique<Notifier>();
    ua = std::make_unique<UserAgent>();
    states.clear();
    uris.clear();
    connect(ua.get(), &UserAgent::subscriptionStateChanged, this,
            [this](const QString &uri, const QString &state, const QString &) {
                states[uri] = state;
            });
    QSignalSpy started(ua.get(), &UserAgent::started);
    EngineConfig config;
    config.listen.append({ TransportType::Udp, QHostAddress(QHostAddress::LocalHost), 0 });
    ua->start(config);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
    for (int i = 0; i < Contacts; ++i)
        uris << QStringLiteral("sip:user%1@127.0.0.1:%2").arg(i).arg(notifier->port());
}

void TestUnsubscribeWindow::cleanup()
{
    ua.reset();
    notifier.reset();
}

int TestUnsubscribeWindow::countInState(const QString &state) const
{
    int n = 0;
    for (const QString &uri : uris)
        n += states.value(uri) == state ? 1 : 0;
    return n;
}

void TestUnsubscribeWindow::subscribeAll()
{
    for (const QString &uri : std::as_const(uris))
        ua->subscribePresence(uri);
    QTRY_COMPARE_WITH_TIMEOUT(countInState(QStringLiteral("active")), Contacts, 20000);
    QCOMPARE(int(notifier->subscribeBranches.size()), Contacts);
    QCOMPARE(notifier->maxOutstanding, 0);
}

void TestUnsubscribeWindow::unsubscribingAllIsPaced()
{
    subscribeAll();
    for (const QString &uri : std::as_const(uris))
        ua->unsubscribePresence(uri);
    QTRY_COMPARE_WITH_TIMEOUT(countInState(QStringLiteral("terminated")), Contacts, 20000);
    QCOMPARE(int(notifier->unsubscribeBranches.size()), Contacts);
    qInfo("un-SUBSCRIBEs unanswered at once at most: %d (window %d)", notifier->maxOutstanding,
          Window);
    QVERIFY(notifier->maxOutstanding > 0);
    QVERIFY(notifier->maxOutstanding <= Window);
}

void TestUnsubscribeWindow::shutdownPacesAndStaysBounded()
{
    subscribeAll();
    QSignalSpy complete(ua.get(), &UserAgent::shutdownComplete);
    QElapsedTimer timer;
    timer.start();
    ua->shutdown();
    // 250 answered at 1,000/s: well within the 4 s grace, and shutdownComplete waits
    // for them.
    QVERIFY(complete.wait(10000));
    const qint64 elapsed = timer.elapsed();
    qInfo("shutdown with %d subscriptions: %lld ms, at most %d un-SUBSCRIBEs unanswered", Contacts,
          elapsed, notifier->maxOutstanding);
    QCOMPARE(int(notifier->unsubscribeBranches.size()), Contacts);
    QCOMPARE(countInState(QStringLiteral("terminated")), Contacts);
    QVERIFY(notifier->maxOutstanding <= Window);
    QVERIFY(elapsed < 4000 + 1000); // the grace period bounds it whatever the notifier does
}

QTEST_GUILESS_MAIN(TestUnsubscribeWindow)
#include "tst_unsubscribe_window.moc"
