// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/EndpointFactory.h"

#include "audio/NullSink.h"
#include "audio/ToneSource.h"
#include "audio/WavFileSink.h"
#include "audio/WavFileSource.h"

namespace Media {

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

std::unique_ptr<AudioSource> createWavSource(const QString &argument, const AudioFormat &,
                                             QString *error)
{
    if (argument.isEmpty()) {
        setError(error, QStringLiteral("wav: source needs a file name"));
        return nullptr;
    }
    auto source = std::make_unique<WavFileSource>();
    if (!source->open(argument)) {
        setError(error, source->errorString());
        return nullptr;
    }
    return source;
}

// "HZ" or "HZ+HZ": one or two summed sines at ToneGenerator's default level.
std::unique_ptr<AudioSource> createToneSource(const QString &argument, const AudioFormat &preferred,
                                              QString *error)
{
    const QStringList parts = argument.split(QLatin1Char('+'));
    if (parts.size() > 2) {
        setError(error, QStringLiteral("tone: at most two frequencies: \"%1\"").arg(argument));
        return nullptr;
    }
    double frequencies[2] = { 0.0, 0.0 };
    for (int i = 0; i < parts.size(); ++i) {
        bool ok = false;
        frequencies[i] = parts.at(i).trimmed().toDouble(&ok);
        if (!ok || frequencies[i] <= 0.0 || frequencies[i] >= preferred.sampleRate / 2.0) {
            setError(error,
                     QStringLiteral("tone: bad frequency \"%1\" (0 < Hz < %2)")
                             .arg(parts.at(i))
                             .arg(preferred.sampleRate / 2));
            return nullptr;
        }
    }
    ToneGenerator::Tone tone = ToneGenerator::sine(frequencies[0]);
    tone.frequency2 = frequencies[1];
    return std::make_unique<ToneSource>(preferred, tone);
}

std::unique_ptr<AudioSource> createSilenceSource(const QString &, const AudioFormat &preferred,
                                                 QString *)
{
    return std::make_unique<ToneSource>(preferred, ToneGenerator::sine(0.0, 0.0));
}

std::unique_ptr<AudioSink> createWavSink(const QString &argument, const AudioFormat &preferred,
                                         QString *error)
{
    if (argument.isEmpty()) {
        setError(error, QStringLiteral("wav: sink needs a file name"));
        return nullptr;
    }
    auto sink = std::make_unique<WavFileSink>();
    if (!sink->open(argument, preferred)) {
        setError(error, sink->errorString());
        return nullptr;
    }
    return sink;
}

std::unique_ptr<AudioSink> createNullSink(const QString &, const AudioFormat &preferred, QString *)
{
    return std::make_unique<NullSink>(preferred);
}

} // namespace

EndpointFactory::EndpointFactory()
{
    m_sources.insert(QStringLiteral("wav"), createWavSource);
    m_sources.insert(QStringLiteral("tone"), createToneSource);
    m_sources.insert(QStringLiteral("null"), createSilenceSource);
    m_sinks.insert(QStringLiteral("wav"), createWavSink);
    m_sinks.insert(QStringLiteral("null"), createNullSink);
}

void EndpointFactory::setSourceCreator(const QString &scheme, SourceCreator creator)
{
    if (creator)
        m_sources.insert(scheme.toLower(), std::move(creator));
    else
        m_sources.remove(scheme.toLower());
}

void EndpointFactory::setSinkCreator(const QString &scheme, SinkCreator creator)
{
    if (creator)
        m_sinks.insert(scheme.toLower(), std::move(creator));
    else
        m_sinks.remove(scheme.toLower());
}

bool EndpointFactory::hasSourceScheme(const QString &scheme) const
{
    return m_sources.contains(scheme.toLower());
}

bool EndpointFactory::hasSinkScheme(const QString &scheme) const
{
    return m_sinks.contains(scheme.toLower());
}

QStringList EndpointFactory::sourceSchemes() const
{
    QStringList schemes = m_sources.keys();
    schemes.sort();
    return schemes;
}

QStringList EndpointFactory::sinkSchemes() const
{
    QStringList schemes = m_sinks.keys();
    schemes.sort();
    return schemes;
}

bool EndpointFactory::splitSpec(const QString &spec, QString *scheme, QString *argument)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const QString name = (colon < 0 ? spec : spec.left(colon)).trimmed().toLower();
    if (scheme)
        *scheme = name;
    if (argument)
        *argument = colon < 0 ? QString() : spec.mid(colon + 1);
    return !name.isEmpty();
}

std::unique_ptr<AudioSource> EndpointFactory::createSource(const QString &spec,
                                                           const AudioFormat &preferred,
                                                           QString *error) const
{
    QString scheme;
    QString argument;
    if (!splitSpec(spec, &scheme, &argument)) {
        setError(error, QStringLiteral("empty audio source spec"));
        return nullptr;
    }
    const auto it = m_sources.constFind(scheme);
    if (it == m_sources.constEnd()) {
        setError(error, QStringLiteral("unknown audio source \"%1\"").arg(spec));
        return nullptr;
    }
    QString message;
    auto source = it.value()(argument, preferred, &message);
    if (source && !source->format().isValid()) {
        message = QStringLiteral("audio source \"%1\" has an invalid format").arg(spec);
        source.reset();
    }
    if (!source)
        setError(error,
                 message.isEmpty() ? QStringLiteral("cannot open audio source \"%1\"").arg(spec)
                                   : message);
    return source;
}

std::unique_ptr<AudioSink>
EndpointFactory::createSink(const QString &spec, const AudioFormat &preferred, QString *error) const
{
    QString scheme;
    QString argument;
    if (!splitSpec(spec, &scheme, &argument)) {
        setError(error, QStringLiteral("empty audio sink spec"));
        return nullptr;
    }
    const auto it = m_sinks.constFind(scheme);
    if (it == m_sinks.constEnd()) {
        setError(error, QStringLiteral("unknown audio sink \"%1\"").arg(spec));
        return nullptr;
    }
    QString message;
    auto sink = it.value()(argument, preferred, &message);
    if (sink && !sink->format().isValid()) {
        message = QStringLiteral("audio sink \"%1\" has an invalid format").arg(spec);
        sink.reset();
    }
    if (!sink)
        setError(error,
                 message.isEmpty() ? QStringLiteral("cannot open audio sink \"%1\"").arg(spec)
                                   : message);
    return sink;
}

} // namespace Media
