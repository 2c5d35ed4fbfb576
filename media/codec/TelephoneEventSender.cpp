// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/TelephoneEventSender.h"

#include <algorithm>

namespace Media {

TelephoneEventSender::TelephoneEventSender(int clockRate, quint8 volume)
    : m_clockRate(clockRate > 0 ? clockRate : 8000)
    , m_volume(std::min(volume, TelephoneEvent::MaxVolume))
    , m_interval(m_clockRate * UpdateIntervalMs / 1000)
{
}

bool TelephoneEventSender::start(quint8 event, int durationMs, uint32_t timestamp)
{
    if (m_state != State::Idle || durationMs <= 0)
        return false;
    const qint64 duration = qint64(durationMs) * m_clockRate / 1000;
    m_event = event;
    m_timestamp = timestamp;
    m_totalDuration = int(std::clamp<qint64>(duration, 1, 0xFFFF));
    m_packetsSent = 0;
    m_endPacketsSent = 0;
    m_state = State::Running;
    return true;
}

void TelephoneEventSender::stop()
{
    if (m_state != State::Running)
        return;
    m_totalDuration = std::min(m_totalDuration, std::min((m_packetsSent + 1) * m_interval, 0xFFFF));
}

std::optional<TelephoneEventSender::Packet> TelephoneEventSender::next()
{
    if (m_state == State::Idle)
        return std::nullopt;

    Packet packet;
    packet.timestamp = m_timestamp;
    packet.marker = m_packetsSent == 0;
    packet.payload.event = m_event;
    packet.payload.volume = m_volume;

    if (m_state == State::Running) {
        const int duration = std::min((m_packetsSent + 1) * m_interval, m_totalDuration);
        packet.payload.duration = quint16(duration);
        if (duration >= m_totalDuration)
            m_state = State::Ending;
    } else {
        packet.payload.duration = quint16(m_totalDuration);
    }

    if (m_state == State::Ending) {
        packet.payload.end = true;
        if (++m_endPacketsSent == EndPacketCount)
            m_state = State::Idle;
    }
    ++m_packetsSent;
    return packet;
}

} // namespace Media
