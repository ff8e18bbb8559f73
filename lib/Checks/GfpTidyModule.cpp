//===-- GfpTidyModule.cpp - The gfp clang-tidy module ---------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Checks/AtomicInSleepableContextCheck.h"
#include "Checks/PageAsAddressCheck.h"
#include "Checks/PageFreeMismatchCheck.h"
#include "Checks/SleepingAllocInAtomicContextCheck.h"
#include "Checks/UncheckedAtomicPageCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy {
namespace gfp {
namespace {

/// Registers every check of Checks.def.
class GfpTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define CHECK(Class, Name, Summary) Factories.registerCheck<Class>(Name);
#include "Checks/Checks.def"
  }
};

} // namespace
} // namespace gfp

// NOLINTBEGIN(bugprone-throwing-static-initialization)
static ClangTidyModuleRegistry::Add<gfp::GfpTidyModule>
    X("gfp-module", "Checks for page allocations in Linux-kernel C.");
// NOLINTEND(bugprone-throwing-static-initialization)

// Referenced by the plugin and the tools so that the linker keeps this file:
// its linkage is external on purpose.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables,misc-use-internal-linkage)
volatile int GfpTidyModuleAnchorSource = 0;

} // namespace clang::tidy
