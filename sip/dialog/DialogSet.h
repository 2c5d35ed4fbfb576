// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Dialog.h"
#include "message/SipMessage.h"

#include <QtGlobal>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace Sip {

/// What one response to a forked INVITE means for a UAC that wants one call
/// (§13.2.2.4, §12.1.2, RFC 6026), as DialogSet::handleResponse() tells it.
struct ForkResult
{
    enum class Kind : quint8 {
        // Not a response to this INVITE (other Call-ID, From tag or CSeq), or nothing to
        // do (a 1xx on a fork that has already answered, a 1xx after the failure).
        Ignored,
        // A 1xx without To tag (100 Trying, or a tagless 18x): no dialog.
        Trying,
        // A 1xx with a To tag: `dialog` is the early dialog of that fork (new or known).
        Early,
        // The first 2xx: `dialog` is the call, now Confirmed. ACK it.
        Answered,
        // The call's 2xx again (a retransmission): ACK it again (§13.2.2.4).
        AnswerRepeated,
        // A 2xx from another fork after the call was answered: `dialog` is that fork's
        // (Confirmed) dialog. ACK it, then end it with a BYE (§13.2.2.4).
        ExtraAnswer,
        // That fork's 2xx again: ACK it again, no second BYE.
        ExtraAnswerRepeated,
        // A 300-699 (real, or the synthetic 408/503 of the transaction layer): the INVITE
        // failed, every early dialog is Terminated (§12.3).
        Failed,
    };

    Kind kind = Kind::Ignored;
    std::shared_ptr<Dialog> dialog; // null for Ignored, Trying, Failed
    bool isNewDialog = false; // `dialog` was created by this response
    std::string error; // InviteForkHandler: why the ACK or BYE could not be sent

    bool needsAck() const
    {
        return kind == Kind::Answered || kind == Kind::AnswerRepeated || kind == Kind::ExtraAnswer
                || kind == Kind::ExtraAnswerRepeated;
    }
    bool needsBye() const { return kind == Kind::ExtraAnswer; }
};

const char *toString(ForkResult::Kind kind);

/// Every dialog one INVITE created: one per To tag of the responses with one (forking,
/// §12.1.2, §13.2.2.4, §19.3). Pure state: no I/O (InviteForkHandler does the sending).
///
/// The first 2xx makes the call (primary()); a 2xx from another fork later is an extra
/// answer to be ACKed and hung up. Dialogs stay in the set once ended, so that a
/// retransmitted 2xx is still recognised (and ACKed) after its dialog was hung up.
/// Dialogs are shared (std::shared_ptr) so a session and a DialogTable can hold them.
class DialogSet
{
public:
    // `invite`: the INVITE as sent (Via not needed): its Call-ID, From tag and CSeq
    // identify the responses to it; it is the request of Dialog::createUac().
    explicit DialogSet(SipMessage invite);

    const SipMessage &invite() const { return m_invite; }

    // Classifies a response to the INVITE and updates the dialogs (see ForkResult).
    ForkResult handleResponse(const SipMessage &response);

    // The INVITE client transaction is over (its Terminated event: RFC 6026 Timer M after
    // the first 2xx, or the end of a failed INVITE). §13.2.2.4: the early dialogs that
    // did not get a 2xx are terminated.
    void transactionTerminated();

    // The call: the dialog of the first 2xx (null before).
    std::shared_ptr<Dialog> primary() const { return m_primary; }
    bool isAnswered() const { return m_primary != nullptr; }
    // A 300-699 ended the INVITE; its status code (0 when none).
    bool isFailed() const { return m_failStatus != 0; }
    int failStatus() const { return m_failStatus; }

    // The dialog of the fork with that To tag, or null.
    std::shared_ptr<Dialog> find(std::string_view remoteTag) const;
    // Every dialog, in the order they were created (ended ones too).
    std::vector<std::shared_ptr<Dialog>> dialogs() const;
    // The dialogs still Early (the forks still ringing).
    std::vector<std::shared_ptr<Dialog>> earlyDialogs() const;
    // Whether the fork with that To tag has sent a 2xx.
    bool hasAnswered(std::string_view remoteTag) const;

private:
    struct Fork
    {
        std::shared_ptr<Dialog> dialog;
        bool answered = false;
    };

    bool answers(const SipMessage &response) const;
    Fork *findFork(std::string_view remoteTag);

    SipMessage m_invite;
    std::vector<Fork> m_forks;
    std::shared_ptr<Dialog> m_primary;
    int m_failStatus = 0;
};

} // namespace Sip
