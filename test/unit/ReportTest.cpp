//===-- ReportTest.cpp - gfp-audit's results model ------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Report/Audit.h"
#include "Report/Writers.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "gtest/gtest.h"

using namespace gfp::report;

namespace {

/// A finding at \p Line of drivers/x.c whose source line is \p Text.
Finding finding(unsigned Line, unsigned Column, const std::string &Text,
                const std::string &Message = "page used without a check") {
  Finding F;
  F.Check = "gfp-unchecked-atomic-page";
  F.Message = Message;
  F.Loc = {"drivers/x.c", Line, Column};
  F.ExcerptStart = Line - 1;
  F.Excerpt = {"{", Text, "}"};
  F.Unit = "drivers/x.c";
  return F;
}

TEST(FingerprintTest, SurvivesLineShiftsAndIndentation) {
  std::string A = computeFingerprint(finding(10, 11, "\tget_page(page);"));
  EXPECT_EQ(A, computeFingerprint(finding(42, 11, "\tget_page(page);")));
  // Re-indented: the column moves with the indentation.
  EXPECT_EQ(A, computeFingerprint(finding(10, 15, "\t    get_page(page);")));
  EXPECT_EQ(A, computeFingerprint(finding(10, 11, "\tget_page( page );")));
}

TEST(FingerprintTest, ChangesWithWhatMatters) {
  std::string A = computeFingerprint(finding(10, 11, "\tget_page(page);"));
  EXPECT_NE(A, computeFingerprint(finding(10, 11, "\tget_page(other);")));
  EXPECT_NE(A, computeFingerprint(finding(10, 12, "\tget_page(page);")));
  EXPECT_NE(A, computeFingerprint(
                   finding(10, 11, "\tget_page(page);", "another message")));
  Finding OtherFile = finding(10, 11, "\tget_page(page);");
  OtherFile.Loc.File = "drivers/y.c";
  EXPECT_NE(A, computeFingerprint(OtherFile));
  Finding OtherCheck = finding(10, 11, "\tget_page(page);");
  OtherCheck.Check = "gfp-page-as-address";
  EXPECT_NE(A, computeFingerprint(OtherCheck));
}

TEST(BaselineTest, MatchesAsAMultiset) {
  Audit Old;
  Old.Findings = {finding(10, 11, "\tget_page(page);")};
  finalize(Old);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeBaseline(Old, OS);
  llvm::Expected<Baseline> B = baselineFromJSON(Text, "base.json");
  ASSERT_TRUE(static_cast<bool>(B)) << llvm::toString(B.takeError());

  // The same bug twice: the baseline accepts one of them.
  Audit Now;
  Now.Findings = {finding(20, 11, "\tget_page(page);"),
                  finding(30, 11, "\tget_page(page);")};
  finalize(Now);
  EXPECT_EQ(applyBaseline(Now, *B, "base.json"), 1U);
  EXPECT_FALSE(Now.Findings[0].New);
  EXPECT_TRUE(Now.Findings[1].New);
  EXPECT_EQ(Now.newFindings(), 1U);
}

TEST(BaselineTest, RejectsOtherFormats) {
  for (const char *Text :
       {"[]", "{\"format\": \"gfp-audit-results\", \"version\": 1}",
        "{\"format\": \"gfp-audit-baseline\", \"version\": 2, "
        "\"findings\": []}",
        "{\"format\": \"gfp-audit-baseline\", \"version\": 1, "
        "\"findings\": [{}]}",
        "{"}) {
    llvm::Expected<Baseline> B = baselineFromJSON(Text, "b.json");
    EXPECT_FALSE(static_cast<bool>(B)) << Text;
    if (!B)
      EXPECT_NE(llvm::toString(B.takeError()).find("b.json"),
                std::string::npos);
  }
}

TEST(MergeTest, AHeaderFindingCountsOnce) {
  AuditMerger Merger;
  for (const char *Unit : {"drivers/b.c", "drivers/a.c"}) {
    Audit Part;
    Part.Root = "/src/linux";
    Part.Units.push_back({Unit, true, "", 1, 0.5});
    Finding F = finding(5, 2, "\tmemset((void *)page, 0, PAGE_SIZE);");
    F.Loc.File = "include/ring.h";
    F.Unit = Unit;
    Part.Findings.push_back(F);
    Part.Inventory.push_back({"macro",
                              "labyrinth",
                              {"include/ring.h", 3, 19},
                              "alloc_page(GFP_ATOMIC)",
                              "struct page *",
                              "no",
                              1,
                              1});
    Merger.add(std::move(Part));
  }
  Audit All = Merger.take();
  finalize(All);
  ASSERT_EQ(All.Findings.size(), 1U);
  EXPECT_EQ(All.Findings[0].Units, 2U);
  EXPECT_EQ(All.Findings[0].Unit, "drivers/a.c");
  ASSERT_EQ(All.Inventory.size(), 1U);
  EXPECT_EQ(All.Inventory[0].Units, 2U);
  ASSERT_EQ(All.Units.size(), 2U);
  EXPECT_EQ(All.Units[0].File, "drivers/a.c");
}

TEST(JsonTest, RoundTrips) {
  Audit A;
  A.Root = "/src/linux";
  A.Checks = {"gfp-page-as-address"};
  A.Shard = "2/3";
  A.Units = {
      {"drivers/x.c", true, "", 1, 1.25},
      {"drivers/y.c", false, "timed out after 300 s (--timeout)", 0, 300}};
  Finding F = finding(10, 11, "\tget_page(page);");
  F.Notes = {{"page allocated here", {"drivers/x.c", 9, 13}}};
  F.HasFix = true;
  A.Findings = {F};
  A.DroppedFlags = {{"-fconserve-stack", 2}};
  finalize(A);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeJson(A, OS);
  llvm::Expected<Audit> Back = auditFromJSON(Text, "r.json");
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->Root, A.Root);
  EXPECT_EQ(Back->Shard, "2/3");
  ASSERT_EQ(Back->Units.size(), 2U);
  EXPECT_FALSE(Back->Units[1].Analysed);
  EXPECT_EQ(Back->Units[1].Reason, A.Units[1].Reason);
  ASSERT_EQ(Back->Findings.size(), 1U);
  EXPECT_EQ(Back->Findings[0].Fingerprint, A.Findings[0].Fingerprint);
  EXPECT_EQ(Back->Findings[0].lineText(), "\tget_page(page);");
  EXPECT_EQ(Back->Findings[0].Notes[0].Loc.Line, 9U);
  EXPECT_TRUE(Back->Findings[0].HasFix);
  EXPECT_EQ(Back->DroppedFlags["-fconserve-stack"], 2U);
}

