# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# CPack settings shared by every package, then the per-format ones. Included last by
# installer/CMakeLists.txt; the version comes from project() in the root CMakeLists.txt.

# Values are written to CPackConfig.cmake as they are here: one backslash is one
# backslash in the NSIS script, not half of an escape.
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_PACKAGE_NAME "parlo")
set(CPACK_PACKAGE_VENDOR "The Parlo authors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${PARLO_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "SIP softphone for calls and messages")
# Lines of at most 80 characters: the Debian control file keeps them as they are.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Parlo registers with a SIP provider or PBX, makes and receives voice calls"
    "(Opus, G.711, SRTP) and exchanges instant messages, with presence, contacts"
    "and a call history. It opens sip:, sips: and tel: links."
    ""
    "The package also holds parlo-cli, the same SIP engine driven by line"
    "commands with JSON events for scripts, and sip-lint, a SIP message checker.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Parlo")
# Shown by the Windows installer's license page.
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
if(PARLO_PACKAGE_HOMEPAGE)
    set(CPACK_PACKAGE_HOMEPAGE_URL "${PARLO_PACKAGE_HOMEPAGE}")
endif()
# Start menu entries (NSIS): executable name without suffix, then the label.
set(CPACK_PACKAGE_EXECUTABLES "parlo" "Parlo")

# RelWithDebInfo binaries carry their debug information; the packages do not.
set(CPACK_STRIP_FILES ON)
# Directories CPack creates get 0755 whatever the builder's umask.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
elseif(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    find_program(PARLO_RPMBUILD rpmbuild)
    if(PARLO_RPMBUILD)
        list(APPEND CPACK_GENERATOR "RPM")
    endif()
endif()

# --- Debian ---------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "comm")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Libraries the executables link come from dpkg-shlibdeps; Qt loads the plugins below at
# run time, so no linker sees them: the SQLite driver (history, contacts) and the SVG
# icon engine and image plugin (the app icon). The xcb and offscreen platform plugins
# and the multimedia backends ship in libqt6gui6 and libqt6multimedia6.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
# Sound needs a PulseAudio server (PipeWire's counts); Wayland sessions want Qt's
# Wayland platform plugin; the keychain is reached through the Secret Service.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "pulseaudio | pipewire-pulse, qt6-wayland, gnome-keyring | kwalletmanager | keepassxc")

# --- RPM (Fedora package names) -------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Communications")
set(CPACK_RPM_PACKAGE_RELEASE "1")
# Libraries are found by rpmbuild's automatic requirements; the plugins are not.
set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtsvg")
set(CPACK_RPM_PACKAGE_SUGGESTS "qt6-qtwayland")
# Directories owned by the filesystem and hicolor-icon-theme packages: not claimed.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications
    /usr/share/metainfo
    /usr/share/icons
    /usr/share/icons/hicolor
    /usr/share/man
    /usr/share/man/man1)
foreach(size 16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256 512x512 scalable)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${size} /usr/share/icons/hicolor/${size}/apps)
endforeach()

# --- Archives (the .deb and .rpm keep their own DEB-DEFAULT/RPM-DEFAULT names) ----------
if(NOT APPLE AND NOT WIN32)
    set(CPACK_PACKAGE_FILE_NAME "parlo-${PROJECT_VERSION}-Linux-${CMAKE_SYSTEM_PROCESSOR}")
endif()

include(CPack)
