# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# CPack NSIS installer. The NSIS fragments below are bracket arguments: no CMake
# escaping, and with CPACK_VERBATIM_VARIABLES they reach the NSIS script unchanged.
# SHCTX is HKLM for an all-users installation, HKCU for a per-user one.

set(CPACK_NSIS_PACKAGE_NAME "Parlo")
set(CPACK_NSIS_DISPLAY_NAME "Parlo ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${PARLO_ICO}")
set(CPACK_NSIS_MUI_UNIICON "${PARLO_ICO}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\parlo.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "parlo.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
if(PARLO_PACKAGE_HOMEPAGE)
    set(CPACK_NSIS_URL_INFO_ABOUT "${PARLO_PACKAGE_HOMEPAGE}")
endif()
if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
    # A 64-bit application: its registry keys belong in the 64-bit view, where Windows
    # looks for RegisteredApplications and the protocol handlers.
    set(parlo_reg_view [=[SetRegView 64
]=])
else()
    set(parlo_reg_view "")
endif()

# Start menu entry from CPACK_PACKAGE_EXECUTABLES; the desktop shortcut here.
set(CPACK_NSIS_CREATE_ICONS_EXTRA [=[
CreateShortCut "$DESKTOP\Parlo.lnk" "$INSTDIR\bin\parlo.exe"
]=])
set(CPACK_NSIS_DELETE_ICONS_EXTRA [=[
Delete "$DESKTOP\Parlo.lnk"
]=])

# URL protocols. Parlo.Url is the handler; Capabilities + RegisteredApplications list
# Parlo under Settings > Apps > Default apps for sip, sips and tel. A protocol that no
# other application handles yet is pointed at Parlo directly, so links work at once; one
# that another application owns stays the user's choice.
set(parlo_install_protocols [=[
WriteRegStr SHCTX "Software\Classes\Parlo.Url" "" "Parlo URL"
WriteRegStr SHCTX "Software\Classes\Parlo.Url" "URL Protocol" ""
WriteRegStr SHCTX "Software\Classes\Parlo.Url\DefaultIcon" "" "$INSTDIR\bin\parlo.exe,0"
WriteRegStr SHCTX "Software\Classes\Parlo.Url\shell\open\command" "" `"$INSTDIR\bin\parlo.exe" "%1"`
WriteRegStr SHCTX "Software\Parlo\Capabilities" "ApplicationName" "Parlo"
WriteRegStr SHCTX "Software\Parlo\Capabilities" "ApplicationDescription" "SIP softphone for calls and messages"
WriteRegStr SHCTX "Software\RegisteredApplications" "Parlo" "Software\Parlo\Capabilities"
]=])
set(parlo_install_scheme [=[
WriteRegStr SHCTX "Software\Parlo\Capabilities\URLAssociations" "PARLO_SCHEME" "Parlo.Url"
ReadRegStr $0 SHCTX "Software\Classes\PARLO_SCHEME\shell\open\command" ""
StrCmp $0 "" parlo_write_PARLO_SCHEME
StrCmp $0 `"$INSTDIR\bin\parlo.exe" "%1"` parlo_write_PARLO_SCHEME parlo_done_PARLO_SCHEME
parlo_write_PARLO_SCHEME:
WriteRegStr SHCTX "Software\Classes\PARLO_SCHEME" "" "URL:PARLO_LABEL"
WriteRegStr SHCTX "Software\Classes\PARLO_SCHEME" "URL Protocol" ""
WriteRegStr SHCTX "Software\Classes\PARLO_SCHEME\DefaultIcon" "" "$INSTDIR\bin\parlo.exe,0"
WriteRegStr SHCTX "Software\Classes\PARLO_SCHEME\shell\open\command" "" `"$INSTDIR\bin\parlo.exe" "%1"`
parlo_done_PARLO_SCHEME:
]=])
# Removes a protocol key only when it still points at this installation.
set(parlo_uninstall_scheme [=[
ReadRegStr $0 SHCTX "Software\Classes\PARLO_SCHEME\shell\open\command" ""
StrCmp $0 `"$INSTDIR\bin\parlo.exe" "%1"` 0 +2
DeleteRegKey SHCTX "Software\Classes\PARLO_SCHEME"
]=])
set(parlo_uninstall_protocols [=[
DeleteRegValue SHCTX "Software\RegisteredApplications" "Parlo"
DeleteRegKey SHCTX "Software\Parlo"
DeleteRegKey SHCTX "Software\Classes\Parlo.Url"
]=])

# Desktop applications get the microphone only while "Let desktop apps access your
# microphone" is on (Windows 10 1903 and later); there is no per-app prompt to trigger,
# so the installer offers to open that settings page. Silent installs skip it.
set(parlo_microphone_note [=[
MessageBox MB_YESNO|MB_ICONINFORMATION "Parlo uses the microphone for calls. Windows gives it to desktop apps only while $\"Let desktop apps access your microphone$\" is on (Settings > Privacy > Microphone).$\r$\n$\r$\nOpen the microphone settings now?" /SD IDNO IDNO +2
ExecShell "open" "ms-settings:privacy-microphone"
]=])

set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${parlo_reg_view}${parlo_install_protocols}")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${parlo_reg_view}")
foreach(scheme_label "sip;SIP Protocol" "sips;Secure SIP Protocol" "tel;Telephone Number")
    list(GET scheme_label 0 scheme)
    list(GET scheme_label 1 label)
    string(REPLACE "PARLO_SCHEME" "${scheme}" block "${parlo_install_scheme}")
    string(REPLACE "PARLO_LABEL" "${label}" block "${block}")
    string(APPEND CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${block}")
    string(REPLACE "PARLO_SCHEME" "${scheme}" block "${parlo_uninstall_scheme}")
    string(APPEND CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${block}")
endforeach()
string(APPEND CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${parlo_microphone_note}")
string(APPEND CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${parlo_uninstall_protocols}")