TEST(JsonTest, NamesTheMissingField) {
  llvm::Expected<Audit> A = auditFromJSON(
      "{\"format\": \"gfp-audit-results\", \"version\": 1, \"root\": \"/\", "
      "\"checks\": [], \"units\": [{\"file\": 3}], \"findings\": [], "
      "\"inventory\": []}",
      "r.json");
  ASSERT_FALSE(static_cast<bool>(A));
  EXPECT_EQ(llvm::toString(A.takeError()),
            "r.json: not a gfp-audit results file: 'file' is missing or has "
            "the wrong type");
}

TEST(PathTest, RelativeToTheRoot) {
  EXPECT_EQ(relativeTo("/src/linux/mm/slab.c", "/src/linux"), "mm/slab.c");
  EXPECT_EQ(relativeTo("/src/linux/mm/slab.c", "/src/linux/"), "mm/slab.c");
  EXPECT_EQ(relativeTo("/src/linux2/mm/slab.c", "/src/linux"),
            "/src/linux2/mm/slab.c");
  EXPECT_EQ(relativeTo("/usr/include/x.h", "/src/linux"), "/usr/include/x.h");
}

} // namespace

namespace {

TEST(OutputTest, UrisArePercentEncoded) {
  EXPECT_EQ(uriEncode("drivers/net/a_b-c.~1.c"), "drivers/net/a_b-c.~1.c");
  EXPECT_EQ(uriEncode("al pha/<rx> 'q' 50% `t`#1.c"),
            "al%20pha/%3Crx%3E%20%27q%27%2050%25%20%60t%60%231.c");
  // Bytes of a UTF-8 name, each encoded.
  EXPECT_EQ(uriEncode("caf\xc3\xa9.c"), "caf%C3%A9.c");
}

TEST(OutputTest, PartialReportsGoBeside) {
  EXPECT_EQ(partialPath("out/gfp.sarif"), "out/gfp.partial.sarif");
  EXPECT_EQ(partialPath("report.html"), "report.partial.html");
  EXPECT_EQ(partialPath("dir/baseline"), "dir/baseline.partial");
}

TEST(OutputTest, ResolvesLinksStreamsAndStdout) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("gfp-output-test", Dir));
  std::string Target = (Dir + "/target.json").str();
  std::string Link = (Dir + "/link.json").str();
  std::string Chain = (Dir + "/chain.json").str();
  ASSERT_FALSE(llvm::sys::fs::create_link("target.json", Link));
  ASSERT_FALSE(llvm::sys::fs::create_link("link.json", Chain));
  // A link to a file not yet written: the file is written, the link stays.
  for (const std::string &P : {Link, Chain}) {
    llvm::Expected<OutputTarget> T = resolveOutput(P);
    ASSERT_TRUE(bool(T)) << llvm::toString(T.takeError());
    EXPECT_EQ(T->K, OutputTarget::File);
    EXPECT_EQ(T->Path, Target);
  }
  ASSERT_FALSE(
      bool(writeOutput(Chain, [](llvm::raw_ostream &OS) { OS << "{}"; })));
  llvm::sys::fs::file_status St;
  ASSERT_FALSE(llvm::sys::fs::status(Link, St, /*Follow=*/false));
  EXPECT_EQ(St.type(), llvm::sys::fs::file_type::symlink_file);
  EXPECT_TRUE(llvm::sys::fs::is_regular_file(Target));

  for (llvm::StringRef Out : {"-", "/dev/stdout", "/dev/fd/1"}) {
    llvm::Expected<OutputTarget> T = resolveOutput(Out);
    ASSERT_TRUE(bool(T));
    EXPECT_EQ(T->K, OutputTarget::Stdout) << Out.str();
  }
  llvm::Expected<OutputTarget> Null = resolveOutput("/dev/null");
  ASSERT_TRUE(bool(Null));
  EXPECT_EQ(Null->K, OutputTarget::Stream);
  llvm::Expected<OutputTarget> AsDir = resolveOutput(Dir);
  EXPECT_FALSE(bool(AsDir));
  llvm::consumeError(AsDir.takeError());
  // A loop of links is an error, not a hang.
  std::string Loop = (Dir + "/loop").str();
  ASSERT_FALSE(llvm::sys::fs::create_link("loop", Loop));
  llvm::Expected<OutputTarget> Looped = resolveOutput(Loop);
  EXPECT_FALSE(bool(Looped));
  llvm::consumeError(Looped.takeError());
  ASSERT_FALSE(llvm::sys::fs::remove_directories(Dir));
}

