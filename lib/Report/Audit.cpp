//===-- Audit.cpp - The results of a gfp-audit run ------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Report/Audit.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <tuple>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace gfp::report {

static constexpr llvm::StringLiteral ResultsFormat = "gfp-audit-results";
static constexpr llvm::StringLiteral BaselineFormat = "gfp-audit-baseline";
static constexpr int FormatVersion = 1;

llvm::StringRef Finding::lineText() const {
  if (Loc.Line < ExcerptStart || Loc.Line - ExcerptStart >= Excerpt.size())
    return {};
  return Excerpt[Loc.Line - ExcerptStart];
}

unsigned Audit::notAnalysed() const {
  return llvm::count_if(Units, [](const Unit &U) { return !U.Analysed; });
}

unsigned Audit::interrupted() const {
  return llvm::count_if(Units, [](const Unit &U) {
    return !U.Analysed && U.Reason == "interrupted";
  });
}

unsigned Audit::newFindings() const {
  return llvm::count_if(Findings, [](const Finding &F) { return F.New; });
}

std::string computeFingerprint(const Finding &F) {
  llvm::StringRef Line = F.lineText();
  llvm::StringRef Trimmed = Line.ltrim(" \t");
  unsigned Indent = Line.size() - Trimmed.size();
  unsigned Column = F.Loc.Column > Indent ? F.Loc.Column - Indent : 0;
  std::string Stripped;
  for (char C : Trimmed)
    if (C != ' ' && C != '\t' && C != '\r')
      Stripped += C;
  std::string Key = llvm::formatv("{0}\n{1}\n{2}\n{3}\n{4}", F.Check,
                                  F.Loc.File, F.Message, Stripped, Column)
                        .str();
  return llvm::utohexstr(llvm::xxh3_64bits(Key), /*LowerCase=*/true, 16);
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    if (Base.empty()) {
      [[maybe_unused]] std::error_code Ignored =
          llvm::sys::fs::make_absolute(P);
    } else {
      P = Base;
      llvm::sys::path::append(P, Path);
    }
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty() || !Path.starts_with(Root))
    return Path.str();
  llvm::StringRef Rest = Path.drop_front(Root.size());
  if (Root.ends_with("/"))
    return Rest.str();
  if (!Rest.consume_front("/"))
    return Path.str();
  return Rest.str();
}

std::string relativeToAny(llvm::StringRef Path,
                          llvm::ArrayRef<std::string> Roots) {
  for (const std::string &Root : Roots) {
    std::string Rel = relativeTo(Path, llvm::StringRef(Root));
    if (Rel != Path)
      return Rel;
  }
  return Path.str();
}

std::string PathRelativizer::operator()(llvm::StringRef Path) {
  auto It = Cache.find(Path);
  if (It != Cache.end())
    return It->second;
  std::string Rel = relativeToAny(Path, Roots);
  llvm::SmallString<256> Real;
  if (Rel == Path && !llvm::sys::fs::real_path(Path, Real))
    if (std::string R = relativeToAny(Real, Roots); R != Real)
      Rel = R;
  Cache.emplace(Path.str(), Rel);
  return Rel;
}

/// What makes two findings one: check, place and message.
static auto findingKey(const Finding &F) {
  return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check, F.Message);
}

/// What makes two inventory items one.
static auto inventoryKey(const InventoryItem &I) {
  return std::tie(I.Kind, I.Name, I.Loc.File, I.Loc.Line);
}

void AuditMerger::index() {
  for (size_t I = 0; I < All.Findings.size(); ++I)
    FindingAt.emplace(findingKey(All.Findings[I]), I);
  for (size_t I = 0; I < All.Inventory.size(); ++I)
    ItemAt.emplace(inventoryKey(All.Inventory[I]), I);
}

