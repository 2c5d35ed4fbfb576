# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Unit tests for sip/message: URIs, typed headers, and whole messages (parsing,
# limits, round trips, editing). Included from tests/unit/CMakeLists.txt.

parlo_add_qt_test(NAME tst_sipuri SOURCES tst_sipuri.cpp LIBS sip LABELS unit)
parlo_add_qt_test(NAME tst_sipheaders SOURCES tst_sipheaders.cpp LIBS sip LABELS unit)
parlo_add_qt_test(NAME tst_sipmessage SOURCES tst_sipmessage.cpp LIBS sip LABELS unit)
