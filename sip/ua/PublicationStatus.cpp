// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PublicationStatus.h"

namespace Sip {

QString publicationStateName(PublicationState state)
{
    switch (state) {
    case PublicationState::Unpublished:
        return QStringLiteral("unpublished");
    case PublicationState::Publishing:
        return QStringLiteral("publishing");
    case PublicationState::Published:
        return QStringLiteral("published");
    case PublicationState::Removing:
        return QStringLiteral("removing");
    case PublicationState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace Sip
