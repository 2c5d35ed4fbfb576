# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Storage (app/storage/) and contact import/export (app/contacts/).
parlo_add_qt_test(NAME tst_storage SOURCES tst_storage.cpp LIBS app LABELS unit)

# Crash safety: tst_storage_crash SIGKILLs tst_storage_crashchild (a plain executable,
# not a test of its own) while it writes, then checks the database.
qt_add_executable(tst_storage_crashchild storage/tst_storage_crashchild.cpp)
target_link_libraries(tst_storage_crashchild PRIVATE app)
parlo_add_qt_test(NAME tst_storage_crash SOURCES tst_storage_crash.cpp LIBS app LABELS unit)
target_include_directories(tst_storage_crash PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
target_compile_definitions(tst_storage_crash PRIVATE
    PARLO_CRASH_CHILD="$<TARGET_FILE:tst_storage_crashchild>")
add_dependencies(tst_storage_crash tst_storage_crashchild)

parlo_add_qt_test(NAME tst_vcard SOURCES tst_vcard.cpp LIBS app LABELS unit)
parlo_add_qt_test(NAME tst_csv SOURCES tst_csv.cpp LIBS app LABELS unit)
