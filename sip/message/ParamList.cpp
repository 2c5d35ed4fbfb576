// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ParamList.h"

#include "TextUtil.h"

namespace Sip {

std::optional<Param> ParamList::find(std::string_view name) const
{
    std::optional<Param> found;
    forEach([&](const Param &p) {
        if (TextUtil::equalsIgnoreCase(p.name, name)) {
            found = p;
            return false;
        }
        return true;
    });
    return found;
}

std::string ParamList::valueOf(std::string_view name) const
{
    const auto p = find(name);
    if (!p || !p->hasValue)
        return {};
    if (!p->value.empty() && p->value.front() == '"')
        return TextUtil::unquote(p->value);
    if (m_style == Style::Uri)
        return TextUtil::unescape(p->value);
    return std::string(p->value);
}

int ParamList::count() const
{
    int n = 0;
    forEach([&](const Param &) {
        ++n;
        return true;
    });
    return n;
}

} // namespace Sip
