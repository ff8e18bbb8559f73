//===-- UnitAudit.cpp - One unit's audit, from the checks' diagnostics ----===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "UnitAudit.h"

#include "Checks/CheckUtils.h"
#include "Checks/UnitState.h"
#include "Report/Writers.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

using namespace clang;
using gfp::report::Audit;
using gfp::report::Finding;
using gfp::report::InventoryItem;
using gfp::report::Location;

namespace gfp::audit {

namespace {

/// Source files read once per worker, to turn offsets into lines.
class SourceCache {
public:
  /// The lines of \p Path, or none when it cannot be read.
  const std::vector<StringRef> *lines(const std::string &Path) {
    auto [It, Inserted] = Files.try_emplace(Path);
    if (Inserted) {
      if (auto Buf = llvm::MemoryBuffer::getFile(Path)) {
        It->second.Buffer = std::move(*Buf);
        StringRef Text = It->second.Buffer->getBuffer();
        size_t Start = 0;
        while (Start <= Text.size()) {
          size_t End = Text.find('\n', Start);
          if (End == StringRef::npos) {
            if (Start < Text.size())
              It->second.Lines.push_back(Text.substr(Start));
            break;
          }
          It->second.Lines.push_back(Text.slice(Start, End).rtrim('\r'));
          Start = End + 1;
        }
        It->second.Offsets.reserve(It->second.Lines.size());
        for (StringRef L : It->second.Lines)
          It->second.Offsets.push_back(L.data() - Text.data());
      }
    }
    return It->second.Buffer ? &It->second.Lines : nullptr;
  }

  /// 1-based line and column of \p Offset in \p Path.
  std::pair<unsigned, unsigned> lineColumn(const std::string &Path,
                                           unsigned Offset) {
    if (!lines(Path))
      return {0, 0};
    const std::vector<size_t> &Offs = Files[Path].Offsets;
    auto It = llvm::upper_bound(Offs, Offset);
    if (It == Offs.begin())
      return {0, 0};
    size_t Line = It - Offs.begin();
    return {static_cast<unsigned>(Line),
            static_cast<unsigned>(Offset - Offs[Line - 1] + 1)};
  }

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<StringRef> Lines;
    std::vector<size_t> Offsets;
  };
  std::map<std::string, File> Files;
};

/// The audit the worker fills in; the unit observer adds the inventory.
struct WorkerState {
  /// Paths relative to the tree's root (and its other spellings).
  gfp::report::PathRelativizer Relative;
  /// The compile command's directory, which relative names start from.
  std::string Directory;
  std::vector<InventoryItem> Inventory;
  /// Roots and their real paths, for the facts' file names.
  std::vector<std::string> Roots;
  /// The unit is module code (-DMODULE).
  bool InModule = false;
  gfp::tree::UnitFacts Facts;
  std::vector<gfp::report::ConditionalFinding> Conditional;
  /// Every file the unit read: [path, size, mtime, hash].
  llvm::json::Array Inputs;
};
Location locationOf(WorkerState &State, SourceLocation Loc,
                    const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(SM.getSpellingLoc(Loc));
  if (P.isInvalid())
    return {};
  std::string Path =
      gfp::report::absolutePath(P.getFilename(), State.Directory);
  return {State.Relative(Path), P.getLine(), P.getColumn()};
}

const char *sleepsWord(gfp::SleepKind K) {
  switch (K) {
  case gfp::SleepKind::NoSleep:
    return "no";
  case gfp::SleepKind::MaySleep:
    return "yes";
  case gfp::SleepKind::Unknown:
    break;
  }
  return "unknown";
}

const char *resultWord(gfp::AllocResult R) {
  switch (R) {
  case gfp::AllocResult::PageDescriptor:
    return "struct page *";
  case gfp::AllocResult::Address:
    return "address";
  case gfp::AllocResult::Slab:
    break;
  }
  return "slab/vmalloc memory";
}

/// The real path of \p FE (as the facts and the context database name
/// files), or its name made absolute when it has none.
std::string realPathOf(const WorkerState &State, FileEntryRef FE) {
  StringRef Real = FE.getFileEntry().tryGetRealPathName();
  return Real.empty() ? gfp::report::absolutePath(FE.getName(), State.Directory)
                      : Real.str();
}

/// A place of the facts: the real path of the file, relative to the tree.
gfp::tree::Place factPlace(WorkerState &State, SourceLocation Loc,
                           const SourceManager &SM) {
  gfp::tree::Place P;
  if (Loc.isInvalid())
    return P;
  Loc = SM.getExpansionLoc(Loc);
  FileID FID = SM.getFileID(Loc);
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return P;
  P.File = gfp::report::relativeToAny(realPathOf(State, *FE), State.Roots);
  P.Line = SM.getExpansionLineNumber(Loc);
  P.Column = SM.getExpansionColumnNumber(Loc);
  return P;
}

/// The unit's whole-tree facts, its conditional findings, and the files it
/// read.
void takeTreeFacts(WorkerState &State, const tidy::gfp::CheckedUnit &U) {
  const SourceManager &SM = U.Ctx.getSourceManager();
  auto PlaceOf = [&](SourceLocation L) { return factPlace(State, L, SM); };
  if (U.Contexts)
    U.Contexts->extractFacts(State.Facts, PlaceOf, State.InModule);
  for (const tidy::gfp::PendingFinding &P : U.Pending) {
    gfp::report::ConditionalFinding C;
    C.F.Check = P.Check;
    C.F.Message = P.Message;
    C.F.Loc = locationOf(State, P.Loc, SM);
    for (const auto &[Message, Loc] : P.Notes)
      C.F.Notes.push_back({Message, locationOf(State, Loc, SM)});
    C.Function = gfp::ContextModel::functionKey(*P.Function, PlaceOf);
    C.Need = P.Need;
    C.Guards = P.Guards;
    State.Conditional.push_back(std::move(C));
  }
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    FileEntryRef FE = It->first;
    std::optional<StringRef> Data = It->second->getBufferDataIfLoaded();
    if (!Data)
      continue;
    State.Inputs.push_back(llvm::json::Array{
        realPathOf(State, FE), static_cast<int64_t>(FE.getSize()),
        static_cast<int64_t>(FE.getModificationTime()),
        llvm::utohexstr(llvm::xxh3_64bits(*Data))});
  }
}

