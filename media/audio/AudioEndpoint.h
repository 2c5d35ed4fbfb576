// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioFormat.h"

#include <QString>

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

protected:
    void setErrorString(const QString &error) { m_errorString = error; }

private:
    QString m_errorString;
};

} // namespace Media
