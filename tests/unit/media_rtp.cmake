# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Unit tests for media/rtp (RTP/RTCP packets, reception statistics, SRTP) and
# media/jitter (the adaptive jitter buffer). Included from tests/unit/CMakeLists.txt.

parlo_add_qt_test(NAME tst_rtp SOURCES tst_rtp.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_rtp_rtcp SOURCES tst_rtp_rtcp.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_rtp_statistics SOURCES tst_rtp_statistics.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_srtp SOURCES tst_srtp.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_jitter SOURCES tst_jitter.cpp LIBS media LABELS unit)