/// True when a NOLINT or NOLINTNEXTLINE comment suppresses \p Check on
/// line \p Line of \p Lines (findings written outside clang-tidy's
/// diagnostics honour them too).
bool suppressed(const std::vector<StringRef> &Lines, unsigned Line,
                StringRef Check) {
  auto Covers = [&](StringRef Text, StringRef Marker) {
    size_t Pos = Text.find(Marker);
    if (Pos == StringRef::npos)
      return false;
    StringRef Rest = Text.substr(Pos + Marker.size());
    if (Marker == "NOLINT" &&
        (Rest.starts_with("NEXTLINE") || Rest.starts_with("BEGIN") ||
         Rest.starts_with("END")))
      return false;
    if (!Rest.consume_front("("))
      return true;
    StringRef List = Rest.split(')').first;
    SmallVector<StringRef, 4> Globs;
    List.split(Globs, ',');
    for (StringRef G : Globs) {
      G = G.trim();
      if (G == "*" || G == Check ||
          (G.ends_with("*") && Check.starts_with(G.drop_back())))
        return true;
    }
    return false;
  };
  if (Line >= 1 && Line <= Lines.size() && Covers(Lines[Line - 1], "NOLINT"))
    return true;
  return Line >= 2 && Line - 1 <= Lines.size() &&
         Covers(Lines[Line - 2], "NOLINTNEXTLINE");
}

