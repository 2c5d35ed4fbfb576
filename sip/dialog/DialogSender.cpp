// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialogSender.h"

#include "Dialog.h"
#include "message/SipMessage.h"
#include "transaction/TransactionMessages.h"

namespace Sip {

namespace {

void setError(std::string *error, std::string reason)
{
    if (error)
        *error = std::move(reason);
}

} // namespace

DialogSender::DialogSender(TransactionLayer &layer, Resolver resolver)
    : m_layer(&layer)
    , m_resolver(std::move(resolver))
{
}

std::optional<Endpoint> DialogSender::resolve(std::string_view uriText, std::string *error) const
{
    SipUri uri;
    std::string reason;
    if (!SipUri::parse(uriText, uri, &reason)) {
        setError(error, "bad next hop \"" + std::string(uriText) + "\": " + reason);
        return std::nullopt;
    }
    std::optional<Endpoint> destination = m_resolver ? m_resolver(uri) : std::nullopt;
    if (!destination || destination->isNull()) {
        setError(error, "cannot resolve \"" + std::string(uriText) + "\"");
        return std::nullopt;
    }
    return destination;
}

std::optional<Endpoint> DialogSender::nextHop(const Dialog &dialog, std::string *error) const
{
    return resolve(dialog.nextHopUri(), error);
}

std::optional<Endpoint> DialogSender::sendAck(SipMessage &ack, const Dialog &dialog,
                                              std::string *error) const
{
    if (ack.isNull() || ack.methodId() != Method::Ack) {
        setError(error, "not an ACK");
        return std::nullopt;
    }
    std::optional<Endpoint> destination = nextHop(dialog, error);
    if (!destination || !sendAckTo(ack, *destination, error))
        return std::nullopt;
    return destination;
}

bool DialogSender::sendAckTo(SipMessage &ack, const Endpoint &destination, std::string *error) const
{
    if (ack.isNull() || ack.methodId() != Method::Ack) {
        setError(error, "not an ACK");
        return false;
    }
    // §17.1.1.3 / §13.2.2.4: the ACK for a 2xx has a branch of its own.
    if (ack.vias().empty() && !addTopVia(ack, destination.transport)) {
        setError(error, "could not add a Via");
        return false;
    }
    if (!m_layer->sendStateless(ack, destination)) {
        setError(error, "the transport refused the ACK");
        return false;
    }
    return true;
}

bool DialogSender::sendAgain(const SipMessage &message, const Endpoint &destination) const
{
    return m_layer->sendStateless(message, destination);
}

ClientTransactionHandle DialogSender::send(const SipMessage &request, const Dialog &dialog,
                                           ClientHandler handler, std::string *error) const
{
    const std::optional<Endpoint> destination = nextHop(dialog, error);
    if (!destination)
        return {};
    return m_layer->sendRequest(request, *destination, std::move(handler), error);
}

} // namespace Sip
