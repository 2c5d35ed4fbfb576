# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Freedesktop integration: desktop entry (menu, sip:/sips:/tel: handler), hicolor icons,
# AppStream metainfo, man pages and the Debian documentation files.

set(PARLO_LINUX_DIR "${CMAKE_CURRENT_SOURCE_DIR}/linux")
set(PARLO_LINUX_BUILD_DIR "${CMAKE_CURRENT_BINARY_DIR}/linux")

install(FILES "${PARLO_LINUX_DIR}/${PARLO_APP_ID}.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")

configure_file("${PARLO_LINUX_DIR}/${PARLO_APP_ID}.metainfo.xml.in"
    "${PARLO_LINUX_BUILD_DIR}/${PARLO_APP_ID}.metainfo.xml" @ONLY)
install(FILES "${PARLO_LINUX_BUILD_DIR}/${PARLO_APP_ID}.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

# Raster sizes rendered from the SVG by scripts/make-icons, plus the SVG itself.
foreach(size 16 22 24 32 48 64 128 256 512)
    install(FILES "${PARLO_RESOURCES_DIR}/icons/hicolor/${size}x${size}/parlo.png"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps"
        RENAME "${PARLO_APP_ID}.png")
endforeach()
install(FILES "${PARLO_RESOURCES_DIR}/icons/parlo.svg"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
    RENAME "${PARLO_APP_ID}.svg")

# Man pages and the changelog are shipped compressed (Debian policy 12.1, 12.7); -n keeps
# the name and time stamp out, so the packages are reproducible.
find_program(PARLO_GZIP gzip REQUIRED)
set(CPACK_PACKAGE_CONTACT "${PARLO_PACKAGE_MAINTAINER}")
configure_file("${PARLO_LINUX_DIR}/changelog.in" "${PARLO_LINUX_BUILD_DIR}/changelog" @ONLY)
set(parlo_compressed_docs "${PARLO_LINUX_BUILD_DIR}/changelog.gz")
add_custom_command(OUTPUT "${PARLO_LINUX_BUILD_DIR}/changelog.gz"
    COMMAND "${PARLO_GZIP}" -9nkf "${PARLO_LINUX_BUILD_DIR}/changelog"
    DEPENDS "${PARLO_LINUX_BUILD_DIR}/changelog"
    VERBATIM)
set(parlo_man_pages parlo parlo-cli sip-lint)
foreach(page IN LISTS parlo_man_pages)
    set(page_copy "${PARLO_LINUX_BUILD_DIR}/man/${page}.1")
    add_custom_command(OUTPUT "${page_copy}.gz"
        COMMAND "${CMAKE_COMMAND}" -E copy "${PARLO_LINUX_DIR}/man/${page}.1" "${page_copy}"
        COMMAND "${PARLO_GZIP}" -9nf "${page_copy}"
        DEPENDS "${PARLO_LINUX_DIR}/man/${page}.1"
        VERBATIM)
    list(APPEND parlo_compressed_docs "${page_copy}.gz")
    install(FILES "${page_copy}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endforeach()
add_custom_target(parlo_packaging_docs ALL DEPENDS ${parlo_compressed_docs})

install(FILES "${PARLO_LINUX_DIR}/copyright" "${PARLO_LINUX_BUILD_DIR}/changelog.gz"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/parlo")
