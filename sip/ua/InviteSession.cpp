// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "InviteSession.h"

#include "RequestAuthenticator.h"
#include "auth/CredentialCache.h"
#include "dialog/InviteForkHandler.h"
#include "message/TextUtil.h"
#include "sdp/SdpParser.h"
#include "transaction/TransactionMessages.h"

#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>

namespace Sip {

namespace {

using namespace std::chrono_literals;

QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

std::string str(std::string_view v)
{
    return std::string(v);
}

bool hasSdp(const SipMessage &message)
{
    if (message.body().empty())
        return false;
    const MediaType *type = message.contentType();
    return type && type->matches("application", "sdp");
}

std::optional<SessionDescription> sdpOf(const SipMessage &message, std::string *error)
{
    const SdpParser::Result parsed = SdpParser::parse(message.body());
    if (!parsed.ok()) {
        if (error)
            *error = "malformed SDP: " + parsed.error.toString();
        return std::nullopt;
    }
    return parsed.description;
}

// Text fit for a quoted-string in Warning / Reason (no quotes, no controls).
std::string plainText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += (c == '"' || c == '\\' || u < 0x20 || u == 0x7f) ? ' ' : c;
    }
    return out;
}

// RFC 3261 §20.43: warn-code SP warn-agent SP warn-text.
std::string warningValue(int code, std::string_view agent, std::string_view text)
{
    return std::to_string(code) + " " + std::string(agent.empty() ? "parlo" : agent) + " \""
            + plainText(text) + "\"";
}

// RFC 3326: Reason: SIP;cause=488;text="..."
std::string reasonValue(int cause, std::string_view text)
{
    return "SIP;cause=" + std::to_string(cause) + ";text=\"" + plainText(text) + "\"";
}

int randomBetween(int low, int high)
{
    return low + int(QRandomGenerator::global()->bounded(quint32(high - low + 1)));
}

bool containsToken(std::span<const std::string_view> list, std::string_view token)
{
    return std::any_of(list.begin(), list.end(), [token](std::string_view item) {
        return TextUtil::equalsIgnoreCase(TextUtil::trim(item), token);
    });
}

struct SessionExpires
{
    int delta = 0;
    std::string refresher; // "uac", "uas" or empty
};

// RFC 4028 §4: Session-Expires = delta-seconds *(;se-params), se-params = refresher-param
std::optional<SessionExpires> parseSessionExpires(std::string_view value)
{
    value = TextUtil::trim(value);
    if (value.empty())
        return std::nullopt;
    size_t i = 0;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9')
        ++i;
    const auto delta = TextUtil::parseSaturating(value.substr(0, i), 1u << 30);
    if (i == 0 || !delta)
        return std::nullopt;
    SessionExpires out;
    out.delta = int(*delta);
    std::string_view rest = value.substr(i);
    while (!rest.empty()) {
        const size_t semi = rest.find(';');
        if (semi == std::string_view::npos)
            break;
        rest.remove_prefix(semi + 1);
        const size_t end = rest.find(';');
        std::string_view param = TextUtil::trim(rest.substr(0, end));
        const size_t eq = param.find('=');
        if (eq != std::string_view::npos
            && TextUtil::equalsIgnoreCase(TextUtil::trim(param.substr(0, eq)), "refresher")) {
            std::string who = str(TextUtil::trim(param.substr(eq + 1)));
            std::transform(who.begin(), who.end(), who.begin(), [](char c) {
                return char(std::tolower(static_cast<unsigned char>(c)));
            });
            out.refresher = who;
        }
        if (end == std::string_view::npos)
            break;
    }
    return out;
}

int parseMinSe(std::string_view value)
{
    value = TextUtil::trim(value);
    size_t i = 0;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9')
        ++i;
    const auto v = TextUtil::parseSaturating(value.substr(0, i), 1u << 30);
    return (i > 0 && v) ? int(*v) : 0;
}

// The characters a URI header value (hvalue, RFC 3261 §25.1) may carry unescaped.
std::string escapeHeaderValue(std::string_view value)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = std::isalnum(u)
                || std::string_view("-_.!~*'()[]/?:+$").find(c) != std::string_view::npos;
        if (plain) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

