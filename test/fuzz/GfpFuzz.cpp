//===-- GfpFuzz.cpp - libFuzzer over the gfp analyses ---------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Each input is kernel-style C appended to the includes of the test headers
// (test/Inputs/Headers): its first byte chooses the 6.1 or the 6.12 shape,
// the rest is the code. All five gfp checks run over it through clang-tidy,
// as the plugin and gfp-audit run them; a crash, a sanitizer report or a
// hang is what the fuzzer looks for. scripts/fuzz.sh builds and runs it.
//
//===----------------------------------------------------------------------===//

#include "Checks/GfpTidyForceLinker.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdint>
#include <string>

namespace {

constexpr const char *Prelude = R"(#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/cleanup.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/pci.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/highmem.h>
#include <linux/rcupdate.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/err.h>
#include <linux/bug.h>
)";

class OneCommand : public clang::tooling::CompilationDatabase {
public:
  explicit OneCommand(clang::tooling::CompileCommand Cmd)
      : Cmd(std::move(Cmd)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return {Cmd};
  }

private:
  clang::tooling::CompileCommand Cmd;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0 || Size > 16384)
    return 0;
  const std::string Headers = GFP_TEST_HEADERS;
  const char *Shape = (Data[0] & 1) ? "/v6.1" : "/v6.12";
  std::string Code =
      Prelude + std::string(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  // The command's directory must exist on the real file system too (the
  // tool changes into it): the headers' directory does; the file itself
  // lives only in memory.
  const std::string Dir = Headers;
  const std::string File = Dir + "/gfp-fuzz-input.c";

  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(File, 0, llvm::MemoryBuffer::getMemBufferCopy(Code));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  FS->pushOverlay(Memory);

  clang::tidy::ClangTidyOptions Override;
  Override.Checks = "-*,gfp-*";
  Override.HeaderFilterRegex = ".*";
  Override.WarningsAsErrors = "";
  clang::tidy::ClangTidyContext Context(
      std::make_unique<clang::tidy::DefaultOptionsProvider>(
          clang::tidy::ClangTidyGlobalOptions(),
          clang::tidy::ClangTidyOptions::getDefaults().merge(Override, 0)));
  OneCommand DB(clang::tooling::CompileCommand(
      Dir, File,
      {"clang", "-fsyntax-only", "-std=gnu11", "-nostdinc", "-isystem",
       Headers + Shape, "-isystem", Headers + "/common", "-D__KERNEL__",
       "-ferror-limit=0", File},
      ""));
  std::vector<clang::tidy::ClangTidyError> Errors =
      clang::tidy::runClangTidy(Context, DB, {File}, FS,
                                /*ApplyAnyFix=*/false,
                                /*EnableCheckProfile=*/false,
                                /*StoreCheckProfile=*/"", /*Quiet=*/true);
  (void)Errors;
  return 0;
}
