// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/Endpoint.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Sip {

struct ListenSpec
{
    TransportType transport = TransportType::Udp;
    QHostAddress address;
    quint16 port = 0; // 0: any free port
};

/// How the engine starts: where it listens and what it says about itself.
struct EngineConfig
{
    QList<ListenSpec> listen; // empty: UDP and TCP on all interfaces, ephemeral ports
    QString userAgent;
    QString sipLogFile; // every message sent and received, empty: none
    QStringList extraCaCertificates; // PEM files trusted besides the system store
    QHostAddress nameserver; // DNS server for RFC 3263 lookups; null: the system's
    int keepAliveSeconds = 30; // OPTIONS ping of a registered UDP flow
    int t1Milliseconds = 500; // RFC 3261 T1; tests shorten it to make Timer F quick
    // Calls: RTP ports are taken, even, from this range; codecs in order of preference
    // ("opus", "pcmu", "pcma"); SRTP 0 = off, 1 = optional, 2 = mandatory.
    int rtpPortMin = 40000;
    int rtpPortMax = 49998;
    QStringList codecs { QStringLiteral("opus"), QStringLiteral("pcmu"), QStringLiteral("pcma") };
    int srtpPolicy = 0;
    int autoAnswerSeconds = -1; // answer incoming calls after this delay; -1: never
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::EngineConfig)