/// The inventory: the user macros around each allocation, and the
/// wrappers the model inferred.
void takeInventory(WorkerState &State, const tidy::gfp::CheckedUnit &U) {
  ASTContext &Ctx = U.Ctx;
  gfp::KernelModel &M = U.Model;
  gfp::FunctionIndex &Index = U.Index;
  const SourceManager &SM = Ctx.getSourceManager();
  std::map<std::pair<std::string, std::string>, InventoryItem> Items;
  tidy::gfp::forEachFunctionDefinition(Ctx, [&](const FunctionDecl &FD) {
    if (!Index.facts(FD).Allocation)
      return;
    for (const gfp::AllocationSite &Site :
         M.collectAllocationSites(FD.getBody())) {
      // Page allocations only: the slab and vmalloc entries of the model
      // serve the context checks.
      if (Site.Info.Result == gfp::AllocResult::Slab)
        continue;
      for (const gfp::MacroFrame &Frame : Site.UserMacros) {
        Location L = locationOf(State, Frame.SpellingInDefinition, SM);
        InventoryItem &I = Items[{Frame.Name, L.File}];
        if (I.Kind.empty()) {
          I.Kind = "macro";
          I.Name = Frame.Name;
          I.Loc = L;
          I.Hides = Site.describe();
          I.Result = resultWord(Site.Info.Result);
          I.Sleeps = sleepsWord(Site.Flags.Sleep);
        }
        ++I.Uses;
      }
    }
  });
  M.forEachWrapper([&](const gfp::AllocatorInfo &Info) {
    if (!Info.Wrapper || !Info.Wrapper->hasBody() ||
        Info.Result == gfp::AllocResult::Slab)
      return;
    InventoryItem I;
    I.Kind = "wrapper";
    I.Name = Info.Name;
    I.Loc = locationOf(State, Info.Wrapper->getLocation(), SM);
    I.Result = resultWord(Info.Result);
    std::vector<gfp::AllocationSite> Inner =
        M.collectAllocationSites(Info.Wrapper->getBody());
    I.Hides = Inner.empty() ? std::string() : Inner.front().ApiName;
    if (Info.FixedGfp)
      I.Sleeps = sleepsWord(M.evaluateGfp(Info.FixedGfp).Sleep);
    else if (Info.AlwaysSleeps)
      I.Sleeps = "yes";
    else
      I.Sleeps = "caller's flags";
    Items[{I.Name, I.Loc.File}] = std::move(I);
  });
  for (auto &[Key, I] : Items)
    State.Inventory.push_back(std::move(I));
}

} // namespace

/// The recorder watches the unit's checks as their observer.
struct UnitRecorder::Impl : tidy::gfp::UnitObserver {
  Impl(const Setup &Setup, std::shared_ptr<tidy::gfp::UnitState> Checks)
      : Root(Setup.Root), WS{gfp::report::PathRelativizer(Setup.Roots),
                             Setup.Directory,
                             {},
                             Setup.Roots,
                             Setup.InModule,
                             {},
                             {},
                             {}},
        Checks(std::move(Checks)) {
    this->Checks->setObserver(this);
  }
  ~Impl() override { Checks->setObserver(nullptr); }
  Impl(const Impl &) = delete;
  Impl &operator=(const Impl &) = delete;
  void unitChecked(const tidy::gfp::CheckedUnit &U) override {
    takeInventory(WS, U);
    takeTreeFacts(WS, U);
  }

  std::string Root;
  WorkerState WS;
  std::shared_ptr<tidy::gfp::UnitState> Checks;
  bool CompileErrors = false;
};

UnitRecorder::UnitRecorder(const Setup &Setup,
                           const tidy::ClangTidyContext &Context)
    : S(std::make_unique<UnitRecorder::Impl>(
          Setup, tidy::gfp::UnitState::of(Context))) {}

UnitRecorder::~UnitRecorder() = default;

llvm::json::Array UnitRecorder::takeInputs() {
  if (S->CompileErrors)
    return {};
  return std::move(S->WS.Inputs);
}

