// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace Sip {

/// One of our SRTP master keys for SDES (RFC 4568): the crypto suite and the base64 of
/// master key || master salt that goes into "inline:". SdpNegotiator offers one
/// a=crypto line per key and answers with the key of the suite it picks.
struct SdpSrtpKey
{
    std::string suite;   // AES_CM_128_HMAC_SHA1_80, ...
    std::string keySalt; // base64, no padding issues: generate() makes it

    // Length in bytes of master key + master salt for the suites we support
    // (RFC 4568 §6.2, RFC 6188 §7, RFC 7714 §12); 0 for any other suite.
    //   AES_CM_128_HMAC_SHA1_80/_32  30    AES_192_CM_HMAC_SHA1_80/_32  38
    //   AES_256_CM_HMAC_SHA1_80/_32  46    AEAD_AES_128_GCM 28, AEAD_AES_256_GCM 44
    static int keySaltLength(std::string_view suite);
    static bool isSupportedSuite(std::string_view suite) { return keySaltLength(suite) > 0; }

    // A fresh key from the system CSPRNG; an empty keySalt for an unsupported suite.
    static SdpSrtpKey generate(std::string_view suite);

    // The decoded key || salt, or empty if keySalt is not valid base64 of the right size.
    std::string decoded() const;

    friend bool operator==(const SdpSrtpKey &, const SdpSrtpKey &) = default;
};

} // namespace Sip
