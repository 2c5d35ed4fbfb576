# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Unit tests for sip/dialog (RFC 3261 §12 dialogs, route sets, forking). Included from
# tests/unit/CMakeLists.txt.

# Dialog, RouteSet, DialogId, DialogTable on their own: message in, message out.
parlo_add_qt_test(NAME tst_dialog
    SOURCES tst_dialog.cpp
    LIBS sip
    LABELS unit
)

# Dialogs over the TransactionLayer (virtual time, fake channel): UAS dialogs, the
# DialogTable lookup of a UA, and a forked INVITE (InviteForkHandler).
parlo_add_qt_test(NAME tst_dialog_fork
    SOURCES tst_dialog_fork.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)
