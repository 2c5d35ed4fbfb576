// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message/MessageLimits.h"

#include <QtGlobal>

#include <chrono>

namespace Sip {

/// Tunables of the transport layer. The defaults are the RFC values; tests shorten the
/// timers.
struct TransportSettings
{
    // RFC 3261 §18.1.1: a request larger than this (path MTU unknown: 1300 bytes) that
    // would go over UDP is sent over TCP instead, when a TCP transport exists.
    size_t udpMaxRequestBytes = 1300;

    // RFC 5626 §4.4.1 CRLF keep-alive on the TCP/TLS connections this side opened: a
    // double-CRLF ping every `keepAliveInterval`; no pong within `keepAliveTimeout` means
    // the connection is dead. Zero disables the pings (pings from the peer are answered
    // whatever this says).
    std::chrono::milliseconds keepAliveInterval { 90'000 };
    std::chrono::milliseconds keepAliveTimeout { 10'000 };

    // A TCP/TLS connection that carried no SIP message (in either direction) for this
    // long is closed, unless its remote endpoint was marked persistent
    // (TransportManager::setPersistent). Zero: never.
    std::chrono::milliseconds idleTimeout { 300'000 };

    // An outgoing TCP connect (plus TLS handshake) that has not completed by then fails.
    std::chrono::milliseconds connectTimeout { 10'000 };

    // Bounds on what a peer can make us hold: open connections (inbound ones past this
    // are refused) and unsent bytes queued on one connection (past this it is closed).
    int maxConnections = 256;
    qint64 maxWriteBufferBytes = 4 * 1024 * 1024;

    MessageLimits limits;
};

} // namespace Sip
