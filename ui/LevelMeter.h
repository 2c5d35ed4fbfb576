// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace Gui {

/// A horizontal audio level meter: a bar for the RMS level and a tick for the peak, over
/// RangeDb decibels below full scale; green, then amber above -18 dBFS, red above -6.
/// It paints the values it is given (about 10 a second) and nothing else.
class LevelMeter : public QWidget
{
    Q_OBJECT
public:
    static constexpr double RangeDb = 60.0; // the left edge is -60 dBFS

    explicit LevelMeter(QWidget *parent = nullptr);

    double rmsDbfs() const { return m_rmsDbfs; }
    double peakDbfs() const { return m_peakDbfs; }
    // 0..1 of the width the RMS bar fills.
    double fill() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void setLevel(double rmsDbfs, double peakDbfs);
    void clear(); // silence

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static double position(double dbfs);

    double m_rmsDbfs = -RangeDb * 2;
    double m_peakDbfs = -RangeDb * 2;
};

} // namespace Gui
