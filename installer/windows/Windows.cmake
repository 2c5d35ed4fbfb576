# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Windows: icon and version resource in parlo.exe, Qt's DLLs and plugins next to it
# (windeployqt), and an NSIS installer with Start-menu and desktop shortcuts, the
# sip:/sips:/tel: URL protocols, a pointer to the microphone privacy switch, and an
# uninstaller that removes all of it.

set(PARLO_WINDOWS_DIR "${CMAKE_CURRENT_SOURCE_DIR}/windows")
set(PARLO_ICO "${PARLO_RESOURCES_DIR}/icons/parlo.ico")

# Explorer shows this icon and version for parlo.exe and its shortcuts.
configure_file("${PARLO_WINDOWS_DIR}/parlo.rc.in" "${CMAKE_CURRENT_BINARY_DIR}/parlo.rc" @ONLY)
target_sources(parlo PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/parlo.rc")

# windeployqt through Qt's deploy support (Qt >= 6.3): copies the Qt DLLs, the platform,
# style, image format, SQL and multimedia plugins and writes qt.conf into bin/, for the
# GUI and for parlo-cli. QT_DEPLOY_SUPPORT is set by find_package(Qt6).
set(parlo_deployed_tools "")
foreach(tool parlo-cli sip-lint)
    if(TARGET ${tool})
        string(APPEND parlo_deployed_tools " \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:${tool}>\"")
    endif()
endforeach()
install(CODE "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:parlo>\"
    ADDITIONAL_EXECUTABLES ${parlo_deployed_tools}
    GENERATE_QT_CONF
)")

# Non-Qt DLLs (opus, srtp2, speexdsp, qtkeychain when built as DLLs by vcpkg): copied
# from the folders on PARLO_RUNTIME_DLL_DIRS, system DLLs left out. Qt's own DLLs are
# found too (Qt's bin folder is searched so they resolve) and are the files windeployqt
# copied already.
set(PARLO_RUNTIME_DLL_DIRS "" CACHE STRING "Folders searched for third-party DLLs to install (e.g. vcpkg's installed/x64-windows/bin), ;-separated")
# Forward slashes: the folders are pasted into the install script's code.
file(TO_CMAKE_PATH "${PARLO_RUNTIME_DLL_DIRS}" parlo_dll_dirs)
install(CODE "
file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES \"$<TARGET_FILE:parlo>\"
    RESOLVED_DEPENDENCIES_VAR parlo_dlls
    UNRESOLVED_DEPENDENCIES_VAR parlo_missing_dlls
    DIRECTORIES ${parlo_dll_dirs} \"$<TARGET_FILE_DIR:Qt6::Core>\"
    PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
    POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ww]indows\"
)
if(parlo_missing_dlls)
    message(WARNING \"not found (add their folder to PARLO_RUNTIME_DLL_DIRS): \${parlo_missing_dlls}\")
endif()
foreach(dll IN LISTS parlo_dlls)
    file(INSTALL \"\${dll}\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
endforeach()
")

# The MSVC runtime (vcruntime, msvcp) beside the executables: no separate redistributable.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
include(InstallRequiredSystemLibraries)

include("${PARLO_WINDOWS_DIR}/NSIS.cmake")
