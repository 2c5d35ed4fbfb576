// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialogSet.h"

namespace Sip {

DialogSet::DialogSet(SipMessage invite)
    : m_invite(std::move(invite))
{
}

bool DialogSet::answers(const SipMessage &response) const
{
    if (!response.isResponse() || m_invite.isNull() || !response.cseq() || !response.from()
        || !m_invite.cseq() || !m_invite.from())
        return false;
    return response.callId() == m_invite.callId()
            && response.from()->tag() == m_invite.from()->tag()
            && response.cseq()->number() == m_invite.cseq()->number()
            && response.cseq()->method() == m_invite.method();
}

DialogSet::Fork *DialogSet::findFork(std::string_view remoteTag)
{
    for (Fork &f : m_forks) {
        if (f.dialog->remoteTag() == remoteTag)
            return &f;
    }
    return nullptr;
}

std::shared_ptr<Dialog> DialogSet::find(std::string_view remoteTag) const
{
    for (const Fork &f : m_forks) {
        if (f.dialog->remoteTag() == remoteTag)
            return f.dialog;
    }
    return nullptr;
}

bool DialogSet::hasAnswered(std::string_view remoteTag) const
{
    for (const Fork &f : m_forks) {
        if (f.dialog->remoteTag() == remoteTag)
            return f.answered;
    }
    return false;
}

std::vector<std::shared_ptr<Dialog>> DialogSet::dialogs() const
{
    std::vector<std::shared_ptr<Dialog>> out;
    for (const Fork &f : m_forks)
        out.push_back(f.dialog);
    return out;
}

std::vector<std::shared_ptr<Dialog>> DialogSet::earlyDialogs() const
{
    std::vector<std::shared_ptr<Dialog>> out;
    for (const Fork &f : m_forks) {
        if (f.dialog->isEarly())
            out.push_back(f.dialog);
    }
    return out;
}

ForkResult DialogSet::handleResponse(const SipMessage &response)
{
    ForkResult result;
    if (!answers(response))
        return result;
    const int status = response.statusCode();
    const std::string_view tag = response.to() ? response.to()->tag() : std::string_view();

    if (status >= 300) {
        // §12.3: the INVITE failed; every early dialog it created ends with it. A
        // confirmed dialog (an answer already came) is not touched.
        m_failStatus = status;
        for (Fork &f : m_forks)
            f.dialog->handleResponse(response);
        result.kind = ForkResult::Kind::Failed;
        return result;
    }

    if (status < 200) {
        if (status == 100 || tag.empty()) {
            result.kind = ForkResult::Kind::Trying;
            return result;
        }
        if (Fork *fork = findFork(tag)) {
            if (!fork->dialog->isEarly())
                return result; // that fork answered (or ended) already
            fork->dialog->handleResponse(response);
            result.kind = ForkResult::Kind::Early;
            result.dialog = fork->dialog;
            return result;
        }
        if (m_failStatus != 0)
            return result;
        std::optional<Dialog> early = Dialog::createUac(m_invite, response);
        if (!early)
            return result;
        m_forks.push_back({ std::make_shared<Dialog>(std::move(*early)), false });
        result.kind = ForkResult::Kind::Early;
        result.dialog = m_forks.back().dialog;
        result.isNewDialog = true;
        return result;
    }

    // 2xx (§13.2.2.4): each one is ACKed; the first makes the call, any other fork's is
    // hung up. A 2xx for a known fork confirms its early dialog (and recomputes its route
    // set, Dialog::handleResponse), otherwise a new confirmed dialog is made.
    Fork *fork = findFork(tag);
    if (fork && fork->answered) {
        fork->dialog->handleResponse(response);
        result.kind = fork->dialog == m_primary ? ForkResult::Kind::AnswerRepeated
                                                : ForkResult::Kind::ExtraAnswerRepeated;
        result.dialog = fork->dialog;
        return result;
    }
    if (fork) {
        fork->dialog->handleResponse(response);
        if (!fork->dialog->isConfirmed()) {
            // An early dialog already ended (the INVITE failed before): the 2xx still
            // needs its ACK and BYE, on a dialog made from the 2xx itself.
            std::optional<Dialog> confirmed = Dialog::createUac(m_invite, response);
            if (!confirmed)
                return result;
            *fork->dialog = std::move(*confirmed);
        }
    } else {
        std::optional<Dialog> confirmed = Dialog::createUac(m_invite, response);
        if (!confirmed)
            return result;
        m_forks.push_back({ std::make_shared<Dialog>(std::move(*confirmed)), false });
        fork = &m_forks.back();
        result.isNewDialog = true;
    }
    fork->answered = true;
    result.dialog = fork->dialog;
    if (!m_primary) {
        m_primary = fork->dialog;
        result.kind = ForkResult::Kind::Answered;
    } else {
        result.kind = ForkResult::Kind::ExtraAnswer;
    }
    return result;
}

void DialogSet::transactionTerminated()
{
    for (Fork &f : m_forks) {
        if (f.dialog->isEarly())
            f.dialog->terminate();
    }
}

const char *toString(ForkResult::Kind kind)
{
    switch (kind) {
    case ForkResult::Kind::Ignored:
        return "Ignored";
    case ForkResult::Kind::Trying:
        return "Trying";
    case ForkResult::Kind::Early:
        return "Early";
    case ForkResult::Kind::Answered:
        return "Answered";
    case ForkResult::Kind::AnswerRepeated:
        return "AnswerRepeated";
    case ForkResult::Kind::ExtraAnswer:
        return "ExtraAnswer";
    case ForkResult::Kind::ExtraAnswerRepeated:
        return "ExtraAnswerRepeated";
    case ForkResult::Kind::Failed:
        return "Failed";
    }
    return "?";
}

} // namespace Sip
