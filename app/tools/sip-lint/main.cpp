// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// sip-lint: classifies captured SIP messages as valid or invalid, with the reason.
#include "SipLintJson.h"
#include "parlo_version.h"

#include <QJsonDocument>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

void usage(FILE *to)
{
    std::fputs("usage: sip-lint [--json] [--stream] FILE... (or - for standard input)\n"
               "Prints 'FILE: valid' or 'FILE: invalid: REASON' for each message.\n"
               "  --json    print the parsed message as one JSON object per input\n"
               "  --stream  frame as on TCP/TLS: Content-Length is required\n"
               "Exit status: 0 all valid, 1 some invalid, 2 usage error.\n",
               to);
}

bool readAll(const std::string &path, std::string &out)
{
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    bool json = false;
    auto framing = Sip::SipMessage::Framing::Datagram;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") {
            json = true;
        } else if (arg == "--stream") {
            framing = Sip::SipMessage::Framing::Stream;
        } else if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        } else if (arg == "--version") {
            std::printf("sip-lint (Parlo) %s\n", PARLO_VERSION);
            return 0;
        } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
            std::fprintf(stderr, "sip-lint: unknown option %s\n", arg.c_str());
            usage(stderr);
            return 2;
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        usage(stderr);
        return 2;
    }
    int status = 0;
    for (const auto &file : files) {
        std::string bytes;
        if (!readAll(file, bytes)) {
            std::fprintf(stderr, "sip-lint: cannot read %s: %s\n", file.c_str(), std::strerror(errno));
            return 2;
        }
        Sip::ParseError error;
        const auto message = Sip::SipMessage::parse(bytes, &error, framing);
        if (json) {
            QJsonObject o { { "file", QString::fromStdString(file) }, { "valid", !message.isNull() } };
            if (message.isNull()) {
                o.insert("error", QString::fromStdString(error.reason));
                o.insert("status", error.statusCode);
            } else {
                o.insert("message", App::SipLintJson::describe(message));
            }
            std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
            std::fputc('\n', stdout);
        } else if (message.isNull()) {
            std::printf("%s: invalid: %s\n", file.c_str(), error.reason.c_str());
        } else {
            std::printf("%s: valid\n", file.c_str());
        }
        if (message.isNull())
            status = 1;
    }
    return status;
}
