// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/qt/QtAudioEndpointFactory.h"

#include "audio/qt/QtAudioInput.h"
#include "audio/qt/QtAudioOutput.h"

namespace Media {

void QtAudioEndpointFactory::install(EndpointFactory &factory)
{
    factory.setSourceCreator(QStringLiteral("device"),
                             [](const QString &name, const AudioFormat &format,
                                QString *error) -> std::unique_ptr<AudioSource> {
                                 auto input = std::make_unique<QtAudioInput>(format);
                                 if (!input->start(name)) {
                                     if (error)
                                         *error = input->lastError();
                                     return nullptr;
                                 }
                                 return input;
                             });
    factory.setSinkCreator(QStringLiteral("device"),
                           [](const QString &name, const AudioFormat &format,
                              QString *error) -> std::unique_ptr<AudioSink> {
                               auto output = std::make_unique<QtAudioOutput>(format);
                               if (!output->start(name)) {
                                   if (error)
                                       *error = output->lastError();
                                   return nullptr;
                               }
                               return output;
                           });
}

} // namespace Media
