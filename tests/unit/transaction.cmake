# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Unit tests for sip/transaction (RFC 3261 §17 with RFC 6026), in virtual time against a
# fake MessageChannel. Included from tests/unit/CMakeLists.txt.

parlo_add_qt_test(NAME tst_transaction_client
    SOURCES tst_transaction_client.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)

parlo_add_qt_test(NAME tst_transaction_server
    SOURCES tst_transaction_server.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)

parlo_add_qt_test(NAME tst_transaction_layer
    SOURCES tst_transaction_layer.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)
