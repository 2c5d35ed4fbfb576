// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Call transfer across three user agents on 127.0.0.1 (real UDP sockets, real clocks, one
// thread): the UserAgent wiring around InviteSession's REFER and Replaces support.
//   blind     A calls B; B REFERs A to C; A calls C and NOTIFYs B (100 ... 200); B hangs up.
//   attended  A calls B, B calls C; B REFERs A to C with a Replaces of the B-C dialog; C
//             swaps that call for A's without ringing; both of B's calls end.
//   failures  a transfer target that refuses: B gets the failure and keeps its call; an
//             INVITE whose Replaces names no dialog: 481.

#include "sip/ua/UserAgent.h"

#include <QHostAddress>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

using namespace Sip;

namespace {

struct CallEvent
{
    QString call;
    CallStatus status;
};

struct TransferEvent
{
    QString call;
    int code = 0;
    bool final = false;
};

// One user agent and everything it reported.
struct Agent
{
    std::unique_ptr<UserAgent> ua;
    QString uri; // sip:parlo@127.0.0.1:PORT
    quint16 port = 0;
    QStringList incoming; // call ids
    std::vector<CallEvent> states;
    std::vector<TransferEvent> transfers; // transferor side
    QStringList transferCalls; // transferee side: "old->new target"
    QStringList replacements; // "new->replaced"

    bool reached(const QString &call, CallState state) const
    {
        for (const CallEvent &e : states) {
            if (e.call == call && e.status.state == state)
                return true;
        }
        return false;
    }
    CallStatus last(const QString &call) const
    {
        CallStatus status;
        for (const CallEvent &e : states) {
            if (e.call == call)
                status = e.status;
        }
        return status;
    }
    bool finalTransfer(const QString &call, int *code) const
    {
        for (const TransferEvent &e : transfers) {
            if (e.call == call && e.final) {
                *code = e.code;
                return true;
            }
        }
        return false;
    }
    QList<int> transferCodes(const QString &call) const
    {
        QList<int> codes;
        for (const TransferEvent &e : transfers) {
            if (e.call == call)
                codes.append(e.code);
        }
        return codes;
    }
};

} // namespace

class TestCallTransfer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void blindTransfer();
    void attendedTransfer();
    void transferTargetRefuses();
    void replacesUnknownDialog();

private:
    std::unique_ptr<Agent> startAgent(int autoAnswerSeconds);
    bool connectAB(QString *aCall, QString *bCall);

    std::unique_ptr<Agent> a, b, c;
};

std::unique_ptr<Agent> TestCallTransfer::startAgent(int autoAnswerSeconds)
{
    auto agent = std::make_unique<Agent>();
    agent->ua = std::make_unique<UserAgent>();
    UserAgent *ua = agent->ua.get();
    Agent *raw = agent.get();
    QObject::connect(ua, &UserAgent::incomingCall, ua,
                     [raw](const QString &id, const QString &, const QString &) {
                         raw->incoming.append(id);
                     });
    QObject::connect(ua, &UserAgent::callStateChanged, ua,
                     [raw](const QString &id, const CallStatus &status) {
                         raw->states.push_back({ id, status });
                     });
    QObject::connect(ua, &UserAgent::callTransferProgress, ua,
                     [raw](const QString &id, int code, const QString &, bool final) {
                         raw->transfers.push_back({ id, code, final });
                     });
    QObject::connect(ua, &UserAgent::callTransferStarted, ua,
                     [raw](const QString &id, const QString &newId, const QString &target) {
                         raw->transferCalls.append(id + "->" + newId + " " + target);
                     });
    QObject::connect(ua, &UserAgent::callReplaces, ua,
                     [raw](const QString &id, const QString &replaced) {
                         raw->replacements.append(id + "->" + replaced);
                     });
    QStringList listening;
    QObject::connect(ua, &UserAgent::started, ua,
                     [&listening](const QStringList &l) { listening = l; });
    EngineConfig config;
    config.listen.append({ TransportType::Udp, QHostAddress(QHostAddress::LocalHost), 0 });
    config.t1Milliseconds = 100;
    config.autoAnswerSeconds = autoAnswerSeconds;
    ua->start(config);
    if (!QTest::qWaitFor([&] { return !listening.isEmpty(); }, 5000))
        return nullptr;
    // "udp:127.0.0.1:PORT"
    agent->port = listening.first().section(QLatin1Char(':'), -1).toUShort();
    agent->uri = QStringLiteral("sip:parlo@127.0.0.1:%1").arg(agent->port);
    return agent;
}

