// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioFormat.h"

#include <QString>

#include <functional>

namespace Media {

// Something audio frames come from (AudioSource) or go to (AudioSink): a file, a tone, a
// sound device. Endpoints are driven by the media thread, one 20 ms frame per call; their
// format is fixed once they are open.
class AudioEndpoint
{
public:
    virtual ~AudioEndpoint() = default;

    virtual AudioFormat format() const = 0;
    // Why the last operation failed; empty if nothing did.
    QString errorString() const { return m_errorString; }

    // A sound device endpoint whose device disappeared moves on to the default device by
    // itself, without interrupting the frames; it reports the move through this handler
    // (on the endpoint's thread), so that the session can tell the application.
    using DeviceFallbackHandler
            = std::function<void(const QString &lostDevice, const QString &newDevice)>;
    void setDeviceFallbackHandler(DeviceFallbackHandler handler)
    {
        m_deviceFallbackHandler = std::move(handler);
    }

protected:
    void setErrorString(const QString &error) { m_errorString = error; }
    void notifyDeviceFallback(const QString &lostDevice, const QString &newDevice)
    {
        if (m_deviceFallbackHandler)
            m_deviceFallbackHandler(lostDevice, newDevice);
    }

private:
    QString m_errorString;
    DeviceFallbackHandler m_deviceFallbackHandler;
};

} // namespace Media
