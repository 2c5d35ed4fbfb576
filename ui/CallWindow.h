// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/CallInfo.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QSlider;
class QTimer;

namespace App {
class CallController;
class CallListModel;
class ContactListModel;
} // namespace App

namespace Gui {

class DialPad;
class LevelMeter;

/// The call window: an incoming call to accept or decline, or the current call with its
/// state and timer, mute, hold, transfer (blind, or to the other call: attended), the DTMF
/// pad, the call quality, and the microphone and speaker levels with their volumes. With a
/// second call it lists both and swaps between them.
class CallWindow : public QWidget
{
    Q_OBJECT
public:
    CallWindow(App::CallController &calls, App::CallListModel &model,
               App::ContactListModel &contacts, QWidget *parent = nullptr);

    QString selectedCallId() const { return m_selectedId; }
    QLabel *stateLabel() const { return m_state; }
    LevelMeter *inputMeter() const { return m_inputMeter; }
    LevelMeter *outputMeter() const { return m_outputMeter; }

public slots:
    void selectCall(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void refresh();
    void showTransferMenu();
    QString stateText(const App::CallInfo &call) const;

    App::CallController &m_calls;
    App::CallListModel &m_model;
    App::ContactListModel &m_contacts;
    QString m_selectedId;
    QLabel *m_peer = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_quality = nullptr;
    QLabel *m_dtmfEcho = nullptr;
    QListView *m_list = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_decline = nullptr;
    QPushButton *m_hangup = nullptr;
    QPushButton *m_mute = nullptr;
    QPushButton *m_hold = nullptr;
    QPushButton *m_transfer = nullptr;
    QPushButton *m_keypad = nullptr;
    QPushButton *m_swap = nullptr;
    DialPad *m_pad = nullptr;
    QWidget *m_levels = nullptr;
    LevelMeter *m_inputMeter = nullptr;
    LevelMeter *m_outputMeter = nullptr;
    QSlider *m_inputVolume = nullptr;
    QSlider *m_outputVolume = nullptr;
    QTimer *m_clock = nullptr;
};

} // namespace Gui
