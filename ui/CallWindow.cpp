// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallWindow.h"

#include "DialPad.h"
#include "HistoryDelegate.h"
#include "IconLoader.h"
#include "LevelMeter.h"
#include "calls/CallController.h"
#include "models/CallListModel.h"
#include "models/ContactListModel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

namespace Gui {

namespace {

QPushButton *makeButton(QWidget *parent, const QString &objectName, const QString &icon,
                        const QString &text)
{
    auto *button = new QPushButton(IconLoader::icon(icon), text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    button->setIconSize(QSize(20, 20));
    return button;
}

} // namespace

CallWindow::CallWindow(App::CallController &calls, App::CallListModel &model,
                       App::ContactListModel &contacts, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_calls(calls)
    , m_model(model)
    , m_contacts(contacts)
{
    setObjectName(QStringLiteral("callWindow"));
    setWindowTitle(tr("Call — Parlo"));
    setWindowIcon(IconLoader::icon(QStringLiteral("call")));
    auto *layout = new QVBoxLayout(this);

    m_peer = new QLabel(this);
    m_peer->setObjectName(QStringLiteral("callPeer"));
    QFont big = m_peer->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_peer->setFont(big);
    m_peer->setAlignment(Qt::AlignCenter);
    m_peer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("callState"));
    m_state->setAlignment(Qt::AlignCenter);
    m_quality = new QLabel(this);
    m_quality->setObjectName(QStringLiteral("callQuality"));
    m_quality->setAlignment(Qt::AlignCenter);
    QFont small = m_quality->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_quality->setFont(small);
    layout->addWidget(m_peer);
    layout->addWidget(m_state);
    layout->addWidget(m_quality);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("callList"));
    m_list->setAccessibleName(tr("Calls"));
    m_list->setModel(&model);
    m_list->setMaximumHeight(90);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_list);

    auto *incomingRow = new QHBoxLayout;
    m_accept = makeButton(this, QStringLiteral("acceptCall"), QStringLiteral("answer"),
                          tr("Accept"));
    m_decline = makeButton(this, QStringLiteral("declineCall"), QStringLiteral("hangup"),
                           tr("Decline"));
    incomingRow->addWidget(m_accept);
    incomingRow->addWidget(m_decline);
    layout->addLayout(incomingRow);

    auto *controls = new QGridLayout;
    m_mute = makeButton(this, QStringLiteral("muteCall"), QStringLiteral("mute"), tr("Mute"));
    m_mute->setCheckable(true);
    m_hold = makeButton(this, QStringLiteral("holdCall"), QStringLiteral("hold"), tr("Hold"));
    m_hold->setCheckable(true);
    m_transfer = makeButton(this, QStringLiteral("transferCall"), QStringLiteral("transfer"),
                            tr("Transfer"));
    m_keypad = makeButton(this, QStringLiteral("keypadToggle"), QStringLiteral("dialpad"),
                          tr("Keypad"));
    m_keypad->setCheckable(true);
    m_swap = makeButton(this, QStringLiteral("swapCall"), QStringLiteral("transfer"), tr("Swap"));
    m_hangup = makeButton(this, QStringLiteral("hangupCall"), QStringLiteral("hangup"),
                          tr("Hang up"));
    controls->addWidget(m_hold, 0, 0);
    controls->addWidget(m_transfer, 0, 1);
    controls->addWidget(m_keypad, 0, 2);
    controls->addWidget(m_mute, 1, 0);
    controls->addWidget(m_swap, 1, 1);
    controls->addWidget(m_hangup, 1, 2);
    layout->addLayout(controls);

    // Levels and volumes: the volumes apply to every call (the user's ears and voice do not
    // change with the call); the meters show the call in the window.
    m_levels = new QWidget(this);
    auto *levels = new QGridLayout(m_levels);
    levels->setContentsMargins(0, 0, 0, 0);
    const auto addLevelRow
            = [this, levels](int row, const QString &icon, const QString &label, LevelMeter *&meter,
                             QSlider *&slider, const QString &name, const QString &meterName,
                             const QString &volumeName, int volume) {
                  auto *iconLabel = new QLabel(m_levels);
                  iconLabel->setPixmap(IconLoader::icon(icon).pixmap(16, 16));
                  iconLabel->setToolTip(label);
                  meter = new LevelMeter(m_levels);
                  meter->setObjectName(name + QStringLiteral("Meter"));
                  meter->setAccessibleName(meterName);
                  meter->setToolTip(meterName);
                  slider = new QSlider(Qt::Horizontal, m_levels);
                  slider->setObjectName(name + QStringLiteral("Volume"));
                  slider->setAccessibleName(volumeName);
                  slider->setToolTip(volumeName);
                  slider->setRange(0, App::CallController::MaxVolumePercent);
                  slider->setPageStep(10);
                  slider->setValue(volume);
                  slider->setMaximumWidth(110);
                  levels->addWidget(iconLabel, row, 0);
                  levels->addWidget(meter, row, 1);
                  levels->addWidget(slider, row, 2);
              };
    addLevelRow(0, QStringLiteral("microphone"), tr("Microphone"), m_inputMeter, m_inputVolume,
                QStringLiteral("microphone"), tr("Microphone level"), tr("Microphone volume"),
                calls.inputVolume());
    addLevelRow(1, QStringLiteral("call"), tr("Speaker"), m_outputMeter, m_outputVolume,
                QStringLiteral("speaker"), tr("Speaker level"), tr("Speaker volume"),
                calls.outputVolume());
    layout->addWidget(m_levels);

