//===-- ContextSolverTest.cpp - The whole-tree context solver -------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis/ContextSolver.h"
#include "Analysis/ContextDatabase.h"

#include "gtest/gtest.h"

using namespace gfp::tree;

namespace {

Function fn(std::string Key, std::string File, bool Static = false) {
  Function F;
  F.Key = std::move(Key);
  F.Name = llvm::StringRef(F.Key).split('@').first.str();
  F.Defined = true;
  F.At = {std::move(File), 1, 1};
  F.Static = Static;
  return F;
}

Call call(std::string Callee, uint8_t Min, uint8_t Max, unsigned Line = 10) {
  Call C;
  C.Callee = std::move(Callee);
  C.Min = Min;
  C.Max = Max;
  if (Min) {
    C.Lock = "spin_lock_bh";
    C.LockAt = {"a.c", Line - 1, 2};
  }
  C.At = {"a.c", Line, 3};
  return C;
}

Role role(bool Atomic, std::string What) {
  return Role{Atomic, std::move(What), {"ops.c", 5, 2}};
}

TEST(ContextSolver, RoleInAnotherUnitReachesCallees) {
  // Unit 1 defines the callback and a static helper; unit 2 holds the
  // ops table that registers the callback.
  UnitFacts U1, U2;
  Function Cb = fn("drv_set_rx_mode", "drv_main.c");
  Cb.Calls.push_back(call("helper@drv_main.c", 0, 0, 20));
  U1.Functions.push_back(Cb);
  U1.Functions.push_back(fn("helper@drv_main.c", "drv_main.c", true));
  Function Reg;
  Reg.Key = "drv_set_rx_mode";
  Reg.Name = "drv_set_rx_mode";
  Reg.Roles.push_back(
      role(true, "registered as 'ndo_set_rx_mode' of 'struct net_device_ops'"));
  U2.Functions.push_back(Reg);

  ContextSolver S;
  S.add(U1);
  S.add(U2);
  S.solve(/*Complete=*/false);
  EXPECT_TRUE(S.mayRunAtomic("drv_set_rx_mode"));
  EXPECT_TRUE(S.mayRunAtomic("helper@drv_main.c"));
  EXPECT_FALSE(S.mustBeSleepable("helper@drv_main.c"));
  std::vector<Step> W = S.witness("helper@drv_main.c", Need::Atomic);
  ASSERT_EQ(W.size(), 2u);
  EXPECT_EQ(W[0].K, Step::Kind::AtomicRole);
  EXPECT_EQ(W[0].Function, "drv_set_rx_mode");
  EXPECT_EQ(W[0].What,
            "registered as 'ndo_set_rx_mode' of 'struct net_device_ops'");
  EXPECT_EQ(W[0].At.File, "ops.c");
  EXPECT_EQ(W[1].K, Step::Kind::CalledAtomic);
  EXPECT_EQ(W[1].Function, "helper");
  EXPECT_EQ(W[1].At.Line, 20u);
}

TEST(ContextSolver, OneAtomicCallerIsEnough) {
  UnitFacts U;
  Function A = fn("a", "a.c"), B = fn("b", "b.c");
  A.Calls.push_back(call("target", 1, 1, 30));
  B.Calls.push_back(call("target", 0, 0, 40));
  U.Functions = {A, B, fn("target", "t.c")};
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("target"));
  std::vector<Step> W = S.witness("target", Need::Atomic);
  ASSERT_EQ(W.size(), 2u);
  EXPECT_EQ(W[0].K, Step::Kind::SectionBegins);
  EXPECT_EQ(W[0].What, "spin_lock_bh");
  EXPECT_EQ(W[1].At.Line, 30u);
  EXPECT_FALSE(S.mayRunAtomic("a"));
}

TEST(ContextSolver, AtomicContextFlowsThroughOnePlainCallFromALock) {
  // section -> h0 -> h1 -> h2: h0 is called under the lock, h1 through one
  // plain call; h2 is too deep to trust.
  UnitFacts U;
  Function Root = fn("root", "r.c");
  Root.Calls.push_back(call("h0", 1, 1));
  U.Functions.push_back(Root);
  for (int I = 0; I < 4; ++I) {
    Function H = fn("h" + std::to_string(I), "h.c");
    H.Calls.push_back(call("h" + std::to_string(I + 1), 0, 0));
    U.Functions.push_back(H);
  }
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("h0"));
  EXPECT_TRUE(S.mayRunAtomic("h1"));
  EXPECT_FALSE(S.mayRunAtomic("h2"));
  EXPECT_EQ(S.witness("h1", Need::Atomic).size(), 3u);
}