void AuditMerger::add(Audit &&Part) {
  if (All.Root.empty())
    All.Root = Part.Root;
  if (All.Checks.empty())
    All.Checks = Part.Checks;
  if (All.Options.empty())
    All.Options = Part.Options;
  for (Unit &U : Part.Units)
    All.Units.push_back(std::move(U));
  for (Finding &F : Part.Findings) {
    auto [It, Inserted] =
        FindingAt.try_emplace(findingKey(F), All.Findings.size());
    if (Inserted) {
      All.Findings.push_back(std::move(F));
      continue;
    }
    Finding &Same = All.Findings[It->second];
    Same.Units += F.Units;
    // The first unit in path order, whatever order the parts came in.
    if (F.Unit < Same.Unit)
      Same.Unit = F.Unit;
  }
  for (InventoryItem &I : Part.Inventory) {
    auto [It, Inserted] =
        ItemAt.try_emplace(inventoryKey(I), All.Inventory.size());
    if (Inserted) {
      All.Inventory.push_back(std::move(I));
      continue;
    }
    All.Inventory[It->second].Uses += I.Uses;
    All.Inventory[It->second].Units += I.Units;
  }
  for (const auto &[Flag, N] : Part.DroppedFlags)
    All.DroppedFlags[Flag] += N;
  for (ConditionalFinding &C : Part.Conditional)
    All.Conditional.push_back(std::move(C));
  for (tree::UnitFacts &F : Part.Facts)
    All.Facts.push_back(std::move(F));
}

void finalize(Audit &A) {
  for (Finding &F : A.Findings)
    if (F.Fingerprint.empty())
      F.Fingerprint = computeFingerprint(F);
  llvm::sort(A.Units,
             [](const Unit &X, const Unit &Y) { return X.File < Y.File; });
  llvm::sort(A.Findings, [](const Finding &X, const Finding &Y) {
    return findingKey(X) < findingKey(Y);
  });
  llvm::sort(A.Inventory, [](const InventoryItem &X, const InventoryItem &Y) {
    return inventoryKey(X) < inventoryKey(Y);
  });
}

//===-- JSON --------------------------------------------------------------===//

