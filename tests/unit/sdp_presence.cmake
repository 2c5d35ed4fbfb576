# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Unit tests for sip/sdp (SDP model, parser, offer/answer) and sip/presence (PIDF/RPID,
# is-composing). Included from tests/unit/CMakeLists.txt.

parlo_add_qt_test(NAME tst_sdp SOURCES tst_sdp.cpp LIBS sip LABELS unit)
parlo_add_qt_test(NAME tst_sdpnegotiator SOURCES tst_sdpnegotiator.cpp LIBS sip LABELS unit)
parlo_add_qt_test(NAME tst_pidf SOURCES tst_pidf.cpp LIBS sip LABELS unit)
parlo_add_qt_test(NAME tst_iscomposing SOURCES tst_iscomposing.cpp LIBS sip LABELS unit)
