# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
parlo_add_qt_test(NAME tst_settings SOURCES tst_settings.cpp LIBS app LABELS unit)