TEST(ContextSolver, AtomicContextFlowsThroughThreeCallsFromARole) {
  // poll (NAPI) -> work -> rx -> alloc_rx -> deeper: alloc_rx, three calls
  // down, is the callback's own helper; one more is too deep.
  UnitFacts U;
  const char *Chain[] = {"poll", "work", "rx", "alloc_rx", "deeper"};
  for (int I = 0; I < 5; ++I) {
    Function F = fn(Chain[I], "d.c");
    if (I == 0)
      F.Roles.push_back(role(true, "NAPI poll"));
    if (I < 4)
      F.Calls.push_back(call(Chain[I + 1], 0, 0));
    U.Functions.push_back(F);
  }
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("alloc_rx"));
  EXPECT_FALSE(S.mayRunAtomic("deeper"));
}

TEST(ContextSolver, CallsWithALockOnSomePathsProveNothing) {
  UnitFacts U;
  Function A = fn("a", "a.c");
  A.Calls.push_back(call("target", 0, 1));
  U.Functions = {A, fn("target", "t.c")};
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_FALSE(S.mayRunAtomic("target"));
}

TEST(ContextSolver, ConflictsStaySilent) {
  UnitFacts U;
  Function Irq = fn("irq", "a.c");
  Irq.Roles.push_back(role(true, "an IRQ handler"));
  Irq.Calls.push_back(call("sleeper", 0, 0));
  Irq.Calls.push_back(call("opener", 0, 0));
  Irq.Calls.push_back(call("releaser", 0, 0));
  Function Sleeper = fn("sleeper", "s.c");
  Sleeper.Sleeps = "mutex_lock";
  Function Opener = fn("opener", "o.c");
  Opener.Roles.push_back(role(false, "registered as 'ndo_open'"));
  Function Releaser = fn("releaser", "r.c");
  Releaser.ReleasesCallerLock = true;
  Releaser.Calls.push_back(call("inner", 0, 0));
  U.Functions = {Irq, Sleeper, Opener, Releaser, fn("inner", "i.c")};
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_FALSE(S.mayRunAtomic("sleeper")); // It sleeps itself.
  EXPECT_FALSE(S.mayRunAtomic("opener"));  // A sleepable role.
  EXPECT_TRUE(S.mayRunAtomic("releaser"));
  EXPECT_FALSE(S.mayRunAtomic("inner")); // Its caller dropped the lock.
  // An atomic caller takes the sleepable role's proof away (starfire's
  // ndo_tx_timeout calls its ndo_open routine).
  EXPECT_FALSE(S.mustBeSleepable("opener"));
}

TEST(ContextSolver, AllocationSleepsDoNotBlockAtomic) {
  // The GFP_KERNEL allocation under test is the function's only sleep.
  UnitFacts U;
  Function A = fn("a", "a.c");
  A.Calls.push_back(call("f", 1, 1));
  Function F = fn("f", "f.c");
  F.Sleeps = "kmalloc(..., GFP_KERNEL)";
  F.SleepsByAllocation = true;
  U.Functions = {A, F};
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("f"));
  EXPECT_FALSE(S.mustBeSleepable("f"));
}

TEST(ContextSolver, EveryCallerMustBeSleepable) {
  UnitFacts U;
  Function Open = fn("drv_open", "drv.c");
  Open.Roles.push_back(role(false, "registered as 'ndo_open'"));
  Open.Calls.push_back(call("setup@drv.c", 0, 0, 50));
  Function Probe = fn("drv_probe", "drv.c");
  Probe.Sleeps = "msleep";
  Probe.Calls.push_back(call("setup@drv.c", 0, 0, 60));
  Function Timer = fn("drv_timer@drv.c", "drv.c", true);
  Timer.Calls.push_back(call("other@drv.c", 0, 0, 70));
  Open.Calls.push_back(call("other@drv.c", 0, 0, 80));
  U.Functions = {Open, Probe, Timer, fn("setup@drv.c", "drv.c", true),
                 fn("other@drv.c", "drv.c", true)};
  ContextSolver S;
  S.add(U);
  S.solve(false);
  EXPECT_TRUE(S.mustBeSleepable("setup@drv.c"));
  EXPECT_FALSE(S.mustBeSleepable("other@drv.c")); // drv_timer: unknown.
  std::vector<Step> W = S.witness("setup@drv.c", Need::Sleepable);
  ASSERT_GE(W.size(), 3u);
  EXPECT_EQ(W.back().K, Step::Kind::CalledSleepable);
  EXPECT_EQ(W.back().Function, "setup");
}

