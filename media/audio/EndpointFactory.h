// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioFormat.h"
#include "audio/AudioSink.h"
#include "audio/AudioSource.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Media {

// Creates audio endpoints from spec strings "scheme[:argument]", so the media engine needs
// no knowledge of sound devices: the application registers a creator per scheme.
//
// Built in (Qt Core only):
//   source "wav:FILE"      WavFileSource, played once, then End
//   source "tone:HZ[+HZ]"  ToneSource with one or two continuous sines
//   source "null"          silence
//   sink   "wav:FILE"      WavFileSink recording in the preferred format
//   sink   "null"          NullSink
// The application adds "device" (media_qt_audio's QtAudioInput/QtAudioOutput) with
// setSourceCreator()/setSinkCreator(); a creator can also replace a built-in scheme.
//
// Creators run on the media thread (a thread with an event loop, as Qt Multimedia
// endpoints need) and get the format the session would like (the codec's rate and
// channels). An endpoint may open in another format; the session converts. A creator
// returns nullptr with *error set on failure. EndpointFactory is a copyable value.
class EndpointFactory
{
public:
    using SourceCreator = std::function<std::unique_ptr<AudioSource>(
            const QString &argument, const AudioFormat &preferred, QString *error)>;
    using SinkCreator = std::function<std::unique_ptr<AudioSink>(
            const QString &argument, const AudioFormat &preferred, QString *error)>;

    // With the built-in schemes.
    EndpointFactory();

    // Registers (or, with an empty function, removes) the creator of a scheme. Scheme
    // names compare case-insensitively.
    void setSourceCreator(const QString &scheme, SourceCreator creator);
    void setSinkCreator(const QString &scheme, SinkCreator creator);
    bool hasSourceScheme(const QString &scheme) const;
    bool hasSinkScheme(const QString &scheme) const;
    QStringList sourceSchemes() const;
    QStringList sinkSchemes() const;

    std::unique_ptr<AudioSource> createSource(const QString &spec, const AudioFormat &preferred,
                                              QString *error = nullptr) const;
    std::unique_ptr<AudioSink> createSink(const QString &spec, const AudioFormat &preferred,
                                          QString *error = nullptr) const;

    // "wav:/tmp/a.wav" -> ("wav", "/tmp/a.wav"); "null" -> ("null", ""). Splits at the first
    // colon, so a Windows path ("wav:C:\a.wav") keeps its drive letter. False if the scheme
    // is empty.
    static bool splitSpec(const QString &spec, QString *scheme, QString *argument);

private:
    QHash<QString, SourceCreator> m_sources;
    QHash<QString, SinkCreator> m_sinks;
};

} // namespace Media
