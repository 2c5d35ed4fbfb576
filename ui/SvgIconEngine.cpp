// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SvgIconEngine.h"

#include <QApplication>
#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QStyle>
#include <QStyleOption>

namespace Gui {

SvgIconEngine::SvgIconEngine(const QByteArray &svg)
    : m_svg(svg)
{
}

QPixmap SvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State)
{
    if (size.isEmpty())
        return {};
    const quint64 key
            = (quint64(size.width()) << 32) | (quint64(size.height()) << 8) | quint64(mode);
    if (const auto it = m_cache.constFind(key); it != m_cache.cend())
        return *it;
    QBuffer buffer(&m_svg);
    QImageReader reader(&buffer, "svg");
    reader.setScaledSize(size);
    QPixmap pixmap = QPixmap::fromImage(reader.read());
    if (mode == QIcon::Disabled && !pixmap.isNull()) {
        QStyleOption option;
        option.palette = QApplication::palette();
        pixmap = QApplication::style()->generatedIconPixmap(QIcon::Disabled, pixmap, &option);
    }
    m_cache.insert(key, pixmap);
    return pixmap;
}

void SvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode,
                          QIcon::State state)
{
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QPixmap image = pixmap(rect.size() * ratio, mode, state);
    image.setDevicePixelRatio(ratio);
    painter->drawPixmap(rect, image);
}

QIconEngine *SvgIconEngine::clone() const
{
    return new SvgIconEngine(m_svg);
}

QString SvgIconEngine::key() const
{
    return QStringLiteral("ParloSvgIconEngine");
}

} // namespace Gui
