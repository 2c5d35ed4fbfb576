# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Unit tests for sip/core (Clock, VirtualClock, SystemClock, TimerHandle) and
# sip/auth (Digest challenge parsing and response computation).
# Included from tests/unit/CMakeLists.txt, which defines parlo_add_qt_test().

parlo_add_qt_test(NAME tst_clock
    SOURCES tst_clock.cpp
    LIBS sip
    LABELS unit
)

parlo_add_qt_test(NAME tst_digest
    SOURCES tst_digest.cpp
    LIBS sip
    LABELS unit
)