// Signal values of application/dtmf-relay: a digit, or 10/11 for * and # (some PBXes).
std::optional<QChar> dtmfDigit(std::string_view signal)
{
    signal = TextUtil::trim(signal);
    if (signal == "10")
        return QChar(u'*');
    if (signal == "11")
        return QChar(u'#');
    if (signal.size() != 1)
        return std::nullopt;
    const char c = char(std::toupper(static_cast<unsigned char>(signal[0])));
    if ((c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D'))
        return QChar(QLatin1Char(c));
    return std::nullopt;
}

// §13.2.2.4: the ACK of a 2xx carries the credentials of the INVITE it acknowledges.
void copyCredentials(const SipMessage &from, SipMessage &to)
{
    for (const HeaderField &field : from.headers()) {
        if (field.id == HeaderId::Authorization || field.id == HeaderId::ProxyAuthorization)
            to.addHeader(field.name, field.value);
    }
}

} // namespace

// One request we send inside the dialog, across its authentication retries.
struct InviteSession::InDialogRequest
{
    RequestHandler handler;
    std::unique_ptr<RequestAuthenticator> auth;
    int authRounds = 0;
    bool done = false;
};

InviteSession::InviteSession(TransactionLayer &layer, Resolver resolver, QObject *parent)
    : InviteSession(layer, std::move(resolver), Settings(), parent)
{
}

InviteSession::InviteSession(TransactionLayer &layer, Resolver resolver, Settings settings,
                             QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_sender(layer, std::move(resolver))
    , m_settings(std::move(settings))
    , m_negotiator(SdpLocalConfig {})
{
    // RFC 4028 §4: Min-SE is never below 90 s; Session-Expires never below Min-SE.
    m_settings.minSessionExpires = std::max(m_settings.minSessionExpires, 90);
    if (m_settings.sessionExpires > 0)
        m_settings.sessionExpires
                = std::max(m_settings.sessionExpires, m_settings.minSessionExpires);
}

InviteSession::~InviteSession() = default;

// ---- status ------------------------------------------------------------------------------

void InviteSession::setStatus(CallState state, int code, const QString &reason, CallEndCause cause)
{
    if (m_status.state == CallState::Terminated)
        return;
    CallStatus next;
    next.state = state;
    next.statusCode = code;
    next.reason = reason;
    next.endCause = state == CallState::Terminated ? cause : CallEndCause::None;
    next.localHold = state != CallState::Terminated && m_localHold;
    next.remoteHold = state != CallState::Terminated && m_media.active && m_media.audio.remoteHold;
    if (next == m_status)
        return;
    m_status = next;
    emit stateChanged(m_status);
}

void InviteSession::terminate(int code, const QString &reason, CallEndCause cause)
{
    m_noAnswerTimer.cancel();
    m_glareTimer.cancel();
    m_sessionTimer.cancel();
    m_dtmfQueue.clear();
    setStatus(CallState::Terminated, code, reason, cause);
    maybeEnd();
}

void InviteSession::updateMedia(const SdpNegotiationResult &result, bool early)
{
    CallMedia media;
    if (const SdpNegotiatedStream *audio = result.audio()) {
        media.active = true;
        media.audio = *audio;
    }
    media.early = early;
    if (media == m_media)
        return;
    m_media = media;
    emit mediaChanged(m_media);
}

void InviteSession::updateHoldState(int code, const QString &reason)
{
    const bool held = m_localHold || (m_media.active && m_media.audio.remoteHold);
    setStatus(held ? CallState::Held : CallState::Confirmed, code, reason);
}

void InviteSession::maybeEnd()
{
    if (m_ended || m_endScheduled || m_status.state != CallState::Terminated)
        return;
    if (m_pendingRequests > 0 || m_byeAfterAck)
        return;
    // UAC: the INVITE must be over: a final non-2xx, or - once answered - the end of its
    // transaction (RFC 6026 Timer M), so a late 2xx (CANCEL race, other forks) is still
    // ACKed and hung up.
    if (m_fork && !m_fork->isFinished() && !m_fork->dialogSet().isFailed())
        return;
    m_endScheduled = true;
    m_endTimer.start(m_layer.clock(), 0ms, [this] {
        m_ended = true;
        emit ended();
    });
}

DialogId InviteSession::dialogId() const
{
    return m_dialog ? m_dialog->id() : DialogId {};
}

// ---- UAC ---------------------------------------------------------------------------------

bool InviteSession::makeCall(const CallParams &params, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_started)
        return fail(QStringLiteral("the session is already in use"));
    std::string problem;
    SipMessage invite = SipMessage::createRequest("INVITE", params.targetUri, &problem);
    if (invite.isNull())
        return fail(QStringLiteral("invalid target %1: %2").arg(qs(params.targetUri), qs(problem)));
    if (params.contact.empty())
        return fail(QStringLiteral("no Contact"));

    m_role = Role::Uac;
    m_params = params;
    m_credentials = params.credentials;
    m_callId = params.callId.empty() ? newTag() + newTag() : params.callId;
    m_contact = params.contact;
    m_localUri = params.fromUri;
    m_remoteUri = params.targetUri;
    const std::string tag = params.fromTag.empty() ? newTag() : params.fromTag;

    bool ok = invite.addHeader("Max-Forwards", "70", &problem)
            && invite.addHeader("From",
                                NameAddr::format(params.displayName, params.fromUri, "tag=" + tag),
                                &problem)
            && invite.addHeader("To", NameAddr::format({}, params.targetUri), &problem)
            && invite.addHeader("Call-ID", m_callId, &problem)
            && invite.addHeader("CSeq", "1 INVITE", &problem)
            && invite.addHeader("Contact", NameAddr::format({}, params.contact), &problem);
    for (const auto &[name, value] : params.extraHeaders) {
        if (ok)
            ok = invite.addHeader(name, value, &problem);
    }
    if (!ok)
        return fail(QStringLiteral("cannot build the INVITE: %1").arg(qs(problem)));
    addCapabilities(invite);
    addCommonHeaders(invite, true);
    // RFC 4028 §7.1: ask for a session timer; the UAS (or a proxy) may lower it.
    if (m_settings.sessionExpires > 0) {
        invite.addHeader("Session-Expires", std::to_string(m_settings.sessionExpires));
        if (m_settings.minSessionExpires != 90)
            invite.addHeader("Min-SE", std::to_string(m_settings.minSessionExpires));
    }
    // RFC 3264 §5: the offer goes in the INVITE.
    m_negotiator.setConfig(params.sdp);
    const SessionDescription offer = m_negotiator.createOffer();
    if (!invite.setBody(SessionDescription::ContentType, offer.toString(), &problem))
        return fail(QStringLiteral("cannot attach the SDP offer: %1").arg(qs(problem)));
    m_offerState = m_negotiator;

    Endpoint destination = params.destination;
    if (destination.isNull()) {
        const auto resolved = m_sender.resolve(params.targetUri, &problem);
        if (!resolved)
            return fail(
                    QStringLiteral("cannot resolve %1: %2").arg(qs(params.targetUri), qs(problem)));
        destination = *resolved;
    }
    if (params.credentials)
        m_inviteAuth = std::make_unique<RequestAuthenticator>(*params.credentials);
    m_triedTargets.insert(params.targetUri);
    if (!startInvite(invite, destination, error))
        return false;
    m_started = true;
    m_status.state = CallState::Calling;
    if (m_settings.noAnswerTimeout > 0ms)
        m_noAnswerTimer.start(m_layer.clock(), m_settings.noAnswerTimeout, [this] { noAnswer(); });
    return true;
}

bool InviteSession::startInvite(const SipMessage &invite, const Endpoint &destination,
                                QString *error)
{
    auto fork = std::make_unique<InviteForkHandler>(m_layer, invite, m_sender.resolver());
    QPointer<InviteSession> self(this);
    InviteForkHandler *raw = fork.get();
    fork->setObserver([self, raw](const ForkResult &result, const ClientEvent &event) {
        if (self && self->m_fork.get() == raw)
            self->onForkEvent(result, event);
    });
    fork->setAckDecorator([invite](SipMessage &ack, const Dialog &, const SipMessage &) {
        copyCredentials(invite, ack);
    });
    std::string problem;
    if (!fork->start(destination, &problem)) {
        if (error)
            *error = QStringLiteral("cannot send the INVITE: %1").arg(qs(problem));
        return false;
    }
    // The previous INVITE (challenged, redirected) is over; its handler may be the one
    // calling us, and may be destroyed from inside its observer.
    m_fork = std::move(fork);
    m_invite = invite;
    m_destination = destination;
    return true;
}

void InviteSession::onForkEvent(const ForkResult &result, const ClientEvent &event)
{
    switch (result.kind) {
    case ForkResult::Kind::Trying:
        if (event.statusCode() > 100)
            onProvisional(event.response, nullptr); // a tagless 18x
        else if (m_status.state == CallState::Calling)
            setStatus(CallState::Calling, event.statusCode(), qs(event.response.reasonPhrase()));
        return;
    case ForkResult::Kind::Early:
        onProvisional(event.response, result.dialog);
        return;
    case ForkResult::Kind::Answered:
        onAnswered(result.dialog, event.response);
        return;
    case ForkResult::Kind::AnswerRepeated:
    case ForkResult::Kind::ExtraAnswer: // ACK + BYE sent by the fork handler (§13.2.2.4)
    case ForkResult::Kind::ExtraAnswerRepeated:
        return;
    case ForkResult::Kind::Failed:
        onInviteFailed(event);
        return;
    case ForkResult::Kind::Ignored:
        if (event.type == ClientEvent::Type::Terminated)
            maybeEnd();
        return;
    }
}

void InviteSession::onProvisional(const SipMessage &response, const std::shared_ptr<Dialog> &dialog)
{
    if (m_status.state == CallState::Terminated)
        return;
    const int code = response.statusCode();
    const QString reason = qs(response.reasonPhrase());
    // Early media (RFC 3960): an SDP answer in a provisional response. Each fork may send
    // its own; the negotiation is tried on a copy of the offer state, as the 2xx may
    // still bring another answer.
    if (hasSdp(response) && m_offerState) {
        if (const auto sdp = sdpOf(response, nullptr)) {
            SdpNegotiator probe = *m_offerState;
            const SdpNegotiationResult result = probe.processAnswer(*sdp);
            if (result.ok) {
                if (dialog)
                    m_earlyAnswers[dialog->remoteTag()] = *sdp;
                updateMedia(result, true);
                setStatus(CallState::Early, code, reason);
                return;
            }
        }
    }
    if (m_status.state == CallState::Early) {
        setStatus(CallState::Early, code, reason); // early media keeps playing
        return;
    }
    if (code >= 180 && code <= 182)
        setStatus(CallState::Ringing, code, reason);
    else
        setStatus(m_status.state, code, reason);
}

void InviteSession::onAnswered(const std::shared_ptr<Dialog> &dialog, const SipMessage &response)
{
    m_noAnswerTimer.cancel();
    m_dialog = dialog;
    m_dialog->setLocalContact(NameAddr::format({}, m_contact));
    if (m_status.state == CallState::Terminated) {
        // §9.1: the 2xx beat our CANCEL. The fork handler ACKed it; end the call.
        sendBye();
        maybeEnd();
        return;
    }
    m_peerAllowsUpdate = containsToken(response.allow(), "UPDATE");
    if (const NameAddr *to = response.to(); to && !to->displayNameText().empty())
        m_remoteDisplayName = to->displayNameText();

    // RFC 3264 §5: the answer to the INVITE's offer. A 2xx without SDP after a 183 with
    // SDP from the same fork: that was the answer (common practice without 100rel).
    std::optional<SessionDescription> answer;
    std::string why = "no SDP answer in the 2xx";
    if (hasSdp(response)) {
        answer = sdpOf(response, &why);
    } else if (const auto it = m_earlyAnswers.find(dialog->remoteTag());
               it != m_earlyAnswers.end()) {
        answer = it->second;
    }
    SdpNegotiationResult result;
    if (answer && m_offerState) {
        m_negotiator = *m_offerState;
        result = m_negotiator.processAnswer(*answer);
        if (!result.ok)
            why = result.reason;
    }
    m_offerState.reset();
    m_earlyAnswers.clear();
    if (!answer || !result.ok) {
        // The call cannot have media: ACKed already, so end it (RFC 3261 §13.2.1).
        sendBye(reasonValue(488, why));
        terminate(488, QStringLiteral("Not Acceptable Here: %1").arg(qs(why)),
                  CallEndCause::Failed);
        return;
    }
    updateMedia(result, false);
    // RFC 4028 §7.2: the 2xx says whether there is a session timer and who refreshes.
    if (const auto se = parseSessionExpires(response.header("Session-Expires")))
        applySessionTimer(se->delta, se->refresher != "uas");
    updateHoldState(response.statusCode(), qs(response.reasonPhrase()));
    syncHold();
}

void InviteSession::onInviteFailed(const ClientEvent &event)
{
    const int code = event.statusCode();
    const QString reason = qs(event.response.reasonPhrase());
    if (m_status.state == CallState::Terminated) {
        maybeEnd(); // the end of a CANCELled INVITE (487, or whatever came first)
        return;
    }
    if (event.type == ClientEvent::Type::Response && !m_cancelRequested) {
        if ((code == 401 || code == 407) && retryWithAuth(event.response))
            return;
        if (code == 422 && retryWithMinSe(event.response))
            return;
        if (code >= 300 && code < 400)
            collectRedirectTargets(event.response);
    }
    // The next redirect target, also after a failure of the previous one - but not
    // after a 6xx: a global failure, no other target will do better (§21.6).
    if (!m_cancelRequested && code < 600 && tryNextTarget(code, reason))
        return;
    CallEndCause cause = event.isSynthetic() ? CallEndCause::Failed : CallEndCause::Rejected;
    QString why = reason;
    if (code == 401 || code == 407) {
        cause = CallEndCause::Failed;
        if (!m_authError.isEmpty())
            why = m_authError;
    }
    terminate(code, why, cause);
}

bool InviteSession::retryWithAuth(const SipMessage &challenge)
{
    if (!m_inviteAuth)
        return false;
    SipMessage retry;
    QString why;
    const auto outcome = m_inviteAuth->answer(m_invite, challenge, retry, &why);
    if (outcome != RequestAuthenticator::Outcome::Retry) {
        m_authError = why;
        return false;
    }
    // §22.2 / §8.1.3.5: a new request - CSeq + 1, new branch (the layer adds the Via),
    // same Call-ID, From tag and offer.
    retry.setHeader("CSeq", std::to_string(m_invite.cseq()->number() + 1) + " INVITE");
    QString error;
    if (!startInvite(retry, m_destination, &error)) {
        m_authError = error;
        return false;
    }
    return true;
}

bool InviteSession::retryWithMinSe(const SipMessage &response)
{
    // RFC 4028 §7.4 (422): retry with Session-Expires and Min-SE at least the peer's Min-SE.
    const int minSe = parseMinSe(response.header("Min-SE"));
    if (minSe <= 0 || ++m_minSeRetries > 2)
        return false;
    SipMessage retry = m_invite;
    const int current = parseSessionExpires(m_invite.header("Session-Expires"))
                                .value_or(SessionExpires {})
                                .delta;
    retry.setHeader("Session-Expires", std::to_string(std::max(minSe, current)));
    retry.setHeader("Min-SE", std::to_string(minSe));
    retry.setHeader("CSeq", std::to_string(m_invite.cseq()->number() + 1) + " INVITE");
    return startInvite(retry, m_destination, nullptr);
}

void InviteSession::collectRedirectTargets(const SipMessage &response)
{
    // §8.1.3.4: the Contacts of a 3xx, highest q first, each URI tried once. They go
    // before the targets of earlier redirections (the newest answer knows best).
    std::vector<std::pair<int, std::string>> found;
    for (const Contact &contact : response.contacts()) {
        if (contact.isStar() || !contact.uri().isSipOrSips())
            continue;
        const std::string uri = contact.uri().toString();
        if (m_triedTargets.count(uri))
            continue;
        found.emplace_back(contact.q() < 0 ? 1000 : contact.q(), uri);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<std::string> targets;
    for (auto &entry : found)
        targets.push_back(std::move(entry.second));
    m_redirectTargets.insert(m_redirectTargets.begin(), targets.begin(), targets.end());
}

bool InviteSession::tryNextTarget(int code, const QString &reason)
{
    // §8.1.3.4: a new INVITE to the next redirect target: same Call-ID, From and To,
    // CSeq + 1, the Request-URI the target; at most Settings::maxRedirects of them.
    while (!m_redirectTargets.empty() && m_redirects < m_settings.maxRedirects) {
        const std::string uri = m_redirectTargets.front();
        m_redirectTargets.erase(m_redirectTargets.begin());
        if (!m_triedTargets.insert(uri).second)
            continue;
        SipMessage next = m_invite;
        if (!next.setRequestUri(uri))
            continue;
        next.removeHeader("Authorization");
        next.removeHeader("Proxy-Authorization");
        next.setHeader("CSeq", std::to_string(m_invite.cseq()->number() + 1) + " INVITE");
        std::optional<Endpoint> destination;
        if (m_params.destinationIsProxy && !m_params.destination.isNull())
            destination = m_params.destination;
        else
            destination = m_sender.resolve(uri);
        if (!destination || !startInvite(next, *destination, nullptr))
            continue;
        ++m_redirects;
        m_remoteUri = uri;
        setStatus(CallState::Calling, code, QStringLiteral("%1, calling %2").arg(reason, qs(uri)));
        return true;
    }
    return false;
}

void InviteSession::noAnswer()
{
    if (m_status.state == CallState::Terminated || m_dialog)
        return;
    m_cancelRequested = true;
    if (m_fork)
        m_fork->transaction().cancel({}, reasonValue(480, "No answer"));
    terminate(0, QStringLiteral("No answer"), CallEndCause::NoAnswer);
}

// ---- UAS ---------------------------------------------------------------------------------

std::string InviteSession::warnAgent() const
{
    // RFC 3261 §20.43: the warn-agent is our host name or address.
    SipUri uri;
    return SipUri::parse(m_contact, uri, nullptr) ? str(uri.host()) : std::string();
}

SipMessage InviteSession::createInviteResponse(const ServerTransactionHandle &tx, int code,
                                               std::string_view reason) const
{
    SipMessage response = tx.createResponse(code, reason);
    if (code > 100 && code < 300) {
        response.addHeader("Contact", NameAddr::format({}, m_contact));
        addCapabilities(response);
    }
    addCommonHeaders(response, false);
    return response;
}

void InviteSession::respondInvite(int code, const QString &reason, CallEndCause cause,
                                  const std::vector<std::pair<std::string, std::string>> &headers)
{
    SipMessage response = createInviteResponse(m_inviteTx, code, reason.toStdString());
    for (const auto &[name, value] : headers)
        response.addHeader(name, value);
    m_inviteTx.respond(response);
    if (m_dialog)
        m_dialog->responseSent(response); // §12.3: a 300-699 ends the early dialog
    terminate(code, reason, cause);
}

bool InviteSession::incoming(const ServerTransactionHandle &invite, const IncomingMessage &request,
                             const std::string &contact, const SdpLocalConfig &sdp)
{
    if (m_started || invite.isNull())
        return false;
    m_started = true;
    m_role = Role::Uas;
    m_inviteTx = invite;
    m_invite = request.message;
    m_contact = contact;
    m_negotiator.setConfig(sdp);
    m_callId = str(m_invite.callId());
    if (const NameAddr *from = m_invite.from()) {
        m_remoteUri = from->uri().toString();
        m_remoteDisplayName = from->displayNameText();
    }
    if (const NameAddr *to = m_invite.to())
        m_localUri = to->uri().toString();
    m_peerAllowsUpdate = containsToken(m_invite.allow(), "UPDATE");
    m_status.state = CallState::Ringing; // an incoming call rings until answered

    QPointer<InviteSession> self(this);
    const TransactionId id = invite.id();
    invite.setEventHandler([self, id](const ServerEvent &event) {
        if (self && self->m_inviteTx.id() == id)
            self->onInviteServerEvent(event);
    });

    if (m_invite.methodId() != Method::Invite || !invite.isAlive()) {
        terminate(0, QStringLiteral("not an INVITE"), CallEndCause::Failed);
        return false;
    }
    const std::string agent = warnAgent();
    // §8.2.3 / RFC 3264 §5: the body must be an offer we can answer.
    if (!m_invite.body().empty()) {
        if (!hasSdp(m_invite)) {
            respondInvite(415, QStringLiteral("Unsupported Media Type"), CallEndCause::LocalReject,
                          { { "Accept", "application/sdp" } });
            return false;
        }
        std::string why;
        const auto offer = sdpOf(m_invite, &why);
        if (!offer) {
            respondInvite(488, QStringLiteral("Not Acceptable Here"), CallEndCause::LocalReject,
                          { { "Warning", warningValue(399, agent, why) } });
            return false;
        }
        // Answered on a scratch negotiator: the real answer is made by answer(), maybe
        // with another RTP port.
        SdpNegotiator probe(sdp);
        const SdpNegotiationResult result = probe.createAnswer(*offer);
        if (!result.ok) {
            respondInvite(result.statusCode ? result.statusCode : 488,
                          QStringLiteral("Not Acceptable Here"), CallEndCause::LocalReject,
                          { { "Warning",
                              warningValue(result.warningCode ? result.warningCode : 399, agent,
                                           result.reason) } });
            return false;
        }
        m_remoteOffer = *offer;
    }
    // RFC 4028 §9: a Session-Expires below our minimum gets 422 with our Min-SE.
    if (const auto se = parseSessionExpires(m_invite.header("Session-Expires"))) {
        if (se->delta < m_settings.minSessionExpires) {
            respondInvite(422, QStringLiteral("Session Interval Too Small"),
                          CallEndCause::LocalReject,
                          { { "Min-SE", std::to_string(m_settings.minSessionExpires) } });
            return false;
        }
        const bool uacSupports = containsToken(m_invite.supported(), "timer");
        const std::string refresher = !se->refresher.empty() ? se->refresher
                : uacSupports                                ? "uac"
                                                             : "uas";
        m_uasSessionTimer = std::to_string(se->delta) + ";refresher=" + refresher;
        m_sessionInterval = se->delta;
        m_weRefresh = refresher == "uas";
    }
    if (m_invite.contacts().empty()) {
        // §12.1.1: no dialog without the caller's Contact.
        respondInvite(400, QStringLiteral("Missing Contact"), CallEndCause::LocalReject);
        return false;
    }
    if (m_settings.autoRinging && !ring())
        return false;
    if (m_settings.noAnswerTimeout > 0ms) {
        m_noAnswerTimer.start(m_layer.clock(), m_settings.noAnswerTimeout, [this] {
            if (!m_answered && m_status.state != CallState::Terminated)
                respondInvite(480, QStringLiteral("Temporarily Unavailable"),
                              CallEndCause::NoAnswer);
        });
    }
    return true;
}

bool InviteSession::ring()
{
    if (m_role != Role::Uas || m_answered || m_ringing || m_status.state == CallState::Terminated
        || !m_inviteTx.isAlive())
        return false;
    SipMessage ringing = createInviteResponse(m_inviteTx, 180);
    std::string error;
    auto dialog = Dialog::createUas(m_invite, ringing, &error);
    if (!dialog) {
        respondInvite(400, qs(error), CallEndCause::LocalReject);
        return false;
    }
    m_dialog = std::make_shared<Dialog>(std::move(*dialog));
    m_dialog->setLocalContact(NameAddr::format({}, m_contact));
    m_inviteTx.respond(ringing);
    m_ringing = true;
    setStatus(CallState::Ringing, 180, QStringLiteral("Ringing"));
    return true;
}

bool InviteSession::answer(const SdpLocalConfig &sdp)
{
    if (m_role != Role::Uas || m_answered || m_status.state == CallState::Terminated)
        return false;
    m_negotiator.setConfig(sdp);
    return answer();
}

bool InviteSession::answer()
{
    if (m_role != Role::Uas || m_answered || m_status.state == CallState::Terminated
        || !m_inviteTx.isAlive())
        return false;
    SipMessage ok = createInviteResponse(m_inviteTx, 200);
    SdpNegotiationResult result;
    if (m_remoteOffer) {
        result = m_negotiator.createAnswer(*m_remoteOffer);
        if (!result.ok) {
            respondInvite(488, QStringLiteral("Not Acceptable Here"), CallEndCause::LocalReject,
                          { { "Warning",
                              warningValue(result.warningCode ? result.warningCode : 399,
                                           warnAgent(), result.reason) } });
            return false;
        }
        ok.setBody(SessionDescription::ContentType, m_negotiator.localDescription()->toString());
    } else {
        // §13.2.1: no offer in the INVITE: ours goes in the 2xx, the answer in the ACK.
        ok.setBody(SessionDescription::ContentType, m_negotiator.createOffer().toString());
        m_offerInAnswer = true;
    }
    if (!m_uasSessionTimer.empty()) {
        ok.addHeader("Session-Expires", m_uasSessionTimer);
        if (containsToken(m_invite.supported(), "timer"))
            ok.addHeader("Require", "timer");
    }
    std::string error;
    if (!m_dialog) {
        auto dialog = Dialog::createUas(m_invite, ok, &error);
        if (!dialog) {
            respondInvite(400, qs(error), CallEndCause::LocalReject);
            return false;
        }
        m_dialog = std::make_shared<Dialog>(std::move(*dialog));
        m_dialog->setLocalContact(NameAddr::format({}, m_contact));
    } else {
        m_dialog->responseSent(ok);
    }
    m_noAnswerTimer.cancel();
    m_answered = true;
    // The server transaction re-sends the 2xx until the ACK (§13.3.1.4, RFC 6026).
    if (!m_inviteTx.respond(ok)) {
        terminate(500, QStringLiteral("cannot send the 200"), CallEndCause::Failed);
        return false;
    }
    if (result.ok)
        updateMedia(result, false);
    return true;
}

bool InviteSession::reject(int statusCode, const QString &reasonPhrase)
{
    if (m_role != Role::Uas || m_answered || m_status.state == CallState::Terminated
        || !m_inviteTx.isAlive())
        return false;
    if (statusCode < 300 || statusCode > 699)
        statusCode = 486;
    const QString reason
            = reasonPhrase.isEmpty() ? qs(defaultReasonPhrase(statusCode)) : reasonPhrase;
    respondInvite(statusCode, reason, CallEndCause::LocalReject);
    return true;
}

void InviteSession::onInviteServerEvent(const ServerEvent &event)
{
    switch (event.type) {
    case ServerEvent::Type::AckTimeout:
        // §13.3.1.4 / RFC 6026 Timer L: our 2xx was never ACKed: end the session.
        if (m_answered && !m_acked) {
            m_acked = true;
            m_byeAfterAck = false;
            sendBye(reasonValue(408, "no ACK"));
            if (m_status.state == CallState::Terminated)
                maybeEnd();
            else
                terminate(408, QStringLiteral("No ACK received"), CallEndCause::Failed);
        }
        return;
    case ServerEvent::Type::TransportError:
        if (!m_answered) {
            terminate(503, QStringLiteral("cannot reach the caller: %1").arg(event.error),
                      CallEndCause::Failed);
        } else if (!m_acked) {
            m_acked = true;
            m_byeAfterAck = false;
            sendBye();
            terminate(503, QStringLiteral("cannot reach the caller: %1").arg(event.error),
                      CallEndCause::Failed);
        }
        return;
    case ServerEvent::Type::Terminated:
        return;
    }
}

bool InviteSession::handleCancel(const ServerTransactionHandle &invite,
                                 const IncomingMessage &cancel)
{
    if (m_role != Role::Uas || invite.isNull() || invite.id() != m_inviteTx.id())
        return false;
    if (m_answered || m_status.state == CallState::Terminated)
        return true; // too late: the CANCEL (answered 200 by the layer) changes nothing
    // RFC 3326: "Reason: SIP;cause=200" says another device answered.
    const std::string_view reason = cancel.message.header("Reason");
    const bool elsewhere = reason.find("cause=200") != std::string_view::npos;
    respondInvite(487, QStringLiteral("Request Terminated"),
                  elsewhere ? CallEndCause::AnsweredElsewhere : CallEndCause::RemoteCancel);
    return true;
}

bool InviteSession::handleAck(const IncomingMessage &ack, TransactionId invite)
{
    if (invite != TransactionId::Invalid && m_role == Role::Uas && invite == m_inviteTx.id()) {
        if (!m_answered || m_acked)
            return true;
        m_acked = true;
        if (m_offerInAnswer) {
            // §13.2.1: the answer to the offer of our 2xx.
            m_offerInAnswer = false;
            std::string why = "no SDP answer in the ACK";
            std::optional<SessionDescription> sdp;
            if (hasSdp(ack.message))
                sdp = sdpOf(ack.message, &why);
            SdpNegotiationResult result;
            if (sdp) {
                result = m_negotiator.processAnswer(*sdp);
                if (!result.ok)
                    why = result.reason;
            }
            if (!result.ok) {
                m_byeAfterAck = false;
                sendBye(reasonValue(488, why));
                if (m_status.state == CallState::Terminated)
                    maybeEnd();
                else
                    terminate(488, qs(why), CallEndCause::Failed);
                return true;
            }
            updateMedia(result, false);
        }
        if (m_byeAfterAck) {
            // §15: hung up while waiting for the ACK; now the BYE may go.
            m_byeAfterAck = false;
            sendBye();
            maybeEnd();
            return true;
        }
        if (m_status.state == CallState::Terminated)
            return true;
        if (m_sessionInterval > 0)
            applySessionTimer(m_sessionInterval, m_weRefresh);
        updateHoldState(200, QStringLiteral("OK"));
        syncHold();
        return true;
    }
    if (invite != TransactionId::Invalid && invite == m_reinviteIn.id()) {
        completeIncomingReinvite(&ack.message);
        return true;
    }
    // An ACK of our dialog that matches no transaction any more (late): absorbed.
    return ownsRequest(ack.message);
}

// ---- Both: ending ------------------------------------------------------------------------

void InviteSession::hangup()
{
    endCall(CallEndCause::LocalHangup);
}

void InviteSession::replaced()
{
    endCall(CallEndCause::Replaced);
}

void InviteSession::endCall(CallEndCause cause)
{
    if (!m_started || m_status.state == CallState::Terminated)
        return;
    const bool replacing = cause == CallEndCause::Replaced;
    if (m_role == Role::Uac) {
        if (!m_dialog) {
            // §9.1: CANCEL; held back by the layer until a provisional response came.
            m_cancelRequested = true;
            if (m_fork)
                m_fork->transaction().cancel();
            terminate(0, replacing ? QStringLiteral("Replaced") : QStringLiteral("Cancelled"),
                      replacing ? cause : CallEndCause::LocalCancel);
            return;
        }
    } else if (!m_answered) {
        if (replacing)
            respondInvite(487, QStringLiteral("Request Terminated"), cause);
        else
            respondInvite(603, QStringLiteral("Decline"), CallEndCause::LocalReject);
        return;
    } else if (!m_acked) {
        // §15: the callee must not send BYE before the ACK (or its timeout).
        m_byeAfterAck = true;
        terminate(0, replacing ? QStringLiteral("Replaced") : QStringLiteral("Hung up"), cause);
        return;
    }
    sendBye();
    terminate(0, replacing ? QStringLiteral("Replaced") : QStringLiteral("Hung up"), cause);
}

void InviteSession::sendBye(const std::string &reasonHeader)
{
    if (!m_dialog || m_dialog->isTerminated())
        return;
    std::string error;
    SipMessage bye = m_dialog->createRequest("BYE", &error);
    if (bye.isNull()) {
        m_dialog->terminate();
        return;
    }
    if (!reasonHeader.empty())
        bye.addHeader("Reason", reasonHeader);
    addCommonHeaders(bye, true);
    std::shared_ptr<Dialog> dialog = m_dialog;
    // §15.1.1: the dialog (and the session) is over once the BYE got its final response
    // or none came.
    sendInDialog(bye, [dialog](const ClientEvent &event, const SipMessage &) {
        if (!event.isProvisional())
            dialog->terminate();
    });
}

// ---- in-dialog requests we send ------------------------------------------------------------

void InviteSession::addCapabilities(SipMessage &message) const
{
    if (!m_settings.allow.empty())
        message.setHeader("Allow", m_settings.allow);
    if (!m_settings.supported.empty())
        message.setHeader("Supported", m_settings.supported);
}

void InviteSession::addCommonHeaders(SipMessage &message, bool request) const
{
    if (!m_settings.userAgent.empty())
        message.setHeader(request ? "User-Agent" : "Server", m_settings.userAgent);
}

ClientTransactionHandle InviteSession::sendInDialog(SipMessage request, RequestHandler handler)
{
    auto state = std::make_shared<InDialogRequest>();
    state->handler = std::move(handler);
    if (m_credentials)
        state->auth = std::make_unique<RequestAuthenticator>(*m_credentials);
    ++m_pendingRequests;
    return sendAttempt(request, state);
}

ClientTransactionHandle InviteSession::sendAttempt(const SipMessage &request,
                                                   const std::shared_ptr<InDialogRequest> &state)
{
    QPointer<InviteSession> self(this);
    std::string error = "no dialog";
    ClientTransactionHandle tx;
    if (m_dialog) {
        tx = m_sender.send(
                request, *m_dialog,
                [self, request, state](const ClientEvent &event) {
                    if (self)
                        self->onInDialogEvent(event, request, state);
                },
                &error);
    }
    if (!tx) {
        // Refused at once (next hop unresolvable, ...): like a transport error.
        ClientEvent event;
        event.type = ClientEvent::Type::TransportError;
        event.response = makeSyntheticResponse(request, 503, error);
        event.error = qs(error);
        onInDialogEvent(event, request, state);
    }
    return tx;
}

void InviteSession::onInDialogEvent(const ClientEvent &event, const SipMessage &request,
                                    const std::shared_ptr<InDialogRequest> &state)
{
    if (event.type == ClientEvent::Type::Terminated) {
        if (!state->done) { // cannot happen (a final event always comes first); be safe
            state->done = true;
            --m_pendingRequests;
            maybeEnd();
        }
        return;
    }
    if (event.isProvisional() || state->done) {
        // 1xx, or a 2xx retransmitted to a re-INVITE (to be ACKed again).
        if (state->handler)
            state->handler(event, request);
        return;
    }
    const int code = event.statusCode();
    if ((code == 401 || code == 407) && event.type == ClientEvent::Type::Response && state->auth
        && state->authRounds < 2 && m_dialog && !m_dialog->isTerminated()) {
        SipMessage retry;
        QString why;
        if (state->auth->answer(request, event.response, retry, &why)
            == RequestAuthenticator::Outcome::Retry) {
            ++state->authRounds;
            // A new request in the dialog: the next local CSeq (§12.2.1.1, §22.2).
            const uint32_t next = m_dialog->localCseq().value_or(0) + 1;
            m_dialog->setLocalCseq(next);
            retry.setHeader("CSeq", std::to_string(next) + " " + str(request.method()));
            sendAttempt(retry, state);
            return;
        }
    }
    if (m_dialog)
        m_dialog->handleResponse(event.response); // target refresh; 481/408 end the dialog
    state->done = true;
    if (state->handler)
        state->handler(event, request);
    // §12.2.1.2: a 481 or 408 (also our own timeout) to a request in the dialog ends it.
    if (m_dialog && m_dialog->isTerminated() && m_status.state != CallState::Terminated
        && request.methodId() != Method::Bye) {
        terminate(code, qs(event.response.reasonPhrase()), CallEndCause::Failed);
    }
    --m_pendingRequests;
    maybeEnd();
}

// ---- in-dialog requests we receive ---------------------------------------------------------

bool InviteSession::ownsRequest(const SipMessage &request) const
{
    if (!m_dialog)
        return false;
    return DialogId::forIncomingRequest(request) == m_dialog->id();
}

bool InviteSession::matchesReplaces(const Replaces &replaces) const
{
    // RFC 3891 §3: to-tag is the tag of the UA receiving the INVITE with Replaces (our
    // local tag), from-tag the other side's.
    if (!m_dialog || m_dialog->isTerminated() || m_status.state == CallState::Terminated)
        return false;
    if (replaces.callId() != m_dialog->callId() || replaces.toTag() != m_dialog->localTag()
        || replaces.fromTag() != m_dialog->remoteTag())
        return false;
    return !(replaces.earlyOnly() && m_dialog->isConfirmed());
}

void InviteSession::handleRequest(const ServerTransactionHandle &tx,
                                  const IncomingMessage &incoming)
{
    const SipMessage &request = incoming.message;
    if (!ownsRequest(request)) {
        tx.respond(481, "Call/Transaction Does Not Exist");
        return;
    }
    const Dialog::RequestCheck check = m_dialog->handleRequest(request);
    if (!check.accepted()) {
        tx.respond(check.statusCode, check.reasonPhrase);
        return;
    }
    switch (request.methodId()) {
    case Method::Bye:
        onBye(tx);
        return;
    case Method::Invite:
        onReinvite(tx, request);
        return;
    case Method::Update:
        onUpdate(tx, request);
        return;
    case Method::Info:
        onInfo(tx, request);
        return;
    case Method::Refer:
        onRefer(tx, request);
        return;
    case Method::Notify:
        onNotify(tx, request);
        return;
    case Method::Options: {
        SipMessage ok = tx.createResponse(200);
        addCapabilities(ok);
        ok.addHeader("Accept", "application/sdp");
        addCommonHeaders(ok, false);
        tx.respond(ok);
        return;
    }
    case Method::Prack:
        tx.respond(481); // we never send reliable provisional responses (no 100rel)
        return;
    default: {
        SipMessage response = tx.createResponse(405);
        addCapabilities(response);
        tx.respond(response);
        return;
    }
    }
}

void InviteSession::onBye(const ServerTransactionHandle &tx)
{
    SipMessage ok = tx.createResponse(200);
    addCommonHeaders(ok, false);
    tx.respond(ok);
    if (m_role == Role::Uas && !m_answered && m_inviteTx.isAlive()) {
        // §15.1.2: a BYE before our final response: the INVITE gets 487.
        m_inviteTx.respond(createInviteResponse(m_inviteTx, 487));
    }
    m_byeAfterAck = false;
    m_dialog->terminate();
    if (m_status.state == CallState::Terminated)
        maybeEnd();
    else
        terminate(0, QStringLiteral("Remote hangup"), CallEndCause::RemoteHangup);
}

bool InviteSession::offerPending() const
{
    return !m_reinviteOutFinal || (m_offerInAnswer && !m_acked) || m_reinviteInOfferInAnswer;
}

bool InviteSession::answerOffer(const ServerTransactionHandle &tx, const SipMessage &request,
                                SipMessage &response)
{
    // RFC 3264 §8: a new offer in the dialog. A failure leaves the session as it was.
    if (!hasSdp(request)) {
        SipMessage r = tx.createResponse(415);
        r.addHeader("Accept", "application/sdp");
        tx.respond(r);
        return false;
    }
    const std::string agent = warnAgent();
    std::string why;
    const auto offer = sdpOf(request, &why);
    if (!offer) {
        SipMessage r = tx.createResponse(488);
        r.addHeader("Warning", warningValue(399, agent, why));
        tx.respond(r);
        return false;
    }
    const SdpNegotiationResult result = m_negotiator.createAnswer(*offer);
    if (!result.ok) {
        SipMessage r = tx.createResponse(488);
        r.addHeader(
                "Warning",
                warningValue(result.warningCode ? result.warningCode : 399, agent, result.reason));
        tx.respond(r);
        return false;
    }
    response.setBody(SessionDescription::ContentType, m_negotiator.localDescription()->toString());
    updateMedia(result, false);
    return true;
}

void InviteSession::onReinvite(const ServerTransactionHandle &tx, const SipMessage &request)
{
    if (m_status.state == CallState::Terminated) {
        tx.respond(481, "Call/Transaction Does Not Exist");
        return;
    }
    // §14.2: an INVITE while our own offer is out: 491 (glare); while a previous INVITE
    // of the peer is not finished: 500 with Retry-After.
    if (offerPending()) {
        tx.respond(491);
        return;
    }
    if (m_reinviteIn.id() != TransactionId::Invalid || (m_role == Role::Uas && !m_acked)) {
        SipMessage r = tx.createResponse(500, "Server Internal Error");
        r.addHeader("Retry-After", std::to_string(randomBetween(0, 10)));
        tx.respond(r);
        return;
    }
    SipMessage ok = createInviteResponse(tx, 200);
    SessionTimerChange timer;
    if (!checkSessionTimer(request, ok, tx, timer))
        return;
    if (!request.body().empty()) {
        if (!answerOffer(tx, request, ok))
            return;
    } else {
        // §14.2: a re-INVITE without offer: ours in the 2xx (same media, our direction),
        // the answer comes in the ACK.
        ok.setBody(SessionDescription::ContentType, m_negotiator.createOffer().toString());
        m_reinviteInOfferInAnswer = true;
    }
    m_reinviteIn = tx;
    QPointer<InviteSession> self(this);
    const TransactionId id = tx.id();
    tx.setEventHandler([self, id](const ServerEvent &event) {
        if (!self || self->m_reinviteIn.id() != id || event.type != ServerEvent::Type::AckTimeout)
            return;
        // No ACK for the 2xx of the re-INVITE: end the session (§13.3.1.4 applies).
        self->m_reinviteIn = {};
        self->m_reinviteInOfferInAnswer = false;
        self->sendBye(reasonValue(408, "no ACK"));
        self->terminate(408, QStringLiteral("No ACK received"), CallEndCause::Failed);
    });
    tx.respond(ok);
    applySessionTimer(timer.interval, timer.weRefresh); // §7.4: a 2xx refreshes
    updateHoldState(200,
                    m_media.active && m_media.audio.remoteHold ? QStringLiteral("Held by the peer")
                                                               : QStringLiteral("OK"));
}

void InviteSession::completeIncomingReinvite(const SipMessage *ack)
{
    m_reinviteIn = {};
    if (m_reinviteInOfferInAnswer) {
        m_reinviteInOfferInAnswer = false;
        std::optional<SessionDescription> sdp;
        if (ack && hasSdp(*ack))
            sdp = sdpOf(*ack, nullptr);
        SdpNegotiationResult result;
        if (sdp)
            result = m_negotiator.processAnswer(*sdp);
        else
            m_negotiator.cancelOffer();
        if (result.ok)
            updateMedia(result, false);
        updateHoldState(200, QStringLiteral("OK"));
    }
    syncHold();
}

void InviteSession::onUpdate(const ServerTransactionHandle &tx, const SipMessage &request)
{
    // RFC 3311: a session refresh (RFC 4028) or a new offer, answered in the 200.
    if (m_status.state == CallState::Terminated) {
        tx.respond(481, "Call/Transaction Does Not Exist");
        return;
    }
    // RFC 3311 §5.2: an offer while ours is unanswered: 491; while theirs (the INVITE's)
    // is unanswered: 500 with Retry-After.
    if (!request.body().empty() && offerPending()) {
        tx.respond(491);
        return;
    }
    if (!request.body().empty() && m_role == Role::Uas && !m_answered && m_remoteOffer) {
        SipMessage r = tx.createResponse(500, "Server Internal Error");
        r.addHeader("Retry-After", std::to_string(randomBetween(0, 10)));
        tx.respond(r);
        return;
    }
    SipMessage ok = tx.createResponse(200);
    ok.addHeader("Contact", NameAddr::format({}, m_contact)); // a target refresh request
    addCapabilities(ok);
    addCommonHeaders(ok, false);
    SessionTimerChange timer;
    if (!checkSessionTimer(request, ok, tx, timer))
        return;
    if (!request.body().empty() && !answerOffer(tx, request, ok))
        return;
    tx.respond(ok);
    if (m_status.state != CallState::Terminated && (m_role == Role::Uac || m_acked))
        applySessionTimer(timer.interval, timer.weRefresh);
    if (!request.body().empty() && m_status.state != CallState::Calling
        && m_status.state != CallState::Ringing && m_status.state != CallState::Early)
        updateHoldState(200, QStringLiteral("OK"));
}

void InviteSession::onInfo(const ServerTransactionHandle &tx, const SipMessage &request)
{
    if (request.body().empty()) {
        tx.respond(200); // RFC 6086 legacy INFO with no body: a keep-alive
        return;
    }
    const MediaType *type = request.contentType();
    std::optional<QChar> digit;
    int duration = 160;
    if (type && type->matches("application", "dtmf-relay")) {
        // "Signal=5\r\nDuration=160\r\n" (the de-facto format of Cisco and others)
        std::string_view body = request.body();
        while (!body.empty()) {
            const size_t eol = body.find('\n');
            std::string_view line = TextUtil::trim(body.substr(0, eol));
            body = eol == std::string_view::npos ? std::string_view() : body.substr(eol + 1);
            const size_t eq = line.find('=');
            if (eq == std::string_view::npos)
                continue;
            const std::string_view key = TextUtil::trim(line.substr(0, eq));
            const std::string_view value = TextUtil::trim(line.substr(eq + 1));
            if (TextUtil::equalsIgnoreCase(key, "Signal"))
                digit = dtmfDigit(value);
            else if (TextUtil::equalsIgnoreCase(key, "Duration"))
                duration = int(TextUtil::parseSaturating(value, 60000).value_or(160));
        }
    } else if (type && type->matches("application", "dtmf")) {
        digit = dtmfDigit(request.body());
    } else {
        SipMessage r = tx.createResponse(415);
        r.addHeader("Accept", "application/dtmf-relay, application/dtmf");
        tx.respond(r);
        return;
    }
    if (!digit) {
        tx.respond(400, "Bad DTMF Signal");
        return;
    }
    tx.respond(200);
    emit dtmfReceived(*digit, duration);
}

// ---- hold / resume (re-INVITE) --------------------------------------------------------------

bool InviteSession::canModify() const
{
    return m_dialog && m_dialog->isConfirmed()
            && (m_status.state == CallState::Confirmed || m_status.state == CallState::Held);
}

bool InviteSession::hold()
{
    if (!canModify())
        return false;
    m_wantHold = true;
    syncHold();
    return true;
}

bool InviteSession::resume()
{
    if (!canModify())
        return false;
    m_wantHold = false;
    syncHold();
    return true;
}

void InviteSession::syncHold()
{
    if (!canModify() || m_glareTimer.isSet() || offerPending()
        || m_reinviteIn.id() != TransactionId::Invalid)
        return;
    if (m_refreshDue) {
        refreshSession();
        return;
    }
    if (m_wantHold == m_localHold)
        return;
    // RFC 6337 §5.3: hold = sendonly offer; resume = sendrecv.
    sendReinvite(m_wantHold ? SdpDirection::SendOnly : SdpDirection::SendRecv);
}

void InviteSession::sendReinvite(SdpDirection direction)
{
    std::string error;
    SipMessage invite = m_dialog->createRequest("INVITE", &error);
    if (invite.isNull())
        return;
    addCapabilities(invite);
    addCommonHeaders(invite, true);
    addSessionTimerHeaders(invite);
    invite.setBody(SessionDescription::ContentType, m_negotiator.createOffer(direction).toString());
    const bool wantHold = direction != SdpDirection::SendRecv;
    m_reinviteOutFinal = false;
    sendInDialog(invite, [this, wantHold](const ClientEvent &event, const SipMessage &request) {
        onReinviteEvent(event, request, wantHold);
    });
}

void InviteSession::onReinviteEvent(const ClientEvent &event, const SipMessage &request,
                                    bool wantHold)
{
    if (event.isProvisional())
        return;
    const int code = event.statusCode();
    const QString reason = qs(event.response.reasonPhrase());
    const uint32_t cseq = request.cseq()->number();
    if (event.type == ClientEvent::Type::Response && code >= 200 && code < 300) {
        // §13.2.2.4: ACK every 2xx; the very same ACK for a retransmission.
        if (!m_lastReinviteAck.isNull() && m_lastReinviteAckCseq == cseq) {
            m_sender.sendAgain(m_lastReinviteAck, m_lastReinviteAckDestination);
            return;
        }
        if (m_dialog) {
            SipMessage ack = m_dialog->createAck(cseq);
            if (!ack.isNull()) {
                copyCredentials(request, ack);
                if (const auto destination = m_sender.sendAck(ack, *m_dialog)) {
                    m_lastReinviteAck = ack;
                    m_lastReinviteAckDestination = *destination;
                    m_lastReinviteAckCseq = cseq;
                }
            }
        }
        m_reinviteOutFinal = true;
        if (m_status.state == CallState::Terminated)
            return;
        std::optional<SessionDescription> answer;
        if (hasSdp(event.response))
            answer = sdpOf(event.response, nullptr);
        SdpNegotiationResult result;
        if (answer) {
            result = m_negotiator.processAnswer(*answer);
        } else {
            m_negotiator.cancelOffer();
        }
        if (result.ok) {
            m_localHold = wantHold;
            updateMedia(result, false);
        } else {
            m_wantHold = m_localHold; // the change did not happen; do not insist
        }
        // RFC 4028 §7.4: every 2xx to a re-INVITE refreshes the session timer.
        if (const auto se = parseSessionExpires(event.response.header("Session-Expires")))
            applySessionTimer(se->delta, se->refresher != "uas");
        else
            applySessionTimer(0, false);
        updateHoldState(code,
                        result.ok ? reason : QStringLiteral("re-INVITE without a usable answer"));
        syncHold();
        return;
    }
    m_reinviteOutFinal = true;
    m_negotiator.cancelOffer(); // RFC 3264 §8: the old session goes on
    if (m_status.state == CallState::Terminated)
        return;
    if (code == 491) {
        // §14.1: glare. The owner of the Call-ID (the UAC of the dialog) waits 2.1-4 s,
        // the other side 0-2 s, then tries again.
        const int delay = m_role == Role::Uac ? randomBetween(2100, 4000) : randomBetween(0, 2000);
        m_glareTimer.start(m_layer.clock(), std::chrono::milliseconds(delay), [this] {
            m_glareTimer.release();
            syncHold();
        });
        return;
    }
    if (code == 422 && m_refreshDue) {
        m_refreshDue = false;
        return;
    }
    if (m_dialog && m_dialog->isTerminated())
        return; // 481/408: onInDialogEvent ends the call
    // Anything else: the session stays as it was; report the failure.
    m_wantHold = m_localHold;
    m_refreshDue = false;
    setStatus(m_status.state, code, reason);
}

// ---- DTMF by INFO -----------------------------------------------------------------------------

bool InviteSession::sendDtmf(QChar digit, int durationMs)
{
    const auto d = dtmfDigit(QString(digit).toStdString());
    if (!d || !canModify())
        return false;
    m_dtmfQueue.emplace_back(*d, std::clamp(durationMs, 40, 5000));
    pumpDtmf();
    return true;
}

void InviteSession::pumpDtmf()
{
    if (m_dtmfInFlight || m_dtmfQueue.empty() || !m_dialog || m_dialog->isTerminated()
        || m_status.state == CallState::Terminated)
        return;
    const auto [digit, duration] = m_dtmfQueue.front();
    m_dtmfQueue.pop_front();
    SipMessage info = m_dialog->createRequest("INFO");
    if (info.isNull())
        return;
    addCommonHeaders(info, true);
    info.setBody("application/dtmf-relay",
                 "Signal=" + QString(digit).toStdString()
                         + "\r\nDuration=" + std::to_string(duration) + "\r\n");
    m_dtmfInFlight = true;
    sendInDialog(info, [this](const ClientEvent &event, const SipMessage &) {
        if (event.isProvisional())
            return;
        m_dtmfInFlight = false;
        pumpDtmf();
    });
}

// ---- session timers (RFC 4028) -------------------------------------------------------------

void InviteSession::applySessionTimer(int interval, bool weRefresh)
{
    m_sessionInterval = std::max(interval, 0);
    m_weRefresh = weRefresh;
    m_sessionTimer.cancel();
    if (m_sessionInterval == 0)
        return;
    if (weRefresh) {
        // §7.2/§9: the refresher refreshes at half the interval.
        m_sessionTimer.start(m_layer.clock(), std::chrono::seconds(m_sessionInterval) / 2, [this] {
            m_sessionTimer.release();
            m_refreshDue = true;
            syncHold();
        });
    } else {
        // §10: without a refresh, BYE at the interval minus min(32 s, interval / 3).
        const int before = std::min(32, m_sessionInterval / 3);
        m_sessionTimer.start(m_layer.clock(), std::chrono::seconds(m_sessionInterval - before),
                             [this] {
                                 m_sessionTimer.release();
                                 sendBye(reasonValue(408, "session expired"));
                                 terminate(408, QStringLiteral("Session expired (RFC 4028)"),
                                           CallEndCause::Failed);
                             });
    }
}

void InviteSession::addSessionTimerHeaders(SipMessage &request) const
{
    if (m_sessionInterval <= 0)
        return;
    // We send the request: "uac" in it means us.
    request.setHeader("Session-Expires",
                      std::to_string(m_sessionInterval)
                              + ";refresher=" + (m_weRefresh ? "uac" : "uas"));
    if (m_settings.minSessionExpires != 90)
        request.setHeader("Min-SE", std::to_string(m_settings.minSessionExpires));
}

bool InviteSession::checkSessionTimer(const SipMessage &request, SipMessage &response,
                                      const ServerTransactionHandle &tx, SessionTimerChange &change)
{
    // RFC 4028 §9: a request without Session-Expires turns the session timer off; one
    // below our Min-SE gets 422; else the 2xx echoes it with the refresher chosen.
    change = SessionTimerChange {};
    const auto se = parseSessionExpires(request.header("Session-Expires"));
    if (!se)
        return true;
    if (se->delta < m_settings.minSessionExpires) {
        SipMessage r = tx.createResponse(422, "Session Interval Too Small");
        r.addHeader("Min-SE", std::to_string(m_settings.minSessionExpires));
        tx.respond(r);
        return false;
    }
    const bool peerSupports = containsToken(request.supported(), "timer");
    const std::string refresher = !se->refresher.empty() ? se->refresher
            : peerSupports                               ? "uac"
                                                         : "uas";
    response.setHeader("Session-Expires", std::to_string(se->delta) + ";refresher=" + refresher);
    if (peerSupports)
        response.setHeader("Require", "timer");
    change.interval = se->delta;
    change.weRefresh = refresher == "uas"; // we are the UAS of this request
    return true;
}

void InviteSession::refreshSession()
{
    m_refreshDue = false;
    if (!canModify())
        return;
    // An UPDATE without offer when the peer allows it (RFC 4028 §7.4 prefers it), else a
    // re-INVITE with our current offer (same SDP, same o= version).
    if (!m_peerAllowsUpdate) {
        sendReinvite(m_negotiator.localDirection());
        return;
    }
    SipMessage update = m_dialog->createRequest("UPDATE");
    if (update.isNull())
        return;
    addCapabilities(update);
    addCommonHeaders(update, true);
    addSessionTimerHeaders(update);
    sendInDialog(update, [this](const ClientEvent &event, const SipMessage &) {
        if (event.isProvisional() || m_status.state == CallState::Terminated)
            return;
        const int code = event.statusCode();
        if (code >= 200 && code < 300) {
            if (const auto se = parseSessionExpires(event.response.header("Session-Expires")))
                applySessionTimer(se->delta, se->refresher != "uas");
            else
                applySessionTimer(0, false);
            return;
        }
        if (m_dialog && m_dialog->isTerminated())
            return;
        // The UPDATE did not work (405/501...): refresh with re-INVITEs from now on.
        m_peerAllowsUpdate = false;
        m_refreshDue = true;
        syncHold();
    });
}

// ---- REFER (RFC 3515, RFC 5589) --------------------------------------------------------------

bool InviteSession::transfer(const QString &targetUri)
{
    SipUri uri;
    const std::string target = targetUri.toStdString();
    if (!SipUri::parse(target, uri, nullptr) || uri.isNull())
        return false;
    return sendRefer(NameAddr::format({}, target));
}

bool InviteSession::transferAttended(const InviteSession &consultation)
{
    const auto other = consultation.dialog();
    if (!other || !other->isConfirmed())
        return false;
    // RFC 3891 §6.1 / RFC 5589 §7: the Replaces of the consultation dialog, seen from the
    // transfer target (who receives it): to-tag = its tag (our remote tag there).
    const std::string replaces
            = other->callId() + ";to-tag=" + other->remoteTag() + ";from-tag=" + other->localTag();
    // The target's address of record, not its Contact: a Contact that is not a GRUU is
    // often unroutable for the transferee (a registrar-only host, NAT), while the AOR
    // reaches the target through its proxy or directly (RFC 5589 §7); the Replaces
    // makes the one right device take it.
    std::string uri = consultation.remoteUri();
    if (const size_t q = uri.find('?'); q != std::string::npos)
        uri.resize(q);
    uri += "?";
    uri += "Replaces=" + escapeHeaderValue(replaces);
    return sendRefer(NameAddr::format({}, uri));
}

bool InviteSession::sendRefer(const std::string &referTo)
{
    if (!canModify() || m_referPending)
        return false;
    std::string error;
    SipMessage refer = m_dialog->createRequest("REFER", &error);
    if (refer.isNull() || !refer.addHeader("Refer-To", referTo, &error))
        return false;
    refer.addHeader("Referred-By", NameAddr::format({}, m_localUri));
    addCommonHeaders(refer, true);
    m_referPending = true;
    sendInDialog(refer, [this](const ClientEvent &event, const SipMessage &) {
        if (event.isProvisional())
            return;
        const int code = event.statusCode();
        const bool accepted
                = event.type == ClientEvent::Type::Response && code >= 200 && code < 300;
        if (!accepted)
            m_referPending = false;
        emit transferProgress(code, qs(event.response.reasonPhrase()), !accepted);
    });
    return true;
}

void InviteSession::onNotify(const ServerTransactionHandle &tx, const SipMessage &request)
{
    // RFC 3515 §2.4.4: the progress of our REFER, as message/sipfrag.
    const EventHeader *event = request.event();
    if (!event || !TextUtil::equalsIgnoreCase(event->package(), "refer")) {
        tx.respond(489, "Bad Event");
        return;
    }
    int code = 0;
    QString reason;
    const std::string_view body = request.body();
    if (body.substr(0, 8) == "SIP/2.0 ") {
        const std::string_view line = body.substr(0, body.find_first_of("\r\n"));
        const auto number = TextUtil::parseUnsigned(line.substr(8, 3), 699);
        code = number ? int(*number) : 0;
        if (line.size() > 12)
            reason = qs(TextUtil::trim(line.substr(12)));
    }
    const SubscriptionState *subscription = request.subscriptionState();
    const bool terminated
            = subscription && TextUtil::equalsIgnoreCase(subscription->state(), "terminated");
    tx.respond(200);
    const bool final = terminated || code >= 200;
    if (final)
        m_referPending = false;
    emit transferProgress(code, reason, final);
    if (final && code >= 200 && code < 300 && m_settings.hangupAfterTransfer
        && m_status.state != CallState::Terminated) {
        sendBye();
        terminate(0, QStringLiteral("Transferred"), CallEndCause::Transferred);
    }
}

void InviteSession::onRefer(const ServerTransactionHandle &tx, const SipMessage &request)
{
    // RFC 3515 §2.4.2: accept with 202, then NOTIFY the progress (sipfrag).
    const NameAddr *referTo = request.referTo();
    if (!referTo || referTo->uri().isNull()) {
        tx.respond(400, "Missing Refer-To");
        return;
    }
    if (!canModify()) {
        tx.respond(603, "Declined");
        return;
    }
    const SipUri &uri = referTo->uri();
    CallTransferRequest transfer;
    std::string target = uri.toString();
    if (const size_t q = target.find('?'); q != std::string::npos)
        target.resize(q);
    transfer.target = qs(target);
    // Header part of the Refer-To URI: "Replaces=<escaped>&..." (RFC 3891 §6.1)
    std::string_view headers = uri.headers();
    while (!headers.empty()) {
        const size_t amp = headers.find('&');
        const std::string_view item = headers.substr(0, amp);
        headers = amp == std::string_view::npos ? std::string_view() : headers.substr(amp + 1);
        const size_t eq = item.find('=');
        if (eq != std::string_view::npos
            && TextUtil::equalsIgnoreCase(item.substr(0, eq), "Replaces"))
            transfer.replaces = qs(TextUtil::unescape(item.substr(eq + 1)));
    }
    transfer.referredBy = qs(request.header("Referred-By"));
    SipMessage accepted = tx.createResponse(202, "Accepted");
    addCommonHeaders(accepted, false);
    tx.respond(accepted);
    m_referSubscription = true;
    m_referNotifyFinal = false;
    sendNotify(100, "Trying", false);
    emit transferRequested(transfer);
}

bool InviteSession::notifyTransferProgress(int statusCode, const QString &reasonPhrase)
{
    const std::string reason = reasonPhrase.isEmpty() ? str(defaultReasonPhrase(statusCode))
                                                      : reasonPhrase.toStdString();
    return sendNotify(statusCode, reason, statusCode >= 200);
}

bool InviteSession::sendNotify(int code, const std::string &reason, bool final)
{
    if (!m_referSubscription || m_referNotifyFinal || !m_dialog || m_dialog->isTerminated())
        return false;
    SipMessage notify = m_dialog->createRequest("NOTIFY");
    if (notify.isNull())
        return false;
    notify.addHeader("Event", "refer");
    notify.addHeader("Subscription-State",
                     final ? "terminated;reason=noresource" : "active;expires=60");
    addCommonHeaders(notify, true);
    notify.setBody("message/sipfrag;version=2.0",
                   "SIP/2.0 " + std::to_string(code) + " " + plainText(reason) + "\r\n");
    m_referNotifyFinal = final;
    sendInDialog(notify, {});
    return true;
}

} // namespace Sip