Audit UnitRecorder::finish(const std::vector<tidy::ClangTidyError> &Errors,
                           StringRef File) {
  WorkerState &WS = S->WS;
  StringRef Root = S->Root;
  Audit A;
  A.Root = Root;
  gfp::report::Unit U;
  U.File = WS.Relative(File);
  SourceCache Sources;
  auto Loc = [&](const tooling::DiagnosticMessage &M,
                 StringRef BuildDir) -> Location {
    if (M.FilePath.empty())
      return {};
    std::string Path = gfp::report::absolutePath(M.FilePath, BuildDir);
    auto [Line, Col] = Sources.lineColumn(Path, M.FileOffset);
    return {WS.Relative(Path), Line, Col};
  };
  auto AddExcerpt = [&](Finding &F, const std::string &Path) {
    if (!F.Loc.Line)
      return;
    if (const std::vector<StringRef> *Lines = Sources.lines(Path)) {
      unsigned First = F.Loc.Line > 2 ? F.Loc.Line - 2 : 1;
      unsigned Last = std::min<unsigned>(F.Loc.Line + 2, Lines->size());
      F.ExcerptStart = First;
      for (unsigned L = First; L <= Last; ++L)
        F.Excerpt.push_back((*Lines)[L - 1].str());
    }
  };
  unsigned CompileErrors = 0;
  std::string FirstError;
  for (const tidy::ClangTidyError &E : Errors) {
    // A real compile error; a warning made an error by -Werror (the
    // kernel's -Werror=unknown-warning-option meets gcc's -W flags) is
    // named after its warning, and stops neither clang nor the checks.
    if (E.DiagLevel == tooling::Diagnostic::Error &&
        E.DiagnosticName == "clang-diagnostic-error") {
      if (CompileErrors++ == 0) {
        Location L = Loc(E.Message, E.BuildDirectory);
        FirstError = L.Line ? llvm::formatv("{0}:{1}:{2}: {3}", L.File, L.Line,
                                            L.Column, E.Message.Message)
                                  .str()
                            : E.Message.Message;
      }
      continue;
    }
    if (!StringRef(E.DiagnosticName).starts_with("gfp-"))
      continue;
    Finding F;
    F.Check = E.DiagnosticName;
    F.Message = E.Message.Message;
    F.Loc = Loc(E.Message, E.BuildDirectory);
    for (const tooling::DiagnosticMessage &N : E.Notes)
      F.Notes.push_back({N.Message, Loc(N, E.BuildDirectory)});
    F.HasFix = !E.Message.Fix.empty();
    for (const auto &[FilePath, Edits] : E.Message.Fix)
      for (const tooling::Replacement &R : Edits) {
        std::string Path =
            gfp::report::absolutePath(R.getFilePath(), E.BuildDirectory);
        std::string Rel = WS.Relative(Path);
        auto [BL, BC] = Sources.lineColumn(Path, R.getOffset());
        auto [EL, EC] = Sources.lineColumn(Path, R.getOffset() + R.getLength());
        F.Fixes.push_back(
            {{Rel, BL, BC}, {Rel, EL, EC}, R.getReplacementText().str()});
      }
    AddExcerpt(F,
               gfp::report::absolutePath(E.Message.FilePath, E.BuildDirectory));
    F.Unit = U.File;
    A.Findings.push_back(std::move(F));
  }
  // Conditional findings: the same excerpt, and the same NOLINT comments.
  for (gfp::report::ConditionalFinding &C : WS.Conditional) {
    std::string Path = gfp::report::absolutePath(C.F.Loc.File, Root);
    if (const std::vector<StringRef> *Lines = Sources.lines(Path);
        Lines && suppressed(*Lines, C.F.Loc.Line, C.F.Check))
      continue;
    AddExcerpt(C.F, Path);
    C.F.Unit = U.File;
    A.Conditional.push_back(std::move(C));
  }
  if (!WS.Facts.empty())
    A.Facts.push_back(std::move(WS.Facts));
  if (CompileErrors) {
    U.Analysed = false;
    U.Reason = "compile error: " + FirstError;
    if (CompileErrors > 1)
      U.Reason += llvm::formatv(" (and {0} more)", CompileErrors - 1).str();
  }
  U.Findings = A.Findings.size();
  A.Units.push_back(std::move(U));
  A.Inventory = std::move(WS.Inventory);
  for (InventoryItem &I : A.Inventory)
    I.Units = 1;
  if (CompileErrors) {
    // Facts of a unit that did not compile would be missing calls.
    A.Conditional.clear();
    A.Facts.clear();
  }
  S->CompileErrors = CompileErrors != 0;
  return A;
}

} // namespace gfp::audit
