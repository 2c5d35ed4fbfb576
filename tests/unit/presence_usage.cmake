# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# The event usages of sip/ua (RFC 6665, RFC 3856, RFC 3903): Subscription (watching a
# contact), Publication (our own presence at the server) and Notifier (serverless: being
# watched), in virtual time against a fake channel. Included from tests/unit/CMakeLists.txt.
parlo_add_qt_test(NAME tst_subscription
    SOURCES tst_subscription.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)
parlo_add_qt_test(NAME tst_publication
    SOURCES tst_publication.cpp tst_presence_util.h tst_transaction_util.h
    LIBS sip
    LABELS unit
)
parlo_add_qt_test(NAME tst_notifier
    SOURCES tst_notifier.cpp tst_presence_util.h tst_transaction_util.h
    LIBS sip
    LABELS unit
)
parlo_add_qt_test(NAME tst_ownpresence
    SOURCES tst_ownpresence.cpp tst_presence_util.h tst_transaction_util.h
    LIBS sip
    LABELS unit
)
# How the UA finds the subscription of a NOTIFY among thousands (by Call-ID).
parlo_add_qt_test(NAME tst_subscription_index
    SOURCES tst_subscription_index.cpp tst_transaction_util.h
    LIBS sip
    LABELS unit
)
# RFC 3842 message-summary bodies (the voicemail indicator).
parlo_add_qt_test(NAME tst_messagesummary SOURCES tst_messagesummary.cpp LIBS sip LABELS unit)
# At most N subscriptions starting at once (the UA's start-up burst of SUBSCRIBEs).
parlo_add_qt_test(NAME tst_start_window
    SOURCES tst_start_window.cpp
    LIBS sip
    LABELS unit
)
