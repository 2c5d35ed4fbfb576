// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ParamList.h"

#include <string>

namespace Sip {

/// One Via value (RFC 3261 §20.42, RFC 3581 rport, RFC 5118 IPv6 'received').
class Via
{
public:
    static bool parse(Scanner &s, Via &out);

    std::string_view protocolName() const { return m_protocolName; }
    std::string_view protocolVersion() const { return m_protocolVersion; }
    std::string_view transport() const { return m_transport; }
    std::string_view host() const { return m_host; } // an IPv6 reference keeps its brackets
    int port() const { return m_port; } // -1 when not given
    const ParamList &params() const { return m_params; }

    std::string_view branch() const { return m_branch; }
    std::string_view received() const { return m_received; }
    bool hasRport() const { return m_rport >= 0; }
    int rport() const { return m_rport; } // 0: present without a value; -1: absent
    std::string_view maddr() const { return m_maddr; }
    int ttl() const { return m_ttl; } // -1 when absent

    // RFC 3261 §8.1.1.7: a branch starting with the magic cookie identifies the transaction.
    bool hasRfc3261Branch() const { return m_branch.size() > 7 && m_branch.substr(0, 7) == "z9hG4bK"; }

    static std::string format(std::string_view transport, std::string_view host, int port,
                              std::string_view branch, bool rport);

private:
    std::string_view m_protocolName;
    std::string_view m_protocolVersion;
    std::string_view m_transport;
    std::string_view m_host;
    std::string_view m_branch;
    std::string_view m_received;
    std::string_view m_maddr;
    ParamList m_params;
    int m_port = -1;
    int m_rport = -1;
    int m_ttl = -1;
};

} // namespace Sip
