# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# CPack post-build script (CPACK_POST_BUILD_SCRIPTS): signs each .dmg CPack made and,
# with a notary profile, has Apple notarise it and staples the ticket, so Gatekeeper
# opens it offline. Without a signing identity it does nothing.
if(NOT CPACK_PARLO_SIGN_IDENTITY)
    message(STATUS "Parlo: no PARLO_MACOS_SIGN_IDENTITY, the .dmg stays unsigned")
    return()
endif()

foreach(package IN LISTS CPACK_PACKAGE_FILES)
    if(NOT package MATCHES "\\.dmg$")
        continue()
    endif()
    execute_process(
        COMMAND codesign --force --timestamp --sign "${CPACK_PARLO_SIGN_IDENTITY}" "${package}"
        COMMAND_ERROR_IS_FATAL ANY)
    if(CPACK_PARLO_NOTARY_PROFILE)
        execute_process(
            COMMAND xcrun notarytool submit "${package}"
                --keychain-profile "${CPACK_PARLO_NOTARY_PROFILE}" --wait
            COMMAND_ERROR_IS_FATAL ANY)
        execute_process(COMMAND xcrun stapler staple "${package}" COMMAND_ERROR_IS_FATAL ANY)
    else()
        message(STATUS "Parlo: no PARLO_MACOS_NOTARY_PROFILE, ${package} is signed but not notarised")
    endif()
endforeach()