TEST(OutputTest, WriteErrorsAreErrors) {
  llvm::Error E =
      writeOutput("/dev/full", [](llvm::raw_ostream &OS) { OS << "data"; });
  ASSERT_TRUE(bool(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("No space left on device"),
            std::string::npos);
}

TEST(JsonTest, FixesAndOptionsRoundTrip) {
  Audit A;
  A.Root = "/src";
  A.Checks = {"gfp-page-free-mismatch"};
  A.Options = "0123abcd";
  A.Units.push_back({"drivers/x.c", true, "", 1, 0.5});
  Finding F = finding(10, 3, "\tfree_page((unsigned long)page);");
  F.HasFix = true;
  F.Fixes.push_back(
      {{"drivers/x.c", 10, 2}, {"drivers/x.c", 10, 32}, "__free_page(page)"});
  A.Findings.push_back(F);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeJson(A, OS);
  OS.flush();
  llvm::Expected<Audit> Back = auditFromJSON(Text, "test");
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->Options, "0123abcd");
  ASSERT_EQ(Back->Findings.size(), 1u);
  ASSERT_EQ(Back->Findings[0].Fixes.size(), 1u);
  EXPECT_EQ(Back->Findings[0].Fixes[0].Text, "__free_page(page)");
  EXPECT_EQ(Back->Findings[0].Fixes[0].End.Column, 32u);
}

TEST(MarkdownTest, BackticksInNamesKeepTheSummaryWellFormed) {
  Audit A;
  A.Root = "/src";
  A.Units.push_back({"drivers/a`b`.c", false, "compile error", 0, 0});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeMarkdown(A, ReportContext(), OS);
  OS.flush();
  EXPECT_NE(Text.find("- ``drivers/a`b`.c``: compile error"), std::string::npos)
      << Text;
}

} // namespace
