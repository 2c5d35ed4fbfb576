# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# InviteSession (sip/ua/InviteSession.h): the INVITE dialog usage of one call, UAC and
# UAS, in virtual time against a fake channel. Included from tests/unit/CMakeLists.txt.
parlo_add_qt_test(NAME tst_invitesession
    SOURCES tst_invitesession.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)