    m_dtmfEcho = new QLabel(this);
    m_dtmfEcho->setObjectName(QStringLiteral("dtmfEcho"));
    m_dtmfEcho->setAlignment(Qt::AlignCenter);
    m_dtmfEcho->setFont(big);
    m_pad = new DialPad(this);
    m_dtmfEcho->hide();
    m_pad->hide();
    layout->addWidget(m_dtmfEcho);
    layout->addWidget(m_pad);
    layout->setSizeConstraint(QLayout::SetFixedSize); // the window fits what it shows

    m_clock = new QTimer(this);
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &CallWindow::refresh);

    connect(m_accept, &QPushButton::clicked, this, [this] { m_calls.answer(m_selectedId); });
    connect(m_decline, &QPushButton::clicked, this, [this] { m_calls.reject(m_selectedId, 603); });
    connect(m_hangup, &QPushButton::clicked, this, [this] { m_calls.hangup(m_selectedId); });
    connect(m_mute, &QPushButton::clicked, this,
            [this](bool on) { m_calls.setMuted(m_selectedId, on); });
    connect(m_inputVolume, &QSlider::valueChanged, &calls, &App::CallController::setInputVolume);
    connect(m_outputVolume, &QSlider::valueChanged, &calls, &App::CallController::setOutputVolume);
    connect(&calls, &App::CallController::audioLevels, this,
            [this](const QString &id, double inputRms, double inputPeak, double outputRms,
                   double outputPeak) {
                if (id != m_selectedId)
                    return;
                m_inputMeter->setLevel(inputRms, inputPeak);
                m_outputMeter->setLevel(outputRms, outputPeak);
            });
    connect(m_hold, &QPushButton::clicked, this,
            [this](bool on) { m_calls.setHold(m_selectedId, on); });
    connect(m_swap, &QPushButton::clicked, this, [this] {
        // The other call becomes the current one; this one goes on hold.
        for (const App::CallInfo &call : m_calls.calls()) {
            if (call.id != m_selectedId && call.isEstablished()) {
                m_calls.swapTo(call.id);
                selectCall(call.id);
                return;
            }
        }
    });
    connect(m_transfer, &QPushButton::clicked, this, &CallWindow::showTransferMenu);
    connect(m_keypad, &QPushButton::toggled, this, [this](bool on) {
        m_pad->setVisible(on);
        m_dtmfEcho->setVisible(on);
        if (on)
            m_pad->setFocus();
    });
    connect(m_pad, &DialPad::digitPressed, this, [this](QChar digit) {
        m_calls.sendDtmf(m_selectedId, QString(digit));
        // Local feedback: the digits sent so far (the key's tone plays with the sending).
        m_dtmfEcho->setText(m_dtmfEcho->text().right(24) + digit);
    });
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex &index) {
        selectCall(index.data(App::CallListModel::IdRole).toString());
    });
    connect(&calls, &App::CallController::callAdded, this, [this](const App::CallInfo &call) {
        // A new call takes the window unless one is already connected (call waiting:
        // the new one rings in the list).
        const auto current = m_calls.call(m_selectedId);
        if (!current || !current->isEstablished()
            || call.direction == App::CallInfo::Direction::Outgoing)
            m_selectedId = call.id;
        refresh();
    });
    connect(&calls, &App::CallController::callChanged, this, &CallWindow::refresh);
    connect(&calls, &App::CallController::callRemoved, this, [this](const QString &id) {
        if (id == m_selectedId)
            m_selectedId = m_calls.currentCallId();
        refresh();
        if (m_calls.calls().isEmpty())
            hide();
    });
    setMinimumWidth(340);
    refresh();
}

void CallWindow::selectCall(const QString &id)
{
    if (id != m_selectedId) {
        m_inputMeter->clear();
        m_outputMeter->clear();
    }
    m_selectedId = id;
    refresh();
}

