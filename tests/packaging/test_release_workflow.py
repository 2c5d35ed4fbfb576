# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks .github/workflows/release.yml, which cannot run here: it must parse as YAML,
follow the GitHub Actions workflow schema in the parts it uses, build on Linux, Windows
and macOS with the same CMake options, package with the CPack generator of each platform,
upload what it makes, and only name repository files that exist."""
import os
import re
import unittest
from pathlib import Path

import yaml

SOURCE = Path(os.environ.get("PARLO_SOURCE_DIR", Path(__file__).resolve().parents[2]))
WORKFLOW = SOURCE / ".github" / "workflows" / "release.yml"

JOB_KEYS = {"name", "runs-on", "container", "env", "steps", "needs", "if", "strategy",
            "permissions", "timeout-minutes", "defaults", "outputs", "services",
            "continue-on-error", "concurrency", "environment"}
STEP_KEYS = {"id", "name", "uses", "run", "with", "env", "if", "shell", "working-directory",
             "continue-on-error", "timeout-minutes"}
EXPECTED = {
    # job: (runner prefix, cpack generators, artifact file patterns)
    "linux": ("ubuntu-", {"DEB", "RPM", "TGZ"}, {"*.deb", "*.rpm", "*.tar.gz"}),
    "windows": ("windows-", {"NSIS", "ZIP"}, {"*.exe", "*.zip"}),
    "macos": ("macos-", {"DragNDrop"}, {"*.dmg"}),
}


def load_workflow():
    text = WORKFLOW.read_text()
    # GitHub reads YAML 1.2, where `on` is a string; PyYAML (YAML 1.1) reads it as true.
    data = yaml.safe_load(text)
    if True in data and "on" not in data:
        data["on"] = data.pop(True)
    return text, data


class ReleaseWorkflowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text, cls.workflow = load_workflow()
        cls.jobs = cls.workflow["jobs"]

    def runs(self, job):
        return "\n".join(step.get("run", "") for step in self.jobs[job]["steps"])

    def test_top_level(self):
        self.assertEqual(set(self.workflow) - {"name", "on", "env", "jobs", "permissions",
                                               "concurrency", "defaults", "run-name"}, set())
        self.assertIn("workflow_dispatch", self.workflow["on"])
        self.assertEqual(self.workflow["on"]["push"]["tags"], ["v*"])
        self.assertEqual(set(self.jobs), set(EXPECTED))

    def test_jobs_and_steps_follow_the_schema(self):
        for job_id, job in self.jobs.items():
            with self.subTest(job=job_id):
                self.assertEqual(set(job) - JOB_KEYS, set(), "unknown job keys")
                self.assertTrue(job["steps"])
                for step in job["steps"]:
                    self.assertEqual(set(step) - STEP_KEYS, set(), f"unknown step keys: {step}")
                    self.assertEqual(("uses" in step) + ("run" in step), 1,
                                     f"a step has exactly one of uses/run: {step}")
                    if "uses" in step:
                        # owner/repo@ref, pinned to a version.
                        self.assertRegex(step["uses"], r"^[\w.-]+/[\w.-]+@v\d+(\.\d+)*$")
                    else:
                        self.assertNotIn("with", step)

    def test_expressions_are_closed_and_known(self):
        expressions = re.findall(r"\$\{\{(.*?)\}\}", self.text, re.S)
        self.assertEqual(self.text.count("${{"), len(expressions))
        for expression in expressions:
            self.assertRegex(expression.strip(), r"^(env|secrets|vars|matrix|github|runner)\.\w+$")

    def test_every_platform_builds_with_the_same_options_and_packages(self):
        options = self.workflow["env"]["PARLO_CMAKE_OPTIONS"]
        self.assertIn("-DCMAKE_BUILD_TYPE=RelWithDebInfo", options)
        for job_id, (runner, generators, patterns) in EXPECTED.items():
            with self.subTest(job=job_id):
                job = self.jobs[job_id]
                self.assertTrue(job["runs-on"].startswith(runner), job["runs-on"])
                runs = self.runs(job_id)
                configure = [line for line in runs.splitlines() if "cmake -S . -B" in line]
                self.assertEqual(len(configure), 1, runs)
                self.assertRegex(configure[0], r"PARLO_CMAKE_OPTIONS")
                self.assertIn("cmake --build build-release", runs)
                cpack = re.search(r'cpack -G "?([\w;]+)"?', runs)
                self.assertIsNotNone(cpack, runs)
                self.assertEqual(set(cpack.group(1).split(";")), generators)
                uploads = [s for s in job["steps"] if s.get("uses", "").startswith(
                    "actions/upload-artifact@")]
                self.assertEqual(len(uploads), 1)
                paths = {Path(p).name for p in uploads[0]["with"]["path"].split()}
                self.assertEqual(paths, patterns)
                self.assertEqual(uploads[0]["with"]["if-no-files-found"], "error")
                self.assertEqual(job["steps"][0]["uses"].split("@")[0], "actions/checkout")

    def test_linux_uses_debian_12_and_the_projects_dependency_script(self):
        self.assertEqual(self.jobs["linux"]["container"], "debian:12")
        self.assertIn("bash scripts/deps build", self.runs("linux"))

    def test_repository_files_named_in_scripts_exist(self):
        named = re.findall(r"\b((?:scripts|installer|cmake)/[\w/-]+(?:\.\w+)*)", self.text)
        for path in set(named):
            self.assertTrue((SOURCE / path).exists(), path)

    def test_cpack_generators_match_the_cmake_configuration(self):
        packaging = (SOURCE / "installer" / "Packaging.cmake").read_text()
        for generator in ["DragNDrop", "NSIS;ZIP", "DEB;TGZ", "RPM"]:
            self.assertIn(generator, packaging)


if __name__ == "__main__":
    unittest.main()
