# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Account passwords (app/secrets/): the opt-in file store and the keychain's bounded,
# clear failure where no keychain service runs.
parlo_add_qt_test(NAME tst_secretstore SOURCES tst_secretstore.cpp LIBS app LABELS unit)
