//===-- TreeFacts.cpp - What one unit says about contexts -----------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The JSON form of the facts is compact: a tree's facts run to millions of
// calls, so places are [file, line, column] arrays and fields that hold
// their default are left out.
//
//===----------------------------------------------------------------------===//

#include "Analysis/TreeFacts.h"

namespace gfp::tree {

std::string memberKey(llvm::StringRef Struct, llvm::StringRef Field) {
  return ("struct " + Struct + "::" + Field).str();
}

llvm::json::Value toJSON(const Place &P) {
  return llvm::json::Array{P.File, P.Line, P.Column};
}

bool fromJSON(const llvm::json::Value &V, Place &Out, llvm::json::Path P) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A || A->size() != 3) {
    P.report("expected [file, line, column]");
    return false;
  }
  std::optional<llvm::StringRef> File = (*A)[0].getAsString();
  std::optional<int64_t> Line = (*A)[1].getAsInteger();
  std::optional<int64_t> Column = (*A)[2].getAsInteger();
  if (!File || !Line || !Column || *Line < 0 || *Column < 0) {
    P.report("expected [file, line, column]");
    return false;
  }
  Out.File = File->str();
  Out.Line = static_cast<unsigned>(*Line);
  Out.Column = static_cast<unsigned>(*Column);
  return true;
}

namespace {

void writePlace(llvm::json::OStream &J, llvm::StringRef Key, const Place &P) {
  if (P.File.empty() && !P.Line)
    return;
  J.attributeArray(Key, [&] {
    J.value(P.File);
    J.value(P.Line);
    J.value(P.Column);
  });
}

void writeFunction(llvm::json::OStream &J, const Function &F) {
  J.object([&] {
    J.attribute("key", F.Key);
    J.attribute("name", F.Name);
    if (F.Defined) {
      J.attribute("defined", true);
      writePlace(J, "at", F.At);
    }
    if (F.Static)
      J.attribute("static", true);
    if (F.Escapes)
      J.attribute("escapes", true);
    if (F.ReleasesCallerLock)
      J.attribute("releasesCallerLock", true);
    if (F.RoleConflict)
      J.attribute("roleConflict", true);
    if (F.HeaderCaller)
      J.attribute("headerCaller", true);
    if (F.InModule)
      J.attribute("module", true);
    if (!F.Roles.empty())
      J.attributeArray("roles", [&] {
        for (const Role &R : F.Roles)
          J.object([&] {
            J.attribute("atomic", R.Atomic);
            J.attribute("what", R.What);
            writePlace(J, "at", R.At);
          });
      });
    if (!F.Sleeps.empty()) {
      J.attribute("sleeps", F.Sleeps);
      writePlace(J, "sleepsAt", F.SleepsAt);
      if (F.SleepsByAllocation)
        J.attribute("sleepsByAllocation", true);
    }
    if (!F.Calls.empty())
      J.attributeArray("calls", [&] {
        for (const Call &C : F.Calls)
          J.object([&] {
            J.attribute("callee", C.Callee);
            if (C.Member)
              J.attribute("member", true);
            J.attribute("min", C.Min);
            J.attribute("max", C.Max);
            if (!C.Lock.empty()) {
              J.attribute("lock", C.Lock);
              writePlace(J, "lockAt", C.LockAt);
            }
            writePlace(J, "at", C.At);
            if (C.ZeroArgs)
              J.attribute("zeroArgs", static_cast<int64_t>(C.ZeroArgs));
          });
      });
  });
}

bool readPlace(const llvm::json::Object &O, llvm::StringRef Key, Place &Out,
               llvm::json::Path P) {
  const llvm::json::Value *V = O.get(Key);
  return !V || fromJSON(*V, Out, P.field(Key));
}

bool readFunction(const llvm::json::Value &V, Function &F, llvm::json::Path P) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected a function");
    return false;
  }
  std::optional<llvm::StringRef> Key = O->getString("key");
  if (!Key || Key->empty()) {
    P.field("key").report("expected a function key");
    return false;
  }
  F.Key = Key->str();
  F.Name = O->getString("name").value_or("").str();
  F.Defined = O->getBoolean("defined").value_or(false);
  F.Static = O->getBoolean("static").value_or(false);
  F.Escapes = O->getBoolean("escapes").value_or(false);
  F.ReleasesCallerLock = O->getBoolean("releasesCallerLock").value_or(false);
  F.RoleConflict = O->getBoolean("roleConflict").value_or(false);
  F.HeaderCaller = O->getBoolean("headerCaller").value_or(false);
  F.InModule = O->getBoolean("module").value_or(false);
  F.Sleeps = O->getString("sleeps").value_or("").str();
  F.SleepsByAllocation = O->getBoolean("sleepsByAllocation").value_or(false);
  if (!readPlace(*O, "at", F.At, P) ||
      !readPlace(*O, "sleepsAt", F.SleepsAt, P))
    return false;
  if (const llvm::json::Array *Roles = O->getArray("roles")) {
    for (const llvm::json::Value &RV : *Roles) {
      const llvm::json::Object *RO = RV.getAsObject();
      if (!RO) {
        P.field("roles").report("expected a role");
        return false;
      }
      Role R;
      R.Atomic = RO->getBoolean("atomic").value_or(false);
      R.What = RO->getString("what").value_or("").str();
      if (!readPlace(*RO, "at", R.At, P.field("roles")))
        return false;
      F.Roles.push_back(std::move(R));
    }
  }
  if (const llvm::json::Array *Calls = O->getArray("calls")) {
    F.Calls.reserve(Calls->size());
    for (const llvm::json::Value &CV : *Calls) {
      const llvm::json::Object *CO = CV.getAsObject();
      std::optional<llvm::StringRef> Callee =
          CO ? CO->getString("callee") : std::nullopt;
      if (!Callee) {
        P.field("calls").report("expected a call with a callee");
        return false;
      }
      Call C;
      C.Callee = Callee->str();
      C.Member = CO->getBoolean("member").value_or(false);
      C.Min = static_cast<uint8_t>(
          std::clamp<int64_t>(CO->getInteger("min").value_or(0), 0, 255));
      C.Max = static_cast<uint8_t>(
          std::clamp<int64_t>(CO->getInteger("max").value_or(0), 0, 255));
      C.Lock = CO->getString("lock").value_or("").str();
      C.ZeroArgs = static_cast<uint32_t>(std::clamp<int64_t>(
          CO->getInteger("zeroArgs").value_or(0), 0, UINT32_MAX));
      if (!readPlace(*CO, "lockAt", C.LockAt, P.field("calls")) ||
          !readPlace(*CO, "at", C.At, P.field("calls")))
        return false;
      F.Calls.push_back(std::move(C));
    }
  }
  return true;
}

} // namespace

