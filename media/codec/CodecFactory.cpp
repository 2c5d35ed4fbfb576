// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/CodecFactory.h"

#include "codec/G711Codec.h"
#include "codec/OpusCodec.h"

namespace Media {

namespace {

enum class Kind { None, Pcmu, Pcma, Opus };

Kind kindOf(QStringView name, int clockRate, int channels)
{
    if (name.compare(u"PCMU", Qt::CaseInsensitive) == 0 && clockRate == 8000 && channels == 1)
        return Kind::Pcmu;
    if (name.compare(u"PCMA", Qt::CaseInsensitive) == 0 && clockRate == 8000 && channels == 1)
        return Kind::Pcma;
    // RFC 7587 §7 mandates "opus/48000/2"; accept a missing channel count (1) from sloppy peers.
    if (name.compare(u"opus", Qt::CaseInsensitive) == 0 && clockRate == 48000
        && (channels == 2 || channels == 1))
        return Kind::Opus;
    return Kind::None;
}

} // namespace

bool CodecFactory::isSupported(QStringView name, int clockRate, int channels)
{
    return kindOf(name, clockRate, channels) != Kind::None;
}

std::unique_ptr<AudioCodec> CodecFactory::create(QStringView name, int clockRate, int channels,
                                                 QByteArrayView fmtp)
{
    switch (kindOf(name, clockRate, channels)) {
    case Kind::Pcmu:
        return std::make_unique<G711Codec>(G711::Law::MuLaw);
    case Kind::Pcma:
        return std::make_unique<G711Codec>(G711::Law::ALaw);
    case Kind::Opus: {
        auto codec = std::make_unique<OpusCodec>(OpusCodec::Config::fromFmtp(fmtp));
        if (!codec->isValid())
            return nullptr;
        return codec;
    }
    case Kind::None:
        break;
    }
    return nullptr;
}

QStringList CodecFactory::supportedFormats()
{
    return { QStringLiteral("opus/48000/2"), QStringLiteral("PCMU/8000"),
             QStringLiteral("PCMA/8000") };
}

} // namespace Media