TEST(ContextSolver, CallersBeforeOwnAllocations) {
  // setup@drv.c allocates with GFP_KERNEL and is called only from an
  // .ndo_open routine: the proof kept is the caller's, not the allocation
  // an editor may be changing.
  UnitFacts U;
  Function Open = fn("drv_open", "drv.c");
  Open.Roles.push_back(role(false, "registered as 'ndo_open'"));
  Open.Calls.push_back(call("setup@drv.c", 0, 0, 50));
  Function Setup = fn("setup@drv.c", "drv.c", true);
  Setup.Sleeps = "kzalloc(64, GFP_KERNEL)";
  Setup.SleepsByAllocation = true;
  U.Functions = {Open, Setup};
  ContextSolver S;
  S.add(U);
  S.solve(false);
  std::vector<Step> W = S.witness("setup@drv.c", Need::Sleepable);
  ASSERT_EQ(W.size(), 2u);
  EXPECT_EQ(W[1].K, Step::Kind::CalledSleepable);
  EXPECT_EQ(W[1].Function, "setup");
}

TEST(ContextSolver, GlobalsNeedTheWholeTreeAndModuleCode) {
  auto Make = [](bool Module, bool HeaderCaller) {
    UnitFacts U;
    Function Open = fn("drv_open", "drv.c");
    Open.Roles.push_back(role(false, "registered as 'ndo_open'"));
    Open.Calls.push_back(call("drv_setup_rings", 0, 0));
    Function Setup = fn("drv_setup_rings", "rings.c");
    Setup.InModule = Module;
    Setup.HeaderCaller = HeaderCaller;
    U.Functions = {Open, Setup};
    return U;
  };
  for (bool Complete : {false, true})
    for (bool Module : {false, true})
      for (bool HeaderCaller : {false, true}) {
        ContextSolver S;
        S.add(Make(Module, HeaderCaller));
        S.solve(Complete);
        EXPECT_EQ(S.mustBeSleepable("drv_setup_rings"),
                  Complete && Module && !HeaderCaller)
            << Complete << Module << HeaderCaller;
      }
}

TEST(ContextSolver, EscapingAndCyclesProveNothing) {
  UnitFacts U;
  Function Open = fn("drv_open", "drv.c");
  Open.Roles.push_back(role(false, "registered as 'ndo_open'"));
  Open.Calls.push_back(call("esc@drv.c", 0, 0));
  Open.Calls.push_back(call("loop1@drv.c", 0, 0));
  Function Esc = fn("esc@drv.c", "drv.c", true);
  Esc.Escapes = true;
  Function L1 = fn("loop1@drv.c", "drv.c", true);
  Function L2 = fn("loop2@drv.c", "drv.c", true);
  L1.Calls.push_back(call("loop2@drv.c", 0, 0));
  L2.Calls.push_back(call("loop1@drv.c", 0, 0));
  U.Functions = {Open, Esc, L1, L2};
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_FALSE(S.mustBeSleepable("esc@drv.c"));
  // loop1 has two callers: drv_open (sleepable) and loop2, which is only
  // known through loop1 itself.
  EXPECT_FALSE(S.mustBeSleepable("loop1@drv.c"));
}

TEST(ContextSolver, AmbiguousGlobalsDecideNothing) {
  UnitFacts U1, U2;
  Function A = fn("foo_init", "drivers/a/a.c");
  A.Roles.push_back(role(true, "a timer callback"));
  Function B = fn("foo_init", "drivers/b/b.c");
  B.Calls.push_back(call("bar", 0, 0));
  U1.Functions = {A};
  U2.Functions = {B, fn("bar", "bar.c")};
  ContextSolver S;
  S.add(U1);
  S.add(U2);
  S.solve(true);
  EXPECT_FALSE(S.mayRunAtomic("foo_init"));
  EXPECT_FALSE(S.mayRunAtomic("bar"));
}

