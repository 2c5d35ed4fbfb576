// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transaction/TransactionLayer.h"
#include "transport/Endpoint.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace Sip {

class Dialog;
class SipMessage;
class SipUri;

/// Sends the requests of dialogs through a TransactionLayer, to the dialog's next hop
/// (§12.2.1.1, §8.1.2): the first route, or the remote target. Turning that URI into a
/// transport destination (RFC 3263) is the resolver's job, given by the UA.
class DialogSender
{
public:
    // The transport destination of a next-hop URI; nullopt when it cannot be resolved.
    using Resolver = std::function<std::optional<Endpoint>(const SipUri &nextHop)>;

    DialogSender(TransactionLayer &layer, Resolver resolver);

    TransactionLayer &layer() const { return *m_layer; }
    const Resolver &resolver() const { return m_resolver; }

    // Resolves a URI (text); nullopt with the reason when it does not parse or resolve.
    std::optional<Endpoint> resolve(std::string_view uri, std::string *error = nullptr) const;
    // Resolves dialog.nextHopUri().
    std::optional<Endpoint> nextHop(const Dialog &dialog, std::string *error = nullptr) const;

    // §13.2.2.4: sends the ACK for a 2xx (Dialog::createAck(), plus whatever the caller
    // added) outside any transaction (sendStateless) to the dialog's next hop. An ACK
    // without Via gets a top Via with a fresh branch (§8.1.1.7: the ACK for a 2xx is a
    // transaction of its own); `ack` is left as sent, so the caller can re-send the very
    // same ACK for each retransmission of the 2xx with sendAgain(). Returns where it went,
    // or nullopt with the reason.
    std::optional<Endpoint> sendAck(SipMessage &ack, const Dialog &dialog,
                                    std::string *error = nullptr) const;
    // The same to a destination already known (e.g. located asynchronously with
    // ServerLocator): adds the Via when missing and sends statelessly.
    bool sendAckTo(SipMessage &ack, const Endpoint &destination,
                   std::string *error = nullptr) const;
    // Re-sends a message (an ACK sendAck() completed) statelessly.
    bool sendAgain(const SipMessage &message, const Endpoint &destination) const;

    // Sends a request of the dialog (not ACK) in a client transaction to its next hop.
    // A null handle (with the reason) when the next hop does not resolve or the layer
    // refuses the request.
    ClientTransactionHandle send(const SipMessage &request, const Dialog &dialog,
                                 ClientHandler handler, std::string *error = nullptr) const;

private:
    TransactionLayer *m_layer;
    Resolver m_resolver;
};

} // namespace Sip
