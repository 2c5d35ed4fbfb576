// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Child process of tst_storage_crash: writes messages as fast as it can and prints
// "<id> <n>" for each one only after the store call returned (the row is committed and
// acknowledged), until the parent kills it with SIGKILL.
//
// Usage: tst_storage_crashchild <database path> <seed>

#include "CrashBody.h"

#include "storage/StorageContext.h"

#include <QCoreApplication>

#include <cstdio>

using namespace App;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <database> <seed>\n", argv[0]);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const quint32 seed = QByteArray(argv[2]).toUInt();

    StorageContext storage(path);
    if (!storage.database().open()) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(storage.database().lastError()));
        return 3;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    for (int n = 0;; ++n) {
        const QString peer = QStringLiteral("sip:peer%1@crash.example").arg(n % 5);
        qint64 id = 0;
        if (n % 3 == 0) {
            StoredMessage m;
            m.peerUri = peer;
            m.body = crashBody(seed, n);
            m.callId = QStringLiteral("crash-%1-%2").arg(seed).arg(n);
            m.cseq = quint32(n);
            const auto result = storage.messages().addIncoming(m);
            if (!result.isNew()) {
                std::fprintf(stderr, "addIncoming failed: %s\n",
                             qPrintable(storage.database().lastError()));
                return 4;
            }
            id = result.id;
        } else {
            const auto result = storage.messages().addOutgoing(peer, crashBody(seed, n));
            if (!result) {
                std::fprintf(stderr, "addOutgoing failed: %s\n",
                             qPrintable(storage.database().lastError()));
                return 5;
            }
            id = *result;
            // State updates interleave with inserts, as in real use.
            if (n % 2 == 0 && !storage.messages().markSent(id)) {
                std::fprintf(stderr, "markSent failed: %s\n",
                             qPrintable(storage.database().lastError()));
                return 6;
            }
        }
        // Acknowledge: only now may the parent count on the row.
        std::printf("%lld %d\n", static_cast<long long>(id), n);
        std::fflush(stdout);
    }
}