TEST(ContextSolver, OpsTablesAndMemberCalls) {
  UnitFacts Core, Drv;
  Function Xmit = fn("dev_xmit_one", "core.c");
  Call C = call(memberKey("foo_ops", "kick"), 1, 1, 90);
  C.Member = true;
  Xmit.Calls.push_back(C);
  Core.Functions = {Xmit};
  Drv.Functions = {fn("drv_kick@drv.c", "drv.c", true)};
  Drv.Stores.push_back(
      {memberKey("foo_ops", "kick"), "drv_kick@drv.c", {"drv.c", 100, 10}});
  ContextSolver S;
  S.add(Core);
  S.add(Drv);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("drv_kick@drv.c"));
  EXPECT_FALSE(S.mustBeSleepable("drv_kick@drv.c"));
}

TEST(ContextSolver, MemberCallsProveOnlyWhenEveryCallHoldsALock) {
  // nfnetlink's shape: nc->call() under rcu_read_lock() in one branch,
  // after rcu_read_unlock() in the other.
  UnitFacts Core, Drv;
  Function Rcv = fn("nfnetlink_rcv_msg", "nfnetlink.c");
  Call Locked = call(memberKey("nfnl_callback", "call"), 1, 1, 290);
  Locked.Member = true;
  Call Free = call(memberKey("nfnl_callback", "call"), 0, 0, 310);
  Free.Member = true;
  Rcv.Calls = {Locked, Free};
  Core.Functions = {Rcv};
  Drv.Functions = {fn("newset@t.c", "t.c", true),
                   fn("getset@t.c", "t.c", true)};
  Drv.Stores.push_back(
      {memberKey("nfnl_callback", "call"), "newset@t.c", {"t.c", 9, 1}});
  Drv.Stores.push_back(
      {memberKey("nfnl_callback", "call"), "getset@t.c", {"t.c", 10, 1}});
  ContextSolver S;
  S.add(Core);
  S.add(Drv);
  S.solve(true);
  EXPECT_FALSE(S.mayRunAtomic("newset@t.c"));
}

TEST(ContextSolver, MemberCallsFromAtomicFunctionsProve) {
  // mpoa's shape: the ndo_start_xmit routine calls in_ops->add_entry()
  // with nothing held of its own; it runs with BHs off.
  UnitFacts U;
  Function Xmit = fn("mpc_send_packet@mpc.c", "mpc.c", true);
  Xmit.Roles.push_back(role(true, "registered as 'ndo_start_xmit'"));
  Call C = call(memberKey("in_cache_ops", "add_entry"), 0, 0, 596);
  C.Member = true;
  Xmit.Calls.push_back(C);
  // Another call through the field, where nothing is proven: with one
  // function ever stored there, the proven call is enough.
  Function Ctl = fn("msg_from_mpoad@mpc.c", "mpc.c", true);
  Call Other = call(memberKey("in_cache_ops", "add_entry"), 0, 0, 1200);
  Other.Member = true;
  Ctl.Calls.push_back(Other);
  U.Functions = {Xmit, Ctl, fn("in_cache_add_entry@c.c", "c.c", true)};
  U.Stores.push_back({memberKey("in_cache_ops", "add_entry"),
                      "in_cache_add_entry@c.c",
                      {"c.c", 9, 1}});
  ContextSolver S;
  S.add(U);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("in_cache_add_entry@c.c"));
}

