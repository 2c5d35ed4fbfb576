// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

namespace Sip {

/// The timer values of RFC 3261 §17 (table 4 of appendix A) and RFC 6026 §8.10.
///
/// Only T1, T2, T4, the Timer D floor and the 100 Trying delay are settings; every other
/// timer is derived from them exactly as the RFCs define it, so a test (or a deployment
/// with a known round-trip time) changes T1 and all of A, B, E, F, G, H, J, L and M follow.
struct TimerSettings
{
    using Duration = Clock::Duration;

    Duration t1 { 500 }; // RTT estimate
    Duration t2 { 4000 }; // maximum retransmission interval (non-INVITE requests, INVITE responses)
    Duration t4 { 5000 }; // maximum time a message stays in the network
    // Timer D over unreliable transports: "at least 32 seconds" (§17.1.1.2).
    Duration timerDUnreliable { 32000 };
    // §17.2.1: the INVITE server transaction sends 100 Trying when the TU has not sent
    // any response this long after the INVITE arrived. Zero: 100 Trying at once, before
    // the TU even sees the request.
    Duration trying100 { 200 };

    static constexpr Duration zero() { return Duration(0); }

    Duration timerA() const { return t1; } // INVITE retransmission, initial interval (UDP)
    Duration timerB() const { return 64 * t1; } // INVITE client timeout
    Duration timerD(bool reliable) const { return reliable ? zero() : timerDUnreliable; }
    Duration timerE() const { return t1; } // non-INVITE retransmission, initial (UDP)
    Duration timerF() const { return 64 * t1; } // non-INVITE client timeout
    Duration timerG() const { return t1; } // INVITE final response retransmission (UDP)
    Duration timerH() const { return 64 * t1; } // wait for ACK
    Duration timerI(bool reliable) const { return reliable ? zero() : t4; } // ACK retransmissions
    Duration timerJ(bool reliable) const { return reliable ? zero() : 64 * t1; }
    Duration timerK(bool reliable) const { return reliable ? zero() : t4; }
    Duration timerL() const { return 64 * t1; } // RFC 6026: INVITE server in Accepted
    Duration timerM() const { return 64 * t1; } // RFC 6026: INVITE client in Accepted
    // §9.1: a CANCELled INVITE without a final response 64*T1 after the CANCEL was sent
    // is given up.
    Duration cancelGuard() const { return 64 * t1; }
};

} // namespace Sip
