// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QIconEngine>
#include <QPixmap>

namespace Gui {

/// An icon drawn from SVG bytes at exactly the size asked for, on first use: nothing is
/// rendered at start-up for icons that are never shown, and every size is sharp.
class SvgIconEngine : public QIconEngine
{
public:
    explicit SvgIconEngine(const QByteArray &svg);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QIconEngine *clone() const override;
    QString key() const override;

private:
    QByteArray m_svg;
    QHash<quint64, QPixmap> m_cache; // by size and mode
};

} // namespace Gui