TEST(ContextSolver, FactsRoundTripThroughJSON) {
  UnitFacts U;
  Function F = fn("f@x.c", "x.c", true);
  F.Escapes = F.InModule = F.HeaderCaller = true;
  F.Roles.push_back(role(true, "an IRQ handler"));
  F.Sleeps = "msleep";
  F.SleepsAt = {"x.c", 3, 4};
  F.Calls.push_back(call("g", 1, 2));
  U.Functions.push_back(F);
  U.Stores.push_back({memberKey("s", "f"), "f@x.c", {"x.c", 9, 1}});
  llvm::json::Value V = toJSON(U);
  UnitFacts Back;
  llvm::json::Path::Root R;
  ASSERT_TRUE(fromJSON(V, Back, R));
  ASSERT_EQ(Back.Functions.size(), 1u);
  const Function &B = Back.Functions[0];
  EXPECT_EQ(B.Key, "f@x.c");
  EXPECT_TRUE(B.Static && B.Escapes && B.InModule && B.HeaderCaller);
  ASSERT_EQ(B.Calls.size(), 1u);
  EXPECT_EQ(B.Calls[0].Max, 2);
  EXPECT_EQ(B.Calls[0].Lock, "spin_lock_bh");
  EXPECT_EQ(B.SleepsAt.Line, 3u);
  ASSERT_EQ(Back.Stores.size(), 1u);
  EXPECT_EQ(Back.Stores[0].Member, "struct s::f");
  UnitFacts Bad;
  llvm::json::Path::Root R2;
  EXPECT_FALSE(fromJSON(llvm::json::Object{{"functions", llvm::json::Array{1}}},
                        Bad, R2));
}

} // namespace

TEST(ContextDatabaseWitness, RoundTripAndOlderFormats) {
  std::vector<Step> W = {
      {Step::Kind::SectionBegins, "", "spin_lock_bh", {"a.c", 3, 2}},
      {Step::Kind::CalledAtomic, "helper", "", {"a.c", 4, 9}}};
  std::vector<Step> Back = witnessFromJSON(witnessToJSON(W));
  ASSERT_EQ(Back.size(), 2u);
  EXPECT_EQ(Back[0].K, Step::Kind::SectionBegins);
  EXPECT_EQ(Back[0].What, "spin_lock_bh");
  EXPECT_EQ(Back[1].Function, "helper");
  EXPECT_EQ(Back[1].At, (Place{"a.c", 4, 9}));
  // A database of an older version held sentences: no proof at all, not
  // half of one.
  EXPECT_TRUE(witnessFromJSON(
                  R"([["atomic context begins here: spin_lock_bh","a.c",3,2]])")
                  .empty());
  EXPECT_TRUE(witnessFromJSON(
                  R"([["section","","l","a.c",3,2],["what","f","","a.c",4,9]])")
                  .empty());
}

TEST(ContextSolver, MemberCallsBelowAnotherDriversLockDoNotProve) {
  // hid_hw_request() is called under hid-lg4ff's spinlock, and calls
  // hdev->ll_driver->request() with nothing held: that reaches the USB
  // transport's function, not every transport's (ishtp_hid_request(),
  // which sleeps, serves only ISH devices).
  UnitFacts Core, Lg, Ish, Usb;
  Function Req = fn("hid_hw_request", "hid-core.c");
  Call Dispatch = call(memberKey("hid_ll_driver", "request"), 0, 0, 2501);
  Dispatch.Member = true;
  Req.Calls.push_back(Dispatch);
  Core.Functions = {Req};
  Function Ff = fn("lg4ff_play@hid-lg4ff.c", "hid-lg4ff.c", true);
  Ff.Calls.push_back(call("hid_hw_request", 1, 1, 454));
  Lg.Functions = {Ff};
  Ish.Functions = {fn("ishtp_hid_request@ishtp-hid.c", "ishtp-hid.c", true)};
  Ish.Stores.push_back({memberKey("hid_ll_driver", "request"),
                        "ishtp_hid_request@ishtp-hid.c",
                        {"ishtp-hid.c", 192, 2}});
  Usb.Functions = {fn("usbhid_request@hid-core-usb.c", "hid-core-usb.c", true)};
  Usb.Stores.push_back({memberKey("hid_ll_driver", "request"),
                        "usbhid_request@hid-core-usb.c",
                        {"hid-core-usb.c", 1349, 2}});
  ContextSolver S;
  for (const UnitFacts *U : {&Core, &Lg, &Ish, &Usb})
    S.add(*U);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("hid_hw_request"));
  EXPECT_FALSE(S.mayRunAtomic("ishtp_hid_request@ishtp-hid.c"));
  EXPECT_FALSE(S.mayRunAtomic("usbhid_request@hid-core-usb.c"));

  // Below a registered callback the same dispatch still proves (mpoa's
  // shape, with two functions stored in the field).
  Function Irq = fn("drv_irq@drv.c", "drv.c", true);
  Irq.Roles.push_back(role(true, "registered with request_irq"));
  Irq.Calls.push_back(call("hid_hw_request", 0, 0, 77));
  UnitFacts Drv;
  Drv.Functions = {Irq};
  ContextSolver R;
  for (const UnitFacts *U : {&Core, &Drv, &Ish, &Usb})
    R.add(*U);
  R.solve(true);
  EXPECT_TRUE(R.mayRunAtomic("ishtp_hid_request@ishtp-hid.c"));
}