QString CallWindow::stateText(const App::CallInfo &call) const
{
    using State = App::CallInfo::State;
    const auto elapsed = [](qint64 sinceMs) {
        const qint64 seconds
                = std::max<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - sinceMs) / 1000);
        return HistoryDelegate::durationText(static_cast<int>(seconds));
    };
    switch (call.state) {
    case State::Incoming:
        return tr("Incoming call…");
    case State::Calling:
        return tr("Calling…");
    case State::Ringing:
        return tr("Ringing…");
    case State::Connected:
        return call.remoteHold ? tr("On hold by the other side · %1").arg(elapsed(call.connectedMs))
                               : tr("Connected · %1").arg(elapsed(call.connectedMs));
    case State::Held:
        return tr("On hold · %1").arg(elapsed(call.connectedMs));
    case State::Ended:
        return call.reason.isEmpty() ? tr("Call ended") : tr("Call ended: %1").arg(call.reason);
    }
    return {};
}

void CallWindow::refresh()
{
    const auto selected = m_calls.call(m_selectedId);
    const int count = static_cast<int>(m_calls.calls().size());
    m_list->setVisible(count > 1);
    if (!selected) {
        m_peer->clear();
        m_state->clear();
        m_quality->clear();
        m_clock->stop();
        return;
    }
    const App::CallInfo &call = *selected;
    const int row = m_model.rowOf(call.id);
    if (row >= 0)
        m_list->setCurrentIndex(m_model.index(row));
    QString name = call.peerName;
    if (name.isEmpty()) {
        name = m_contacts.displayNameFor(call.peerUri);
    }
    m_peer->setText(name);
    m_peer->setToolTip(call.peerUri);
    m_state->setText(stateText(call));
    setWindowTitle(tr("%1 — Parlo").arg(name));

    const bool incoming = call.state == App::CallInfo::State::Incoming;
    const bool established = call.isEstablished();
    m_accept->setVisible(incoming);
    m_decline->setVisible(incoming);
    m_hangup->setVisible(!incoming);
    m_hangup->setEnabled(call.isActive());
    for (QPushButton *button : { m_hold, m_transfer, m_keypad }) {
        button->setVisible(!incoming);
        button->setEnabled(established);
    }
    m_mute->setVisible(!incoming);
    m_mute->setEnabled(call.isActive());
    m_mute->setChecked(call.muted);
    m_mute->setText(call.muted ? tr("Unmute") : tr("Mute"));
    m_mute->setAccessibleName(m_mute->text());
    m_levels->setVisible(established);
    if (!established) {
        m_inputMeter->clear();
        m_outputMeter->clear();
    }
    m_hold->setChecked(call.localHold);
    int established_ = 0;
    for (const App::CallInfo &other : m_calls.calls())
        established_ += other.isEstablished() ? 1 : 0;
    m_swap->setVisible(established_ > 1);
    if (established && !call.codec.isEmpty()) {
        QString quality = tr("%1 · loss %2% · jitter %3 ms")
                                  .arg(call.codec)
                                  .arg(call.lossPercent, 0, 'f', 1)
                                  .arg(call.jitterMs, 0, 'f', 0);
        if (call.rttMs >= 0)
            quality += tr(" · RTT %1 ms").arg(call.rttMs, 0, 'f', 0);
        quality += call.srtp ? tr(" · SRTP 🔒") : tr(" · not encrypted");
        m_quality->setText(quality);
    } else {
        m_quality->clear();
    }
    if (call.isActive() && !m_clock->isActive())
        m_clock->start();
    else if (!call.isActive())
        m_clock->stop();
}

void CallWindow::showTransferMenu()
{
    const QString id = m_selectedId;
    QMenu menu(this);
    menu.addAction(tr("Transfer to an address…"), this, [this, id] {
        bool ok = false;
        const QString target = QInputDialog::getText(this, tr("Transfer call"),
                                                     tr("Transfer to (SIP address or number):"),
                                                     QLineEdit::Normal, QString(), &ok);
        if (ok && !target.trimmed().isEmpty())
            m_calls.transfer(id, target.trimmed());
    });
    for (const App::CallInfo &other : m_calls.calls()) {
        if (other.id == id || !other.isEstablished())
            continue;
        const QString name = other.peerName.isEmpty() ? m_contacts.displayNameFor(other.peerUri)
                                                      : other.peerName;
        menu.addAction(tr("Connect with %1 (attended)").arg(name), this,
                       [this, id, otherId = other.id] { m_calls.transferAttended(id, otherId); });
    }
    menu.exec(m_transfer->mapToGlobal(QPoint(0, m_transfer->height())));
}

void CallWindow::closeEvent(QCloseEvent *event)
{
    // Closing the window does not end the calls: it comes back with the next change.
    event->accept();
}

} // namespace Gui
