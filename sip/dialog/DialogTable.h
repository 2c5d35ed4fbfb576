// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DialogId.h"
#include "message/SipMessage.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace Sip {

/// The dialogs a user agent has, by DialogId, mapping each to whatever the UA keeps for
/// it (`T`: a std::shared_ptr<Dialog>, a weak pointer to the session or subscription,
/// ...). The UA core looks up every request with a To tag here (§12.2.2) and answers
/// 481 when findForRequest() finds nothing.
///
/// Values stay at the same address until removed (pointers returned by find() survive
/// inserting other dialogs). Single-threaded, like the rest of the engine.
template<typename T>
class DialogTable
{
public:
    // Adds `value` for `id`, replacing any value it had. False (nothing added) for a null id.
    bool insert(const DialogId &id, T value)
    {
        if (id.isNull())
            return false;
        m_map.insert_or_assign(id, std::move(value));
        return true;
    }

    T *find(const DialogId &id)
    {
        const auto it = m_map.find(id);
        return it == m_map.end() ? nullptr : &it->second;
    }
    const T *find(const DialogId &id) const
    {
        const auto it = m_map.find(id);
        return it == m_map.end() ? nullptr : &it->second;
    }
    bool contains(const DialogId &id) const { return m_map.count(id) != 0; }

    // §12.2.2: the dialog of a request received: Call-ID, To tag (local), From tag
    // (remote). Null when it has no To tag (not a request inside a dialog) or matches
    // nothing (answer 481, except ACK which is dropped and CANCEL which the transaction
    // layer handles).
    T *findForRequest(const SipMessage &request)
    {
        const DialogId id = DialogId::forIncomingRequest(request);
        return id.localTag.empty() ? nullptr : find(id);
    }
    // The dialog of a response to a request we sent: Call-ID, From tag (local), To tag
    // (remote).
    T *findForResponse(const SipMessage &response)
    {
        const DialogId id = DialogId::forIncomingResponse(response);
        return id.remoteTag.empty() ? nullptr : find(id);
    }

    bool remove(const DialogId &id) { return m_map.erase(id) != 0; }
    // Removes every entry for which pred(const DialogId &, T &) is true; returns how many.
    template<typename Pred>
    int removeIf(Pred &&pred)
    {
        int removed = 0;
        for (auto it = m_map.begin(); it != m_map.end();) {
            if (pred(it->first, it->second)) {
                it = m_map.erase(it);
                ++removed;
            } else {
                ++it;
            }
        }
        return removed;
    }
    void clear() { m_map.clear(); }

    int size() const { return int(m_map.size()); }
    bool isEmpty() const { return m_map.empty(); }

    // Every dialog of one call (forks of one INVITE; the target of a Replaces, RFC 3891).
    std::vector<DialogId> idsForCallId(std::string_view callId) const
    {
        std::vector<DialogId> out;
        for (const auto &[id, value] : m_map) {
            if (id.callId == callId)
                out.push_back(id);
        }
        return out;
    }

    // Calls fn(const DialogId &, T &) for each entry (in no particular order). fn must
    // not insert or remove.
    template<typename Fn>
    void forEach(Fn &&fn)
    {
        for (auto &[id, value] : m_map)
            fn(id, value);
    }

private:
    std::unordered_map<DialogId, T> m_map;
};

} // namespace Sip
