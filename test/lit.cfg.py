# lit configuration of gfp-tidy's tests.
import os
import shutil
import sys

import lit.formats

config.name = "gfp-tidy"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs", "unit", "fuzz", "bench", "CMakeLists.txt", "run-lit.py", "check-docs.py",
                   "exit-code.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gfp_obj_root, "test")

# FileCheck, not and count come from llvm-22-tools; clang-tidy must be 22
# (a bare `clang-tidy` on Debian 12 is 14), so every path is absolute.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])
clang_tidy = os.path.join(config.llvm_tools_dir, "clang-tidy")
if not os.path.exists(config.gfp_plugin):
    lit_config.fatal("the plugin is not built: " + config.gfp_plugin)

inputs = os.path.join(config.test_source_root, "Inputs")
headers = os.path.join(inputs, "Headers")
common = "-std=gnu11 -nostdinc -isystem " + os.path.join(headers, "common")

# A sanitizer build (scripts/sanitize.sh): clang-tidy-22 gets the ASan
# runtime first, for the sanitized plugin; gfp-audit carries its own.
tidy_prefix = ""
if getattr(config, "gfp_asan_runtime", ""):
    tidy_prefix = "env LD_PRELOAD=%s " % config.gfp_asan_runtime
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        if var in os.environ:
            config.environment[var] = os.environ[var]
    config.available_features.add("sanitizer")
config.substitutions.append(("%gfp_tidy", "%s%s --load=%s --config={}"
                             % (tidy_prefix, clang_tidy, config.gfp_plugin)))
config.substitutions.append(("%clang_tidy", tidy_prefix + clang_tidy))
config.substitutions.append(("%gfp_plugin", config.gfp_plugin))
# The compiler plugin, in clang-22 (a bare `clang` may be another version).
clang = os.path.join(config.llvm_tools_dir, "clang")
config.substitutions.append(("%gfpcc", "%s%s -fplugin=%s -fplugin-arg-gfp-config={}"
                             % (tidy_prefix, clang, config.gfp_compiler_plugin)))
config.substitutions.append(("%clang22", tidy_prefix + clang))
# The two header shapes: 6.1 (plain functions, hex GFP bits) and 6.12
# (alloc_hooks() macros over _noprof functions, BIT() over an enum).
# Longest first: lit substitutes in order and these share prefixes.
config.substitutions.append(("%kflags612", "-isystem %s %s"
                             % (os.path.join(headers, "v6.12"), common)))
config.substitutions.append(("%kflags61", "-isystem %s %s"
                             % (os.path.join(headers, "v6.1"), common)))
config.substitutions.append(("%kflags", "-isystem %s %s"
                             % (os.path.join(headers, "v6.12"), common)))
# Debian's real linux-headers (scripts/install-deps.sh unpacks them into
# .deps/kernel-headers), with the flags kbuild gives an external module built
# with clang: %khdr61 and %khdr612. Tests under kernel-headers/ need them.
khdr_root = os.environ.get("GFP_KERNEL_HEADERS") or os.path.join(
    config.gfp_src_root, ".deps", "kernel-headers")


def kbuild_flags(series):
    base = os.path.join(khdr_root, "v" + series)
    src, obj = os.path.join(base, "common"), os.path.join(base, "amd64")
    if not os.path.isfile(os.path.join(obj, "include", "generated", "autoconf.h")):
        return None
    incs = [src + "/arch/x86/include", obj + "/arch/x86/include/generated",
            src + "/include", obj + "/include",
            src + "/arch/x86/include/uapi", obj + "/arch/x86/include/generated/uapi",
            src + "/include/uapi", obj + "/include/generated/uapi"]
    flags = ["-nostdinc", "--target=x86_64-linux-gnu"]
    flags += ["-I" + i for i in incs]
    for h in ("compiler-version.h", "kconfig.h", "compiler_types.h"):
        path = os.path.join(src, "include", "linux", h)
        if os.path.exists(path):
            flags += ["-include", path]
    flags += ["-D__KERNEL__", "-DMODULE", "-std=gnu11", "-fno-strict-aliasing",
              "-fno-common", "-fshort-wchar", "-funsigned-char",
              "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow", "-mno-avx",
              "-mno-red-zone", "-mcmodel=kernel", "-ffreestanding",
              "-DKBUILD_BASENAME='\"gfptest\"'", "-DKBUILD_MODNAME='\"gfptest\"'",
              "-D__KBUILD_MODNAME=kmod_gfptest"]
    return " ".join(flags)


for series, sub in (("6.12", "%khdr612"), ("6.1", "%khdr61")):
    flags = kbuild_flags(series)
    if flags:
        config.available_features.add("kernel-headers-" + series)
        config.substitutions.append((sub, flags))
if {"kernel-headers-6.1", "kernel-headers-6.12"} <= config.available_features:
    config.available_features.add("kernel-headers")

# Keeps line numbers while dropping the expectations from the input, so that
# a CHECK line never matches itself.
config.substitutions.append(("%strip_checks",
                             "sed -e 's|// *CHECK[A-Z0-9-]*:.*|//|'"))
config.substitutions.append(("%src_root", config.gfp_src_root))
# gfp-audit, its test tree, and a wrapper that prints a command's exit code
# (lit's own shell has no $?).
# gfp-audit with the test hooks preloaded: GFP_TEST_CRASH_ON=TEXT and
# GFP_TEST_HANG_ON=TEXT make the worker of a unit whose path holds TEXT
# abort or hang (gfp-audit/Inputs/worker-hooks.c). Longest first.
config.substitutions.append(("%gfp_audit_hooked", "env LD_PRELOAD=%s %s"
                             % (config.gfp_test_hooks, config.gfp_audit)))
config.substitutions.append(("%gfp_audit", config.gfp_audit))
config.substitutions.append(("%make_whole_tree", "%s %s" % (
    sys.executable,
    os.path.join(config.test_source_root, "whole-tree", "Inputs", "make-tree.py"))))
config.substitutions.append(("%whole_tree_inputs", os.path.join(
    config.test_source_root, "whole-tree", "Inputs")))
config.substitutions.append(("%make_tree", "%s %s" % (
    sys.executable,
    os.path.join(config.test_source_root, "gfp-audit", "Inputs", "make-tree.py"))))
config.substitutions.append(("%exitcode", "%s %s" % (
    sys.executable, os.path.join(config.test_source_root, "exit-code.py"))))
config.substitutions.append(("%audit_inputs", os.path.join(
    config.test_source_root, "gfp-audit", "Inputs")))
# gfp-clangd is built when GFP_TIDY_BUILD_CLANGD is on (CI turns it on).
if config.gfp_clangd and os.path.exists(config.gfp_clangd):
    config.available_features.add("gfp-clangd")
    config.substitutions.append(("%gfp_clangd", config.gfp_clangd))
# The HTML report is looked at in headless Chromium when it is installed.
chromium = shutil.which("chromium")
if chromium:
    config.available_features.add("chromium")
    config.substitutions.append(("%chromium", chromium))
config.substitutions.append(("%python", sys.executable))
# Microsoft's SARIF validator (the npm package
# @microsoft/sarif-multitool-linux), fetched by scripts/install-deps.sh.
multitool = os.environ.get("GFP_SARIF_MULTITOOL") or os.path.join(
    config.gfp_src_root, ".deps", "sarif-multitool", "Sarif.Multitool")
if os.access(multitool, os.X_OK):
    config.available_features.add("sarif-multitool")
    config.environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"
    config.substitutions.append(("%sarif_multitool", multitool))
