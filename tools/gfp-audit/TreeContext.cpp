//===-- TreeContext.cpp - gfp-audit's whole-tree context ------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TreeContext.h"

#include "Checks/ContextCheckBase.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

namespace gfp::audit {

namespace {
/// Bumped when the analyses change what a unit's results hold, so that a
/// database written by another build is re-parsed rather than trusted.
constexpr llvm::StringLiteral AnalysisVersion =
    "gfp-tidy " GFP_TIDY_VERSION " facts 8";
} // namespace

unsigned resolveConditional(report::Audit &A,
                            const tree::ContextSolver &Solved) {
  report::Audit Resolved;
  for (report::ConditionalFinding &C : A.Conditional) {
    if (!Solved.proves(C.Function, C.Need))
      continue;
    std::vector<tree::Step> Why =
        C.Need == tree::Need::Atomic
            ? Solved.guardedAtomicWitness(C.Function, C.Guards)
            : Solved.witness(C.Function, C.Need);
    if (Why.empty())
      continue;
    for (const tree::Step &S : Why)
      C.F.Notes.push_back({clang::tidy::gfp::treeStepText(S), S.At});
    Resolved.Findings.push_back(std::move(C.F));
  }
  A.Conditional.clear();
  unsigned N = Resolved.Findings.size();
  // One finding per place and message, however many units made it (an
  // allocation in a header).
  report::AuditMerger Merger(std::move(A));
  Merger.add(std::move(Resolved));
  A = Merger.take();
  return N;
}

std::string commandDigest(llvm::StringRef Directory, llvm::StringRef File,
                          llvm::ArrayRef<std::string> Arguments,
                          llvm::StringRef Checks, llvm::StringRef Options) {
  std::string Text;
  for (llvm::StringRef Part :
       {llvm::StringRef(AnalysisVersion), Directory, File, Checks, Options}) {
    Text += Part;
    Text += '\0';
  }
  for (const std::string &Arg : Arguments) {
    Text += Arg;
    Text += '\0';
  }
  return llvm::utohexstr(llvm::xxh3_64bits(Text)) + "-" +
         std::to_string(Text.size());
}

bool InputChecker::same(const std::string &Path, int64_t Size, int64_t Time,
                        llvm::StringRef Hash) {
  auto [It, Inserted] = Known.try_emplace(Path, false);
  if (!Inserted)
    return It->second;
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St) || !llvm::sys::fs::is_regular_file(St))
    return It->second = false;
  if (static_cast<int64_t>(St.getSize()) != Size)
    return It->second = false;
  if (llvm::sys::toTimeT(St.getLastModificationTime()) == Time)
    return It->second = true;
  // Touched, or checked out again (a CI clone): the contents decide.
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buf)
    return It->second = false;
  return It->second =
             llvm::utohexstr(llvm::xxh3_64bits((*Buf)->getBuffer())) == Hash;
}

bool InputChecker::unchanged(llvm::StringRef InputsJSON) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(InputsJSON);
  if (!V) {
    llvm::consumeError(V.takeError());
    return false;
  }
  const llvm::json::Array *A = V->getAsArray();
  if (!A || A->empty())
    return false;
  for (const llvm::json::Value &E : *A) {
    const llvm::json::Array *F = E.getAsArray();
    if (!F || F->size() != 4)
      return false;
    std::optional<llvm::StringRef> Path = (*F)[0].getAsString();
    std::optional<int64_t> Size = (*F)[1].getAsInteger();
    std::optional<int64_t> Time = (*F)[2].getAsInteger();
    std::optional<llvm::StringRef> Hash = (*F)[3].getAsString();
    if (!Path || !Size || !Time || !Hash ||
        !same(Path->str(), *Size, *Time, *Hash))
      return false;
  }
  return true;
}

} // namespace gfp::audit
