// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/EndpointFactory.h"

namespace Media {

// Registers the "device" scheme: "device:NAME" opens QtAudioInput / QtAudioOutput on the
// device whose description (or id) is NAME, "device:" or an unknown name the default one.
// The endpoints are created on the media thread (MediaEngine runs the creators there) and
// follow hot-plug on their own: a removed device falls back to the default.
class QtAudioEndpointFactory
{
public:
    static void install(EndpointFactory &factory);
};

} // namespace Media
