// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipDate.h"

#include "TextUtil.h"

#include <array>
#include <cstdio>

namespace Sip {

namespace {

constexpr std::array<const char *, 7> weekdays = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
constexpr std::array<const char *, 12> months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int fixedNumber(Scanner &s, size_t digits)
{
    const std::string_view v = s.takeWhile(CharClass::Digit);
    if (v.size() != digits)
        return -1;
    return static_cast<int>(*TextUtil::parseUnsigned(v, 9999));
}

} // namespace

bool SipDate::parse(Scanner &s, SipDate &out)
{
    // rfc1123-date = wkday "," SP date1 SP time SP "GMT"; date1 = 2DIGIT SP month SP 4DIGIT
    s.skipSpace();
    const std::string_view wkday = s.takeWhile(CharClass::Alpha);
    bool known = false;
    for (const char *w : weekdays)
        known = known || wkday == w;
    if (!known || !s.consumeExact(',') || !s.consumeExact(' ')) {
        s.fail("Date: expected a weekday such as 'Sat,'");
        return false;
    }
    const int day = fixedNumber(s, 2);
    if (day < 1 || day > 31 || !s.consumeExact(' ')) {
        s.fail("Date: invalid day");
        return false;
    }
    const std::string_view monthText = s.takeWhile(CharClass::Alpha);
    int month = 0;
    for (size_t i = 0; i < months.size(); ++i) {
        if (monthText == months[i])
            month = static_cast<int>(i) + 1;
    }
    if (month == 0 || !s.consumeExact(' ')) {
        s.fail("Date: invalid month");
        return false;
    }
    const int year = fixedNumber(s, 4);
    if (year < 0 || !s.consumeExact(' ')) {
        s.fail("Date: invalid year");
        return false;
    }
    const int hour = fixedNumber(s, 2);
    const bool c1 = s.consumeExact(':');
    const int minute = fixedNumber(s, 2);
    const bool c2 = s.consumeExact(':');
    const int second = fixedNumber(s, 2);
    if (!c1 || !c2 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 60 || !s.consumeExact(' ')) {
        s.fail("Date: invalid time of day");
        return false;
    }
    const std::string_view zone = s.takeWhile(CharClass::Alpha);
    s.skipSpace();
    if (zone != "GMT" || !s.atEnd()) {
        // RFC 4475 §3.1.2.12: only GMT is legal.
        s.fail("Date: time zone must be GMT");
        return false;
    }
    out.m_seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400
        + hour * 3600 + minute * 60 + second;
    return true;
}

std::string SipDate::format(int64_t t)
{
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    const int64_t secs = t - days * 86400;
    const int weekday = static_cast<int>((days % 7 + 7 + 3) % 7); // 1970-01-01 was a Thursday
    // civil_from_days
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02d:%02d:%02d GMT", weekdays[weekday], d,
                  months[m - 1], static_cast<long long>(y), static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

} // namespace Sip