TEST(ContextSolver, MemberCallsInTheStoringFileReachEveryTarget) {
  // e1000: adapter->alloc_rx_buf is stored at open and called from the
  // NAPI poll's receive routine and from the configuration path, all in
  // e1000_main.c. The call from the poll reaches both functions stored
  // there, although the configuration path's call may sleep.
  auto At = [](unsigned Line) {
    Call C = call(memberKey("e1000_adapter", "alloc_rx_buf"), 0, 0, Line);
    C.At.File = "e1000_main.c";
    C.Member = true;
    return C;
  };
  Function Poll = fn("e1000_clean@e1000_main.c", "e1000_main.c", true);
  Poll.Roles.push_back(role(true, "NAPI poll"));
  Poll.Calls.push_back(At(3800));
  Function Configure = fn("e1000_configure@e1000_main.c", "e1000_main.c", true);
  Configure.Calls.push_back(At(400));
  UnitFacts Main;
  Main.Functions = {
      Poll, Configure,
      fn("e1000_alloc_rx_buffers@e1000_main.c", "e1000_main.c", true),
      fn("e1000_alloc_jumbo_rx_buffers@e1000_main.c", "e1000_main.c", true)};
  for (const char *Target : {"e1000_alloc_rx_buffers@e1000_main.c",
                             "e1000_alloc_jumbo_rx_buffers@e1000_main.c"})
    Main.Stores.push_back({memberKey("e1000_adapter", "alloc_rx_buf"),
                           Target,
                           {"e1000_main.c", 1400, 3}});
  ContextSolver S;
  S.add(Main);
  S.solve(true);
  EXPECT_TRUE(S.mayRunAtomic("e1000_alloc_rx_buffers@e1000_main.c"));
  EXPECT_TRUE(S.mayRunAtomic("e1000_alloc_jumbo_rx_buffers@e1000_main.c"));

  // The same calls, with one of the functions stored from another file:
  // the field is no longer the file's own dispatch.
  UnitFacts Other;
  Other.Functions = {fn("ext_alloc@ext.c", "ext.c", true)};
  Other.Stores.push_back({memberKey("e1000_adapter", "alloc_rx_buf"),
                          "ext_alloc@ext.c",
                          {"ext.c", 12, 3}});
  ContextSolver T;
  T.add(Main);
  T.add(Other);
  T.solve(true);
  EXPECT_FALSE(T.mayRunAtomic("e1000_alloc_jumbo_rx_buffers@e1000_main.c"));
  EXPECT_FALSE(T.mayRunAtomic("ext_alloc@ext.c"));
}

TEST(RoleSource, EncodesAndDecodes) {
  using Kind = gfp::tree::RoleSource::Kind;
  gfp::tree::RoleSource Field{Kind::Field, "ethtool_ops", "set_rxnfc"};
  EXPECT_EQ(Field.encode(), "field:ethtool_ops:set_rxnfc");
  gfp::tree::RoleSource Init{Kind::Init, "", ""};
  EXPECT_EQ(Init.encode(), "init");
  // An annotation's argument is the rest, colons and all.
  gfp::tree::RoleSource Held{Kind::MustHold, "", "&a->b ? x : y"};
  std::optional<gfp::tree::RoleSource> Back =
      gfp::tree::RoleSource::decode(Held.encode());
  ASSERT_TRUE(Back.has_value());
  gfp::tree::RoleSource R = Back.value_or(Init);
  EXPECT_EQ(R.K, Kind::MustHold);
  EXPECT_EQ(R.Name, "");
  EXPECT_EQ(R.Detail, "&a->b ? x : y");
  Back = gfp::tree::RoleSource::decode("init");
  ASSERT_TRUE(Back.has_value());
  EXPECT_EQ(Back.value_or(Field).K, Kind::Init);
  // A sentence of an older version is no fact.
  EXPECT_FALSE(
      gfp::tree::RoleSource::decode("IRQ handler registered with request_irq"));
}
