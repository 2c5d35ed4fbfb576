# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
parlo_add_qt_test(NAME tst_registration SOURCES tst_registration.cpp LIBS sip LABELS unit)
parlo_add_qt_test(NAME tst_requestscreen SOURCES tst_requestscreen.cpp LIBS sip LABELS unit)
