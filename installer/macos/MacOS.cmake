# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# macOS: Parlo.app with its Info.plist (bundle id, version, sip/sips/tel URL types,
# microphone usage text) and icon, Qt frameworks and plugins copied in by macdeployqt,
# optional code signing, and a drag-and-drop .dmg (optionally notarised).
# parlo-cli and sip-lint live in Parlo.app/Contents/MacOS (see the root CMakeLists.txt).
#
# Signing and notarisation: set at configure time
#   PARLO_MACOS_SIGN_IDENTITY   e.g. "Developer ID Application: Jane Doe (TEAMID1234)"
#   PARLO_MACOS_NOTARY_PROFILE  a keychain profile made once with
#                               `xcrun notarytool store-credentials PROFILE
#                                --apple-id ID --team-id TEAMID --password APP-PASSWORD`
# The bundle is then signed with the hardened runtime during installation, and cpack
# signs the .dmg, submits it to Apple's notary service, waits, and staples the ticket.

set(PARLO_MACOS_DIR "${CMAKE_CURRENT_SOURCE_DIR}/macos")
set(PARLO_MACOS_SIGN_IDENTITY "" CACHE STRING "codesign identity for Parlo.app and the .dmg (empty: unsigned)")
set(PARLO_MACOS_NOTARY_PROFILE "" CACHE STRING "notarytool keychain profile (empty: not notarised)")
if(CMAKE_OSX_DEPLOYMENT_TARGET)
    set(PARLO_MACOS_MINIMUM "${CMAKE_OSX_DEPLOYMENT_TARGET}")
else()
    set(PARLO_MACOS_MINIMUM "12.0")
endif()

set(PARLO_BUNDLE_EXECUTABLE "Parlo")
set_target_properties(parlo PROPERTIES OUTPUT_NAME "${PARLO_BUNDLE_EXECUTABLE}")
configure_file("${PARLO_MACOS_DIR}/Info.plist.in" "${CMAKE_CURRENT_BINARY_DIR}/Info.plist" @ONLY)
set_target_properties(parlo PROPERTIES MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_BINARY_DIR}/Info.plist")
set(parlo_icns "${PARLO_RESOURCES_DIR}/icons/parlo.icns")
set_source_files_properties("${parlo_icns}" TARGET_DIRECTORY parlo
    PROPERTIES MACOSX_PACKAGE_LOCATION "Resources")
target_sources(parlo PRIVATE "${parlo_icns}")

# macdeployqt through Qt's deploy support: frameworks, plugins and rpaths of the bundle
# and of the command-line tools inside it.
set(parlo_bundle "$<TARGET_FILE_NAME:parlo>.app")
set(parlo_bundled_tools "")
foreach(tool parlo-cli sip-lint)
    if(TARGET ${tool})
        string(APPEND parlo_bundled_tools " \"${parlo_bundle}/Contents/MacOS/$<TARGET_FILE_NAME:${tool}>\"")
    endif()
endforeach()
install(CODE "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${parlo_bundle}\"
    ADDITIONAL_EXECUTABLES ${parlo_bundled_tools}
)")

if(PARLO_MACOS_SIGN_IDENTITY)
    # Hardened runtime (required for notarisation) with the microphone entitlement.
    install(CODE "
execute_process(
    COMMAND codesign --force --deep --timestamp --options runtime
        --entitlements \"${PARLO_MACOS_DIR}/entitlements.plist\"
        --sign \"${PARLO_MACOS_SIGN_IDENTITY}\"
        \"\${CMAKE_INSTALL_PREFIX}/${parlo_bundle}\"
    COMMAND_ERROR_IS_FATAL ANY)
")
endif()

set(CPACK_PACKAGE_FILE_NAME "Parlo-${PROJECT_VERSION}-macOS-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DMG_VOLUME_NAME "Parlo")
set(CPACK_PACKAGE_ICON "${parlo_icns}")
# Read by notarize.cmake after the .dmg exists.
set(CPACK_PARLO_SIGN_IDENTITY "${PARLO_MACOS_SIGN_IDENTITY}")
set(CPACK_PARLO_NOTARY_PROFILE "${PARLO_MACOS_NOTARY_PROFILE}")
set(CPACK_POST_BUILD_SCRIPTS "${PARLO_MACOS_DIR}/notarize.cmake")
