// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LevelMeter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace Gui {

LevelMeter::LevelMeter(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::NoFocus); // shows a value; nothing to operate
}

QSize LevelMeter::sizeHint() const
{
    return { 160, fontMetrics().height() / 2 + 4 };
}

QSize LevelMeter::minimumSizeHint() const
{
    return { 60, 6 };
}

double LevelMeter::position(double dbfs)
{
    if (!std::isfinite(dbfs))
        return 0.0;
    return std::clamp((dbfs + RangeDb) / RangeDb, 0.0, 1.0);
}

double LevelMeter::fill() const
{
    return position(m_rmsDbfs);
}

void LevelMeter::setLevel(double rmsDbfs, double peakDbfs)
{
    // Repaint only when the bar moves by a pixel or more: ten readings a second per meter
    // must not keep the GUI busy.
    const int width = std::max(1, this->width());
    const bool moved = int(position(rmsDbfs) * width) != int(position(m_rmsDbfs) * width)
            || int(position(peakDbfs) * width) != int(position(m_peakDbfs) * width);
    m_rmsDbfs = rmsDbfs;
    m_peakDbfs = peakDbfs;
    if (moved)
        update();
}

void LevelMeter::clear()
{
    setLevel(-RangeDb * 2, -RangeDb * 2);
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const QPalette &pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const double width = frame.width();
    const double rms = position(m_rmsDbfs) * width;
    // Colours by level, the usual meter scale: healthy speech sits in the green.
    const auto zoneColour = [](double dbfs) {
        if (dbfs > -6.0)
            return QColor(0xd3, 0x2f, 0x2f);
        if (dbfs > -18.0)
            return QColor(0xf9, 0xa8, 0x25);
        return QColor(0x43, 0xa0, 0x47);
    };
    if (rms > 0.0)
        painter.fillRect(QRectF(frame.left(), frame.top(), rms, frame.height()),
                         zoneColour(m_rmsDbfs));
    const double peak = position(m_peakDbfs) * width;
    if (peak > 0.0) {
        painter.setPen(QPen(pal.color(QPalette::Text), 2.0));
        painter.drawLine(QPointF(frame.left() + peak, frame.top()),
                         QPointF(frame.left() + peak, frame.bottom()));
    }
    painter.setPen(pal.color(QPalette::Mid));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(frame);
}

} // namespace Gui