void TestCallTransfer::init()
{
    a = startAgent(0);
    b = startAgent(0);
    c = startAgent(0);
    QVERIFY(a && b && c);
}

void TestCallTransfer::cleanup()
{
    for (Agent *agent : { a.get(), b.get(), c.get() }) {
        if (agent && agent->ua)
            agent->ua->shutdown();
    }
    QTest::qWait(50); // the BYEs leave
    a.reset();
    b.reset();
    c.reset();
}

bool TestCallTransfer::connectAB(QString *aCall, QString *bCall)
{
    *aCall = QStringLiteral("a1");
    a->ua->makeCall(*aCall, b->uri);
    if (!QTest::qWaitFor(
                [&] { return a->reached(*aCall, CallState::Confirmed) && !b->incoming.isEmpty(); },
                5000))
        return false;
    *bCall = b->incoming.first();
    return QTest::qWaitFor([&] { return b->reached(*bCall, CallState::Confirmed); }, 5000);
}

void TestCallTransfer::blindTransfer()
{
    QString aCall, bCall;
    QVERIFY(connectAB(&aCall, &bCall));
    b->ua->transferCall(bCall, c->uri);

    // A (transferee) calls the target with Referred-By; C answers.
    QTRY_COMPARE_WITH_TIMEOUT(a->transferCalls.size(), 1, 5000);
    QCOMPARE(a->transferCalls.first(), QStringLiteral("a1->xfer1 ") + c->uri);
    QTRY_VERIFY_WITH_TIMEOUT(a->reached(QStringLiteral("xfer1"), CallState::Confirmed), 5000);
    QCOMPARE(c->incoming.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(c->reached(c->incoming.first(), CallState::Confirmed), 5000);

    // B (transferor) saw 202, NOTIFY 100 ... 200 (final), then hung up its call with A.
    int finalCode = 0;
    QTRY_VERIFY_WITH_TIMEOUT(b->finalTransfer(bCall, &finalCode), 5000);
    QCOMPARE(finalCode, 200);
    const QList<int> codes = b->transferCodes(bCall);
    QVERIFY2(codes.size() >= 3, qPrintable(QString::number(codes.size())));
    // The 202 and the NOTIFY 100 may cross (RFC 3515 §2.4.4); both come first.
    QVERIFY2((codes.at(0) == 202 && codes.at(1) == 100)
                     || (codes.at(0) == 100 && codes.at(1) == 202),
             qPrintable(QString::number(codes.at(0))));
    QCOMPARE(codes.last(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(b->last(bCall).state, CallState::Terminated, 5000);
    QCOMPARE(b->last(bCall).endCause, CallEndCause::Transferred);
    QTRY_COMPARE_WITH_TIMEOUT(a->last(aCall).state, CallState::Terminated, 5000);
    QCOMPARE(a->last(aCall).endCause, CallEndCause::RemoteHangup);
    // The new call goes on.
    QCOMPARE(a->last(QStringLiteral("xfer1")).state, CallState::Confirmed);
}

void TestCallTransfer::attendedTransfer()
{
    QString aCall, bCall;
    QVERIFY(connectAB(&aCall, &bCall));
    // B's consultation call with C.
    b->ua->makeCall(QStringLiteral("b1"), c->uri);
    QTRY_VERIFY_WITH_TIMEOUT(b->reached(QStringLiteral("b1"), CallState::Confirmed), 5000);
    QCOMPARE(c->incoming.size(), 1);
    const QString consultation = c->incoming.first();
    QTRY_VERIFY_WITH_TIMEOUT(c->reached(consultation, CallState::Confirmed), 5000);
    const size_t cStatesBefore = c->states.size();

    b->ua->transferCallAttended(bCall, QStringLiteral("b1"));

    // C: an INVITE with Replaces takes over the consultation call, answered without ringing.
    QTRY_COMPARE_WITH_TIMEOUT(c->replacements.size(), 1, 5000);
    QCOMPARE(c->incoming.size(), 2);
    const QString replacing = c->incoming.at(1);
    QCOMPARE(c->replacements.first(), replacing + "->" + consultation);
    QTRY_VERIFY_WITH_TIMEOUT(c->reached(replacing, CallState::Confirmed), 5000);
    for (size_t i = cStatesBefore; i < c->states.size(); ++i) {
        if (c->states[i].call == replacing)
            QVERIFY(c->states[i].status.state != CallState::Ringing);
    }
    QTRY_COMPARE_WITH_TIMEOUT(c->last(consultation).state, CallState::Terminated, 5000);
    QCOMPARE(c->last(consultation).endCause, CallEndCause::Replaced);

    // A placed the new call; its old call was hung up by B.
    QTRY_VERIFY_WITH_TIMEOUT(a->reached(QStringLiteral("xfer1"), CallState::Confirmed), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(a->last(aCall).state, CallState::Terminated, 5000);

    // B: the transfer succeeded and both its calls are over.
    int finalCode = 0;
    QTRY_VERIFY_WITH_TIMEOUT(b->finalTransfer(bCall, &finalCode), 5000);
    QCOMPARE(finalCode, 200);
    QTRY_COMPARE_WITH_TIMEOUT(b->last(bCall).state, CallState::Terminated, 5000);
    QCOMPARE(b->last(bCall).endCause, CallEndCause::Transferred);
    QTRY_COMPARE_WITH_TIMEOUT(b->last(QStringLiteral("b1")).state, CallState::Terminated, 5000);
    QCOMPARE(b->last(QStringLiteral("b1")).endCause, CallEndCause::RemoteHangup);
}

void TestCallTransfer::transferTargetRefuses()
{
    QString aCall, bCall;
    QVERIFY(connectAB(&aCall, &bCall));
    // C rejects whatever rings.
    auto refusing = startAgent(-1);
    QVERIFY(refusing);
    UserAgent *ua = refusing->ua.get();
    QObject::connect(
            ua, &UserAgent::incomingCall, ua,
            [ua](const QString &id, const QString &, const QString &) { ua->rejectCall(id, 486); });
    b->ua->transferCall(bCall, refusing->uri);

    int finalCode = 0;
    QTRY_VERIFY_WITH_TIMEOUT(b->finalTransfer(bCall, &finalCode), 5000);
    QCOMPARE(finalCode, 486);
    QTRY_COMPARE_WITH_TIMEOUT(a->last(QStringLiteral("xfer1")).state, CallState::Terminated, 5000);
    // The transfer failed: the original call goes on.
    QTest::qWait(200);
    QCOMPARE(b->last(bCall).state, CallState::Confirmed);
    QCOMPARE(a->last(aCall).state, CallState::Confirmed);
    refusing->ua->shutdown();
}

void TestCallTransfer::replacesUnknownDialog()
{
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const QString sdp
            = QStringLiteral("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                             "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");
    const QString invite
            = QStringLiteral("INVITE %1 SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 127.0.0.1:%2;branch=z9hG4bK-replaces-1;rport\r\n"
                             "From: <sip:x@127.0.0.1>;tag=x1\r\n"
                             "To: <%1>\r\n"
                             "Call-ID: replaces-unknown@127.0.0.1\r\n"
                             "CSeq: 1 INVITE\r\n"
                             "Contact: <sip:x@127.0.0.1:%2>\r\n"
                             "Max-Forwards: 70\r\n"
                             "Replaces: nosuchcall@127.0.0.1;to-tag=a;from-tag=b\r\n"
                             "Content-Type: application/sdp\r\n"
                             "Content-Length: %3\r\n\r\n%4")
                      .arg(c->uri)
                      .arg(peer.localPort())
                      .arg(sdp.size())
                      .arg(sdp);
    peer.writeDatagram(invite.toUtf8(), QHostAddress::LocalHost, c->port);
    QByteArray response;
    QVERIFY(QTest::qWaitFor(
            [&] {
                while (peer.hasPendingDatagrams()) {
                    QByteArray datagram(int(peer.pendingDatagramSize()), '\0');
                    peer.readDatagram(datagram.data(), datagram.size());
                    if (!datagram.startsWith("SIP/2.0 100"))
                        response = datagram;
                }
                return !response.isEmpty();
            },
            5000));
    QVERIFY2(response.startsWith("SIP/2.0 481"), response.constData());
    QVERIFY(c->incoming.isEmpty());
}

QTEST_GUILESS_MAIN(TestCallTransfer)
#include "tst_call_transfer.moc"
