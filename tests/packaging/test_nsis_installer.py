# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compiles the Windows installer script with Debian's makensis: CPack's NSIS generator
with installer/windows/NSIS.cmake (shortcuts, URL protocols, microphone note, uninstall)
over a stand-in payload. It proves the NSIS fragments compile and that the uninstaller
removes every registry key and shortcut the installer creates; what Windows does with
them is only seen on Windows (the release workflow builds the real installer there)."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

SOURCE = Path(os.environ.get("PARLO_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SCHEMES = ["sip", "sips", "tel"]

CONFIG = """cmake_minimum_required(VERSION 3.21)
set(PROJECT_VERSION "0.0.0")
set(PARLO_RESOURCES_DIR "{source}/resources")
set(PARLO_ICO "{source}/resources/icons/parlo.ico")
set(CMAKE_SIZEOF_VOID_P 8)
include("{source}/installer/windows/NSIS.cmake")
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_GENERATOR NSIS)
set(CPACK_PACKAGE_NAME parlo)
set(CPACK_PACKAGE_VERSION "0.0.0")
set(CPACK_PACKAGE_VENDOR "The Parlo authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "SIP softphone")
set(CPACK_PACKAGE_DESCRIPTION "SIP softphone")
set(CPACK_PACKAGE_INSTALL_DIRECTORY Parlo)
set(CPACK_PACKAGE_EXECUTABLES parlo Parlo)
set(CPACK_RESOURCE_FILE_LICENSE "{source}/LICENSE")
set(CPACK_INSTALLED_DIRECTORIES "{payload}" .)
set(CPACK_PACKAGE_FILE_NAME parlo-test-win64)
# Set by include(CPack) in a project.
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Parlo 0.0.0")
set(CPACK_NSIS_UNINSTALL_NAME Uninstall)
"""


class NsisInstallerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("makensis") is None:
            raise AssertionError("makensis is missing (scripts/deps test: nsis)")
        cls.work = Path(tempfile.mkdtemp(prefix="parlo-nsis-"))
        payload = cls.work / "payload" / "bin"
        payload.mkdir(parents=True)
        for name in ["parlo.exe", "parlo-cli.exe", "sip-lint.exe"]:
            (payload / name).write_bytes(b"MZ stand-in\n")
        config = cls.work / "CPackConfig.cmake"
        config.write_text(CONFIG.format(source=SOURCE, payload=payload.parent))
        out = cls.work / "out"
        cls.result = subprocess.run(["cpack", "--config", str(config), "-B", str(out)],
                                    capture_output=True, text=True, timeout=300)
        cls.installer = out / "parlo-test-win64.exe"
        script = (out / "_CPack_Packages" / "win64" / "NSIS" / "project.nsi")
        if not script.exists():
            script = next(out.glob("_CPack_Packages/**/project.nsi"), script)
        cls.script = script.read_text() if script.exists() else ""

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def sections(self):
        install, _, uninstall = self.script.partition('Section "Uninstall"')
        return install, uninstall

    def test_installer_compiles(self):
        self.assertEqual(self.result.returncode, 0, self.result.stdout + self.result.stderr)
        self.assertTrue(self.installer.is_file())
        self.assertEqual(self.installer.read_bytes()[:2], b"MZ")

    def test_url_protocols_open_parlo_with_the_link(self):
        install, _ = self.sections()
        command = '`"$INSTDIR\\bin\\parlo.exe" "%1"`'
        for scheme in SCHEMES:
            key = f"Software\\Classes\\{scheme}\\shell\\open\\command"
            self.assertIn(f'WriteRegStr SHCTX "{key}" "" {command}', install)
            self.assertIn(f'WriteRegStr SHCTX "Software\\Classes\\{scheme}" "URL Protocol" ""',
                          install)
            associations = "Software\\Parlo\\Capabilities\\URLAssociations"
            self.assertIn(f'"{associations}" "{scheme}" "Parlo.Url"', install)
        self.assertIn('"Software\\RegisteredApplications" "Parlo" "Software\\Parlo\\Capabilities"',
                      install)

    def test_shortcuts_and_microphone_note(self):
        install, uninstall = self.sections()
        self.assertIn('CreateShortCut "$DESKTOP\\Parlo.lnk" "$INSTDIR\\bin\\parlo.exe"', install)
        self.assertIn('Delete "$DESKTOP\\Parlo.lnk"', uninstall)
        # The Start menu entry comes from CPACK_PACKAGE_EXECUTABLES.
        self.assertRegex(install, r'CreateShortCut "\$SMPROGRAMS\\\$STARTMENU_FOLDER\\Parlo\.lnk"')
        self.assertIn("ms-settings:privacy-microphone", install)
        self.assertIn("/SD IDNO", install)  # silent installs do not stop at the question

    def test_uninstall_removes_every_registry_key_it_wrote(self):
        install, uninstall = self.sections()
        written = set(re.findall(r'WriteRegStr SHCTX "([^"]+)" "([^"]*)"', install))
        deleted_keys = re.findall(r'DeleteRegKey SHCTX "([^"]+)"', uninstall)
        deleted_values = set(re.findall(r'DeleteRegValue SHCTX "([^"]+)" "([^"]*)"', uninstall))
        ours = [(key, value) for key, value in written
                if "Parlo" in key or any(f"Classes\\{s}" in key for s in SCHEMES)]
        self.assertGreater(len(ours), 10)
        for key, value in ours:
            removed = (key, value) in deleted_values or any(
                key == d or key.startswith(d + "\\") for d in deleted_keys)
            self.assertTrue(removed, f"{key} [{value}] is left after uninstall")
        # A protocol key is removed only while it still points at this installation.
        for scheme in SCHEMES:
            read = f'ReadRegStr $0 SHCTX "Software\\Classes\\{scheme}\\shell\\open\\command" ""'
            self.assertRegex(uninstall, re.escape(read) + r"\s*\n\s*StrCmp \$0 `\"\$INSTDIR")


if __name__ == "__main__":
    unittest.main()