static Value locToJSON(const Location &L) {
  return Object{{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

static Value fixesToJSON(const std::vector<Replacement> &Fixes) {
  Array Out;
  for (const Replacement &R : Fixes)
    Out.push_back(Object{{"begin", locToJSON(R.Begin)},
                         {"end", locToJSON(R.End)},
                         {"text", R.Text}});
  return Out;
}

static Value unitToJSON(const Unit &U) {
  Object O{{"file", U.File},
           {"analysed", U.Analysed},
           {"findings", U.Findings},
           {"seconds", std::round(U.Seconds * 1000) / 1000}};
  if (!U.Analysed)
    O["reason"] = U.Reason;
  return O;
}

static Value findingToJSON(const Finding &F) {
  Array Notes;
  for (const Note &N : F.Notes)
    Notes.push_back(
        Object{{"message", N.Message}, {"location", locToJSON(N.Loc)}});
  Array Lines;
  for (const std::string &L : F.Excerpt)
    Lines.push_back(L);
  return Object{
      {"check", F.Check},
      {"message", F.Message},
      {"location", locToJSON(F.Loc)},
      {"notes", std::move(Notes)},
      {"excerpt",
       Object{{"startLine", F.ExcerptStart}, {"lines", std::move(Lines)}}},
      {"hasFix", F.HasFix},
      {"fixes", fixesToJSON(F.Fixes)},
      {"fingerprint", F.Fingerprint},
      {"unit", F.Unit},
      {"units", F.Units},
      {"new", F.New},
  };
}

static Value itemToJSON(const InventoryItem &I) {
  return Object{
      {"kind", I.Kind},   {"name", I.Name},     {"location", locToJSON(I.Loc)},
      {"hides", I.Hides}, {"result", I.Result}, {"sleeps", I.Sleeps},
      {"uses", I.Uses},   {"units", I.Units}};
}

void writeJSON(const Audit &A, llvm::json::OStream &J) {
  // Keys in the order a reader meets them; each unit, finding and item is
  // built alone, so a large audit is never held twice.
  J.object([&] {
    J.attribute("format", ResultsFormat);
    J.attribute("version", FormatVersion);
    J.attribute("root", A.Root);
    if (!A.Shard.empty())
      J.attribute("shard", A.Shard);
    if (!A.Baseline.empty())
      J.attribute("baseline", A.Baseline);
    J.attributeArray("checks", [&] {
      for (const std::string &C : A.Checks)
        J.value(C);
    });
    J.attribute("options", A.Options);
    J.attributeArray("units", [&] {
      for (const Unit &U : A.Units)
        J.value(unitToJSON(U));
    });
    J.attributeArray("findings", [&] {
      for (const Finding &F : A.Findings)
        J.value(findingToJSON(F));
    });
    J.attributeArray("inventory", [&] {
      for (const InventoryItem &I : A.Inventory)
        J.value(itemToJSON(I));
    });
    J.attributeObject("droppedFlags", [&] {
      for (const auto &[Flag, N] : A.DroppedFlags)
        J.attribute(Flag, N);
    });
    if (!A.Conditional.empty())
      J.attributeArray("conditional", [&] {
        for (const ConditionalFinding &C : A.Conditional)
          J.object([&] {
            J.attribute("function", C.Function);
            J.attribute("need",
                        C.Need == tree::Need::Atomic ? "atomic" : "sleepable");
            if (C.Guards)
              J.attribute("guards", static_cast<int64_t>(C.Guards));
            J.attribute("finding", findingToJSON(C.F));
          });
      });
    if (!A.Facts.empty())
      J.attributeArray("facts", [&] {
        for (const tree::UnitFacts &F : A.Facts)
          tree::writeJSON(F, J);
      });
  });
}

Value toJSON(const Audit &A) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  llvm::json::OStream J(OS);
  writeJSON(A, J);
  OS.flush();
  llvm::Expected<Value> V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return nullptr;
  }
  return std::move(*V);
}

namespace {
/// Reads the JSON form, remembering the first problem as a one-line error.
class Reader {
public:
  explicit Reader(llvm::StringRef Origin) : Origin(Origin) {}

  std::string str(const Object &O, llvm::StringRef Key) {
    if (std::optional<llvm::StringRef> S = O.getString(Key))
      return S->str();
    fail(Key);
    return {};
  }
  unsigned num(const Object &O, llvm::StringRef Key) {
    if (std::optional<int64_t> N = O.getInteger(Key); N && *N >= 0)
      return static_cast<unsigned>(*N);
    fail(Key);
    return 0;
  }
  Location loc(const Object &O, llvm::StringRef Key) {
    const Object *L = O.getObject(Key);
    if (!L) {
      fail(Key);
      return {};
    }
    return {str(*L, "file"), num(*L, "line"), num(*L, "column")};
  }
  const Array &arr(const Object &O, llvm::StringRef Key) {
    static const Array Empty;
    if (const Array *A = O.getArray(Key))
      return *A;
    fail(Key);
    return Empty;
  }
  const Object &obj(const Value &V, llvm::StringRef What) {
    static const Object Empty;
    if (const Object *O = V.getAsObject())
      return *O;
    fail(What);
    return Empty;
  }
  void fail(llvm::StringRef Key) {
    if (Problem.empty())
      Problem = ("'" + Key + "' is missing or has the wrong type").str();
  }
  llvm::Error error() const {
    return llvm::createStringError(
        llvm::formatv("{0}: not a gfp-audit results file: {1}", Origin, Problem)
            .str());
  }
  bool ok() const { return Problem.empty(); }

private:
  llvm::StringRef Origin;
  std::string Problem;
};
} // namespace

static llvm::Expected<const Object *> parseTop(llvm::StringRef Text,
                                               llvm::StringRef Origin,
                                               llvm::StringRef Format,
                                               Value &Storage) {
  llvm::Expected<Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return llvm::createStringError(
        llvm::formatv("{0}: not valid JSON: {1}", Origin,
                      llvm::toString(Parsed.takeError()))
            .str());
  Storage = std::move(*Parsed);
  const Object *Top = Storage.getAsObject();
  std::optional<llvm::StringRef> Fmt =
      Top ? Top->getString("format") : std::nullopt;
  if (!Fmt || *Fmt != Format)
    return llvm::createStringError(
        llvm::formatv("{0}: not a {1} file (its \"format\" is {2})", Origin,
                      Format,
                      Fmt ? ("'" + *Fmt + "'").str() : std::string("missing"))
            .str());
  std::optional<int64_t> Version = Top->getInteger("version");
  if (!Version || *Version != FormatVersion)
    return llvm::createStringError(
        llvm::formatv("{0}: {1} version {2} is not supported (expected {3})",
                      Origin, Format, Version ? *Version : -1, FormatVersion)
            .str());
  return Top;
}

llvm::Expected<Audit> auditFromJSON(llvm::StringRef Text,
                                    llvm::StringRef Origin) {
  Value Storage(nullptr);
  llvm::Expected<const Object *> TopOr =
      parseTop(Text, Origin, ResultsFormat, Storage);
  if (!TopOr)
    return TopOr.takeError();
  const Object &Top = **TopOr;
  Reader R(Origin);
  Audit A;
  A.Root = R.str(Top, "root");
  if (std::optional<llvm::StringRef> S = Top.getString("options"))
    A.Options = S->str();
  if (std::optional<llvm::StringRef> S = Top.getString("shard"))
    A.Shard = S->str();
  if (std::optional<llvm::StringRef> S = Top.getString("baseline"))
    A.Baseline = S->str();
  for (const Value &V : R.arr(Top, "checks"))
    if (std::optional<llvm::StringRef> S = V.getAsString())
      A.Checks.push_back(S->str());
  for (const Value &V : R.arr(Top, "units")) {
    const Object &O = R.obj(V, "units[]");
    Unit U;
    U.File = R.str(O, "file");
    U.Analysed = O.getBoolean("analysed").value_or(false);
    if (!U.Analysed)
      U.Reason = R.str(O, "reason");
    U.Findings = R.num(O, "findings");
    U.Seconds = O.getNumber("seconds").value_or(0);
    A.Units.push_back(std::move(U));
  }
  auto ReadFinding = [&](const Object &O) {
    Finding F;
    F.Check = R.str(O, "check");
    F.Message = R.str(O, "message");
    F.Loc = R.loc(O, "location");
    for (const Value &N : R.arr(O, "notes")) {
      const Object &NO = R.obj(N, "notes[]");
      F.Notes.push_back({R.str(NO, "message"), R.loc(NO, "location")});
    }
    if (const Object *E = O.getObject("excerpt")) {
      F.ExcerptStart = R.num(*E, "startLine");
      for (const Value &L : R.arr(*E, "lines"))
        F.Excerpt.push_back(L.getAsString().value_or("").str());
    }
    F.HasFix = O.getBoolean("hasFix").value_or(false);
    if (const llvm::json::Array *Fixes = O.getArray("fixes"))
      for (const Value &FV : *Fixes) {
        const Object &FO = R.obj(FV, "fixes[]");
        F.Fixes.push_back(
            {R.loc(FO, "begin"), R.loc(FO, "end"), R.str(FO, "text")});
      }
    F.Fingerprint = R.str(O, "fingerprint");
    F.Unit = R.str(O, "unit");
    F.Units = R.num(O, "units");
    F.New = O.getBoolean("new").value_or(true);
    return F;
  };
  for (const Value &V : R.arr(Top, "findings"))
    A.Findings.push_back(ReadFinding(R.obj(V, "findings[]")));
  if (const Array *Conditional = Top.getArray("conditional"))
    for (const Value &V : *Conditional) {
      const Object &O = R.obj(V, "conditional[]");
      ConditionalFinding C;
      C.Function = R.str(O, "function");
      std::string Need = R.str(O, "need");
      if (Need != "atomic" && Need != "sleepable")
        R.fail("conditional[].need");
      C.Need = Need == "atomic" ? tree::Need::Atomic : tree::Need::Sleepable;
      C.Guards = static_cast<uint32_t>(std::clamp<int64_t>(
          O.getInteger("guards").value_or(0), 0, UINT32_MAX));
      if (const Object *FO = O.getObject("finding"))
        C.F = ReadFinding(*FO);
      else
        R.fail("conditional[].finding");
      A.Conditional.push_back(std::move(C));
    }
  if (const Array *Facts = Top.getArray("facts"))
    for (const Value &V : *Facts) {
      tree::UnitFacts F;
      llvm::json::Path::Root Root("facts");
      if (!tree::fromJSON(V, F, Root)) {
        llvm::consumeError(Root.getError());
        R.fail("facts[]");
        break;
      }
      A.Facts.push_back(std::move(F));
    }
  for (const Value &V : R.arr(Top, "inventory")) {
    const Object &O = R.obj(V, "inventory[]");
    InventoryItem I;
    I.Kind = R.str(O, "kind");
    I.Name = R.str(O, "name");
    I.Loc = R.loc(O, "location");
    I.Hides = R.str(O, "hides");
    I.Result = R.str(O, "result");
    I.Sleeps = R.str(O, "sleeps");
    I.Uses = R.num(O, "uses");
    I.Units = R.num(O, "units");
    A.Inventory.push_back(std::move(I));
  }
  if (const Object *D = Top.getObject("droppedFlags"))
    for (const auto &[Flag, N] : *D)
      A.DroppedFlags[Flag.str()] = N.getAsInteger().value_or(0);
  if (!R.ok())
    return R.error();
  return A;
}

//===-- Baselines ---------------------------------------------------------===//

Value baselineToJSON(const Audit &A) {
  Array Entries;
  for (const Finding &F : A.Findings)
    Entries.push_back(Object{{"fingerprint", F.Fingerprint},
                             {"check", F.Check},
                             {"file", F.Loc.File},
                             {"message", F.Message}});
  return Object{{"format", BaselineFormat},
                {"version", FormatVersion},
                {"findings", std::move(Entries)}};
}

llvm::Expected<Baseline> baselineFromJSON(llvm::StringRef Text,
                                          llvm::StringRef Origin) {
  Value Storage(nullptr);
  llvm::Expected<const Object *> TopOr =
      parseTop(Text, Origin, BaselineFormat, Storage);
  if (!TopOr)
    return TopOr.takeError();
  Baseline B;
  const Array *Entries = (*TopOr)->getArray("findings");
  if (!Entries)
    return llvm::createStringError(
        (Origin + ": baseline has no 'findings' array").str());
  for (const Value &V : *Entries) {
    const Object *O = V.getAsObject();
    std::optional<llvm::StringRef> FP =
        O ? O->getString("fingerprint") : std::nullopt;
    if (!FP)
      return llvm::createStringError(
          (Origin + ": a baseline entry has no 'fingerprint'").str());
    ++B.Count[FP->str()];
  }
  return B;
}

unsigned applyBaseline(Audit &A, const Baseline &B, llvm::StringRef Path) {
  std::map<std::string, unsigned> Left = B.Count;
  unsigned Matched = 0;
  for (Finding &F : A.Findings) {
    auto It = Left.find(F.Fingerprint);
    F.New = It == Left.end() || It->second == 0;
    if (!F.New) {
      --It->second;
      ++Matched;
    }
  }
  A.Baseline = Path.str();
  return Matched;
}

} // namespace gfp::report