void writeJSON(const UnitFacts &F, llvm::json::OStream &J) {
  J.object([&] {
    J.attributeArray("functions", [&] {
      for (const Function &Fn : F.Functions)
        writeFunction(J, Fn);
    });
    J.attributeArray("stores", [&] {
      for (const Store &S : F.Stores)
        J.object([&] {
          J.attribute("member", S.Member);
          J.attribute("function", S.Function);
          writePlace(J, "at", S.At);
        });
    });
  });
}

llvm::json::Value toJSON(const UnitFacts &F) {
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    llvm::json::OStream J(OS);
    writeJSON(F, J);
  }
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    return nullptr;
  }
  return std::move(*V);
}

bool fromJSON(const llvm::json::Value &V, UnitFacts &F, llvm::json::Path P) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected the facts of a unit");
    return false;
  }
  if (const llvm::json::Array *Fns = O->getArray("functions")) {
    F.Functions.reserve(Fns->size());
    size_t I = 0;
    for (const llvm::json::Value &FV : *Fns) {
      Function Fn;
      if (!readFunction(FV, Fn, P.field("functions").index(I++)))
        return false;
      F.Functions.push_back(std::move(Fn));
    }
  }
  if (const llvm::json::Array *Stores = O->getArray("stores")) {
    for (const llvm::json::Value &SV : *Stores) {
      const llvm::json::Object *SO = SV.getAsObject();
      std::optional<llvm::StringRef> Member =
          SO ? SO->getString("member") : std::nullopt;
      std::optional<llvm::StringRef> Fn =
          SO ? SO->getString("function") : std::nullopt;
      if (!Member || !Fn) {
        P.field("stores").report("expected a member and a function");
        return false;
      }
      Store S;
      S.Member = Member->str();
      S.Function = Fn->str();
      if (!readPlace(*SO, "at", S.At, P.field("stores")))
        return false;
      F.Stores.push_back(std::move(S));
    }
  }
  return true;
}

namespace {
constexpr std::pair<Step::Kind, llvm::StringLiteral> StepKindNames[] = {
    {Step::Kind::SectionBegins, "section"},
    {Step::Kind::AtomicRole, "atomic-role"},
    {Step::Kind::CalledAtomic, "called-atomic"},
    {Step::Kind::SleepableRole, "sleepable-role"},
    {Step::Kind::Sleeps, "sleeps"},
    {Step::Kind::CalledSleepable, "called-sleepable"},
    {Step::Kind::CallersSleepable, "callers-sleepable"},
};
} // namespace

namespace {
constexpr llvm::StringLiteral RoleKindNames[] = {
    "call",           "field",
    "init",           "holds-spinning",
    "must-hold",      "asserts-irqs-off",
    "asserts-atomic", "asserts-spinning-held"};
} // namespace

std::string RoleSource::encode() const {
  std::string Out = RoleKindNames[static_cast<unsigned>(K)].str();
  if (!Name.empty() || !Detail.empty())
    Out += ":" + Name;
  if (!Detail.empty())
    Out += ":" + Detail;
  return Out;
}

std::optional<RoleSource> RoleSource::decode(llvm::StringRef What) {
  auto [KindName, Rest] = What.split(':');
  for (unsigned I = 0; I < std::size(RoleKindNames); ++I) {
    if (KindName != RoleKindNames[I])
      continue;
    RoleSource S;
    S.K = static_cast<Kind>(I);
    // The detail is the rest: an annotation's argument may hold a colon.
    auto [Name, Detail] = Rest.split(':');
    S.Name = Name.str();
    S.Detail = Detail.str();
    return S;
  }
  return std::nullopt;
}

llvm::StringRef stepKindName(Step::Kind K) {
  for (const auto &[Kind, Name] : StepKindNames)
    if (Kind == K)
      return Name;
  return "";
}

bool stepKindFromName(llvm::StringRef Name, Step::Kind &K) {
  for (const auto &[Kind, N] : StepKindNames)
    if (N == Name) {
      K = Kind;
      return true;
    }
  return false;
}

} // namespace gfp::tree
