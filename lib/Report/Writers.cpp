//===-- Writers.cpp - gfp-audit's report formats --------------------------===//
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Report/Writers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <map>

#include <sys/stat.h>
#include <unistd.h>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace gfp::report {

static llvm::StringRef directoryOf(llvm::StringRef File) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(File);
  return Dir.empty() ? "." : Dir;
}

static std::string where(const Location &L) {
  if (L.Line == 0)
    return L.File;
  return llvm::formatv("{0}:{1}:{2}", L.File, L.Line, L.Column).str();
}

static std::vector<const Finding *> shown(const Audit &A, bool OnlyNew) {
  std::vector<const Finding *> Out;
  for (const Finding &F : A.Findings)
    if (F.New || !OnlyNew)
      Out.push_back(&F);
  return Out;
}

//===-- Text --------------------------------------------------------------===//

void writeText(const Audit &A, const ReportContext &C, llvm::raw_ostream &OS,
               bool Color) {
  auto Colored = [&](llvm::raw_ostream::Colors Col, bool Bold) {
    if (Color)
      OS.changeColor(Col, Bold);
  };
  auto Reset = [&] {
    if (Color)
      OS.resetColor();
  };
  for (const Finding *F : shown(A, C.OnlyNew)) {
    Colored(llvm::raw_ostream::SAVEDCOLOR, true);
    OS << where(F->Loc) << ": ";
    Colored(llvm::raw_ostream::MAGENTA, true);
    OS << "warning: ";
    Colored(llvm::raw_ostream::SAVEDCOLOR, true);
    OS << F->Message << " [" << F->Check << "]";
    Reset();
    OS << "\n";
    llvm::StringRef Line = F->lineText();
    if (!Line.empty()) {
      OS << Line << "\n";
      std::string Caret;
      for (unsigned I = 1; I < F->Loc.Column && I <= Line.size(); ++I)
        Caret += Line[I - 1] == '\t' ? '\t' : ' ';
      Colored(llvm::raw_ostream::GREEN, true);
      OS << Caret << "^";
      Reset();
      OS << "\n";
    }
    for (const Note &N : F->Notes) {
      OS << where(N.Loc) << ": ";
      Colored(llvm::raw_ostream::BLACK, true);
      OS << "note: ";
      Reset();
      OS << N.Message << "\n";
    }
  }
  for (const Unit &U : A.Units)
    if (!U.Analysed)
      OS << U.File << ": error: not analysed: " << U.Reason << "\n";
}

//===-- SARIF -------------------------------------------------------------===//

std::string uriEncode(llvm::StringRef Path) {
  std::string Out;
  Out.reserve(Path.size());
  for (char Ch : Path) {
    if (llvm::isAlnum(Ch) || Ch == '-' || Ch == '.' || Ch == '_' || Ch == '~' ||
        Ch == '/') {
      Out += Ch;
      continue;
    }
    auto Byte = static_cast<unsigned>(static_cast<unsigned char>(Ch));
    Out += '%';
    Out += llvm::hexdigit(Byte >> 4, /*LowerCase=*/false);
    Out += llvm::hexdigit(Byte & 15, /*LowerCase=*/false);
  }
  return Out;
}

static Value sarifArtifact(llvm::StringRef File) {
  // Paths under the root are relative to SRCROOT; others are absolute.
  if (llvm::sys::path::is_absolute(File))
    return Object{{"uri", "file://" + uriEncode(File)}};
  return Object{{"uri", uriEncode(File)}, {"uriBaseId", "SRCROOT"}};
}

static Object sarifRegion(const Location &L, llvm::StringRef Snippet = {}) {
  Object Region{{"startLine", L.Line}};
  if (L.Column)
    Region["startColumn"] = L.Column;
  if (!Snippet.empty())
    Region["snippet"] = Object{{"text", Snippet}};
  return Region;
}

static Value sarifLocation(const Location &L, llvm::StringRef Message = {},
                           llvm::StringRef Snippet = {}) {
  Object Physical{{"artifactLocation", sarifArtifact(L.File)}};
  if (L.Line)
    Physical["region"] = sarifRegion(L, Snippet);
  Object Loc{{"physicalLocation", std::move(Physical)}};
  if (!Message.empty())
    Loc["message"] = Object{{"text", Message}};
  return Loc;
}

/// True for the notes that retrace the path of the value (the allocation,
/// the assignments), not the macro expansions.
static bool isPathNote(const Note &N) {
  return !llvm::StringRef(N.Message).starts_with("expanded from macro");
}

/// The SARIF `fixes` of a finding: one artifactChange per file edited.
static Array sarifFixes(const Finding &F) {
  std::map<std::string, Array> ByFile;
  for (const Replacement &R : F.Fixes) {
    if (!R.Begin.Line || !R.End.Line)
      continue;
    Object Deleted{{"startLine", R.Begin.Line},
                   {"startColumn", R.Begin.Column},
                   {"endLine", R.End.Line},
                   {"endColumn", R.End.Column}};
    ByFile[R.Begin.File].push_back(
        Object{{"deletedRegion", std::move(Deleted)},
               {"insertedContent", Object{{"text", R.Text}}}});
  }
  Array Changes;
  for (auto &[File, Replacements] : ByFile)
    Changes.push_back(Object{{"artifactLocation", sarifArtifact(File)},
                             {"replacements", std::move(Replacements)}});
  if (Changes.empty())
    return {};
  return Array{Object{{"description", Object{{"text", "the check's fix-it"}}},
                      {"artifactChanges", std::move(Changes)}}};
}

static Value sarifResult(const Finding &F, bool WithBaseline,
                         const std::map<std::string, unsigned> &RuleIndex) {
  Object Res{{"ruleId", F.Check},
             {"level", "warning"},
             {"message", Object{{"text", F.Message}}},
             {"locations", Array{sarifLocation(F.Loc, {}, F.lineText())}},
             {"partialFingerprints",
              Object{{"gfpAuditFingerprint/v1", F.Fingerprint}}}};
  if (auto It = RuleIndex.find(F.Check); It != RuleIndex.end())
    Res["ruleIndex"] = It->second;
  if (WithBaseline)
    Res["baselineState"] = F.New ? "new" : "unchanged";
  Array Related;
  Array Flow;
  unsigned Id = 0;
  for (const Note &N : F.Notes) {
    Object Rel = std::move(*sarifLocation(N.Loc, N.Message).getAsObject());
    Rel["id"] = Id++;
    Related.push_back(std::move(Rel));
    if (isPathNote(N))
      Flow.push_back(Object{{"location", sarifLocation(N.Loc, N.Message)}});
  }
  if (!Related.empty())
    Res["relatedLocations"] = std::move(Related);
  if (!Flow.empty()) {
    // The path from the allocation to the reported use: the notes that
    // retrace it, then the finding itself.
    Flow.push_back(
        Object{{"location", sarifLocation(F.Loc, F.Message, F.lineText())}});
    Res["codeFlows"] = Array{
        Object{{"threadFlows", Array{Object{{"locations", std::move(Flow)}}}}}};
  }
  if (Array Fixes = sarifFixes(F); !Fixes.empty())
    Res["fixes"] = std::move(Fixes);
  if (F.Units > 1)
    Res["properties"] = Object{{"units", F.Units}};
  return Res;
}

void writeSarif(const Audit &A, const ReportContext &C, llvm::raw_ostream &OS) {
  Array Rules;
  std::map<std::string, unsigned> RuleIndex;
  for (const RuleInfo &R : C.Rules) {
    RuleIndex[R.Id] = Rules.size();
    Rules.push_back(Object{
        {"id", R.Id},
        {"name", R.Name.empty() ? R.Id + "-rule" : R.Name},
        {"shortDescription", Object{{"text", R.Summary + "."}}},
        {"fullDescription", Object{{"text", R.Summary + "."}}},
        {"helpUri", R.HelpUri},
        {"help",
         Object{{"text", R.Summary + ". See " + R.HelpUri + "."},
                {"markdown", "Reports " + R.Summary + ". See [the " + R.Id +
                                 " documentation](" + R.HelpUri + ")."}}},
        {"defaultConfiguration", Object{{"level", "warning"}}}});
  }
  std::string RootUri = "file://" + uriEncode(A.Root);
  if (!llvm::StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  bool WithBaseline = !A.Baseline.empty();
  // The frame is streamed and each result built alone, so a report of
  // many findings needs the memory of one.
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attribute(
            "tool",
            Object{
                {"driver", Object{{"name", "gfp-audit"},
                                  {"version", C.ToolVersion},
                                  {"informationUri",
                                   C.Rules.empty()
                                       ? std::string()
                                       : directoryOf(C.Rules[0].HelpUri).str()},
                                  {"rules", std::move(Rules)}}}});
        J.attribute("originalUriBaseIds",
                    Object{{"SRCROOT", Object{{"uri", RootUri}}}});
        J.attributeArray("invocations", [&] {
          J.object([&] {
            J.attribute("executionSuccessful", A.notAnalysed() == 0);
            J.attributeArray("toolExecutionNotifications", [&] {
              for (const Unit &U : A.Units)
                if (!U.Analysed)
                  J.value(Object{
                      {"level", "error"},
                      {"message",
                       Object{{"text", "not analysed: " + U.Reason}}},
                      {"locations", Array{sarifLocation({U.File, 0, 0})}}});
            });
          });
        });
        J.attributeArray("results", [&] {
          for (const Finding &F : A.Findings)
            J.value(sarifResult(F, WithBaseline, RuleIndex));
        });
        J.attribute("columnKind", "unicodeCodePoints");
      });
    });
  });
  OS << "\n";
}

//===-- JSON and baselines ------------------------------------------------===//

void writeJson(const Audit &A, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  writeJSON(A, J);
  OS << "\n";
}

void writeBaseline(const Audit &A, llvm::raw_ostream &OS) {
  OS << llvm::formatv("{0:2}", baselineToJSON(A)) << "\n";
}

//===-- HTML --------------------------------------------------------------===//

static std::string html(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

static constexpr llvm::StringLiteral HtmlStyle = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#23324a;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;opacity:.85}
main{padding:16px 28px;max-width:1200px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:16px 0;padding:12px 18px}
h2{font-size:17px;margin:4px 0 10px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff3;vertical-align:top}
th{background:#f0f2f5;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.totals{display:flex;gap:12px;flex-wrap:wrap;margin:0 0 8px}
.total{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:10px 16px;min-width:130px}
.total b{display:block;font-size:24px}
.bad b{color:#b3261e}
.finding{border-left:4px solid #d9822b;margin:14px 0;padding:6px 12px;background:#fffdf8}
.finding.old{border-left-color:#9aa4b2;background:#fafbfc}
.finding h3{font-size:14px;margin:0 0 4px}
.loc{font-family:ui-monospace,monospace;font-size:13px}
.check{display:inline-block;background:#e8edf5;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px;background:#fde7d9}
pre.code{background:#1f2430;color:#d8dee9;padding:8px 0;border-radius:4px;overflow-x:auto;margin:6px 0}
pre.code span{display:block;padding:0 10px}
pre.code span.hit{background:#4b3a22;color:#fff}
pre.code i{display:inline-block;width:44px;color:#7b8494;font-style:normal;user-select:none}
ul.notes{margin:4px 0;padding-left:20px}
#filters button{margin:0 6px 6px 0;padding:3px 10px;border:1px solid #b8c2d0;border-radius:12px;background:#fff;cursor:pointer}
#filters button.on{background:#23324a;color:#fff;border-color:#23324a}
.muted{color:#6b7380}
)css";

static constexpr llvm::StringLiteral HtmlScript = R"js(
(function () {
  var box = document.getElementById('filters');
  var items = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  if (!box || !items.length) return;
  var checks = [];
  items.forEach(function (f) {
    if (checks.indexOf(f.dataset.check) < 0) checks.push(f.dataset.check);
  });
  var current = '';
  function show(check) {
    current = check;
    items.forEach(function (f) {
      f.style.display = (!check || f.dataset.check === check) ? '' : 'none';
    });
    Array.prototype.forEach.call(box.querySelectorAll('button'), function (b) {
      b.className = b.dataset.check === check ? 'on' : '';
    });
  }
  function add(label, check) {
    var b = document.createElement('button');
    b.textContent = label;
    b.dataset.check = check;
    b.onclick = function () { show(current === check ? '' : check); };
    box.appendChild(b);
  }
  add('all checks (' + items.length + ')', '');
  checks.sort().forEach(function (c) {
    var n = items.filter(function (f) { return f.dataset.check === c; }).length;
    add(c + ' (' + n + ')', c);
  });
  // A link can open the page filtered: report.html#check=gfp-page-as-address
  var m = /check=([\w-]+)/.exec(window.location.hash);
  show(m && checks.indexOf(m[1]) >= 0 ? m[1] : '');
})();
)js";

/// One finding of the HTML report: where, the check (linked to \p HelpUri),
/// the message, the source, the notes and the fix.
static void writeHtmlFinding(const Finding &F, llvm::StringRef HelpUri,
                             bool WithBaseline, llvm::raw_ostream &OS) {
  OS << "<div class=\"finding" << (F.New ? "" : " old") << "\" data-check=\""
     << html(F.Check) << "\"><h3><span class=\"loc\">" << html(where(F.Loc))
     << "</span><a class=\"check\" href=\"" << html(HelpUri) << "\">"
     << html(F.Check) << "</a>";
  if (WithBaseline && F.New)
    OS << "<span class=\"tag\">new</span>";
  if (F.HasFix)
    OS << "<span class=\"tag\">fix-it</span>";
  OS << "</h3><div class=\"msg\">" << html(F.Message) << "</div>";
  if (!F.Excerpt.empty()) {
    OS << "<pre class=\"code\">";
    for (size_t I = 0; I < F.Excerpt.size(); ++I) {
      unsigned LineNo = F.ExcerptStart + I;
      OS << "<span" << (LineNo == F.Loc.Line ? " class=\"hit\"" : "") << "><i>"
         << LineNo << "</i>" << html(F.Excerpt[I]) << "</span>";
    }
    OS << "</pre>";
  }
  if (!F.Notes.empty()) {
    OS << "<ul class=\"notes\">";
    for (const Note &N : F.Notes)
      OS << "<li><span class=\"loc\">" << html(where(N.Loc))
         << "</span>: " << html(N.Message) << "</li>";
    OS << "</ul>";
  }
  if (!F.Fixes.empty()) {
    OS << "<div class=\"fix\"><b>fix-it</b> (clang-tidy --fix applies it):"
       << "<ul class=\"notes\">";
    for (const Replacement &R : F.Fixes) {
      OS << "<li><span class=\"loc\">" << html(where(R.Begin)) << "</span>: ";
      if (R.Begin.Line == R.End.Line && R.Begin.Column == R.End.Column)
        OS << "insert <code>" << html(R.Text) << "</code>";
      else if (R.Text.empty())
        OS << "delete up to " << R.End.Line << ":" << R.End.Column;
      else
        OS << "replace up to " << R.End.Line << ":" << R.End.Column
           << " with <code>" << html(R.Text) << "</code>";
      OS << "</li>";
    }
    OS << "</ul></div>";
  }
  if (F.Units > 1)
    OS << "<div class=\"muted\">reported by " << F.Units << " units, first "
       << html(F.Unit) << "</div>";
  OS << "</div>\n";
}

void writeHtml(const Audit &A, const ReportContext &C, llvm::raw_ostream &OS) {
  std::map<std::string, unsigned> ByCheck;
  std::map<std::string, unsigned> ByDir;
  for (const Finding &F : A.Findings) {
    ++ByCheck[F.Check];
    ++ByDir[directoryOf(F.Loc.File).str()];
  }
  std::map<std::string, std::string> Help;
  for (const RuleInfo &R : C.Rules)
    Help[R.Id] = R.HelpUri;
  unsigned New = A.newFindings();
  unsigned Lost = A.notAnalysed();

  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
     << "<meta name=\"viewport\" content=\"width=device-width\">"
     << "<title>gfp-audit report</title><style>" << HtmlStyle
     << "</style></head><body>\n";
  OS << "<header><h1>gfp-audit report</h1><p>" << html(A.Root);
  if (!A.Shard.empty())
    OS << " &middot; shard " << html(A.Shard);
  OS << " &middot; gfp-tidy " << html(C.ToolVersion)
     << "</p></header>\n<main>\n";

  OS << "<div class=\"totals\" id=\"totals\">";
  auto Total = [&](llvm::StringRef Label, unsigned N, bool Bad) {
    OS << "<div class=\"total" << (Bad && N ? " bad" : "") << "\"><b>" << N
       << "</b>" << html(Label) << "</div>";
  };
  Total("findings", A.Findings.size(), false);
  if (!A.Baseline.empty())
    Total("new since the baseline", New, true);
  Total("units analysed", A.Units.size() - Lost, false);
  Total("units not analysed", Lost, true);
  Total("hiding macros and wrappers", A.Inventory.size(), false);
  OS << "</div>\n";

  OS << "<section id=\"by-check\"><h2>Findings by check</h2><table>"
     << "<tr><th>check</th><th>what it reports</th><th>findings</th></tr>";
  for (const RuleInfo &R : C.Rules)
    // The checks that ran (all of them when the audit does not say).
    if (A.Checks.empty() || llvm::is_contained(A.Checks, R.Id))
      OS << "<tr><td><a href=\"" << html(R.HelpUri) << "\">" << html(R.Id)
         << "</a></td><td>" << html(R.Summary) << "</td><td class=\"n\">"
         << ByCheck[R.Id] << "</td></tr>";
  OS << "</table></section>\n";

  OS << "<section id=\"by-directory\"><h2>Findings by directory</h2>";
  if (ByDir.empty()) {
    OS << "<p class=\"muted\">No findings.</p>";
  } else {
    OS << "<table><tr><th>directory</th><th>findings</th></tr>";
    for (const auto &[Dir, N] : ByDir)
      OS << "<tr><td class=\"loc\">" << html(Dir) << "</td><td class=\"n\">"
         << N << "</td></tr>";
    OS << "</table>";
  }
  OS << "</section>\n";

  if (Lost) {
    OS << "<section id=\"not-analysed\"><h2>Units not analysed</h2><table>"
       << "<tr><th>unit</th><th>reason</th></tr>";
    for (const Unit &U : A.Units)
      if (!U.Analysed)
        OS << "<tr><td class=\"loc\">" << html(U.File) << "</td><td>"
           << html(U.Reason) << "</td></tr>";
    OS << "</table></section>\n";
  }

  OS << "<section id=\"findings\"><h2>Findings</h2><div id=\"filters\"></div>";
  if (A.Findings.empty())
    OS << "<p class=\"muted\">No findings.</p>";
  for (const Finding &F : A.Findings)
    writeHtmlFinding(F, Help[F.Check], !A.Baseline.empty(), OS);
  OS << "</section>\n";

  OS << "<section id=\"inventory\"><h2>Macros and wrappers that hide "
        "allocations</h2>";
  if (A.Inventory.empty()) {
    OS << "<p class=\"muted\">None seen.</p>";
  } else {
    OS << "<table><tr><th>kind</th><th>name</th><th>defined at</th>"
       << "<th>hides</th><th>returns</th><th>may sleep</th>"
       << "<th>units</th></tr>";
    for (const InventoryItem &I : A.Inventory)
      OS << "<tr><td>" << html(I.Kind) << "</td><td class=\"loc\">"
         << html(I.Name) << "</td><td class=\"loc\">" << html(where(I.Loc))
         << "</td><td class=\"loc\">" << html(I.Hides) << "</td><td>"
         << html(I.Result) << "</td><td>" << html(I.Sleeps)
         << "</td><td class=\"n\">" << I.Units << "</td></tr>";
    OS << "</table>";
  }
  OS << "</section>\n";

  if (!A.DroppedFlags.empty()) {
    OS << "<section id=\"dropped-flags\"><h2>Compiler flags dropped</h2>"
       << "<p>clang does not know these flags of the compilation database; "
       << "they were left out.</p><table><tr><th>flag</th><th>commands</th>"
       << "</tr>";
    for (const auto &[Flag, N] : A.DroppedFlags)
      OS << "<tr><td class=\"loc\">" << html(Flag) << "</td><td class=\"n\">"
         << N << "</td></tr>";
    OS << "</table></section>\n";
  }
  OS << "</main><script>" << HtmlScript << "</script></body></html>\n";
}

//===-- Markdown ----------------------------------------------------------===//

/// \p S as a Markdown code span: the fence is one backtick longer than
/// the longest run of backticks in \p S, and spaces pad a text that begins
/// or ends with one.
static std::string mdCode(llvm::StringRef S) {
  size_t Longest = 0;
  for (size_t I = 0; I < S.size();) {
    size_t Run = 0;
    while (I + Run < S.size() && S[I + Run] == '`')
      ++Run;
    Longest = std::max(Longest, Run);
    I += Run ? Run : 1;
  }
  std::string Fence(Longest + 1, '`');
  bool Pad = !S.empty() && (S.front() == '`' || S.back() == '`');
  std::string Out = Fence;
  if (Pad)
    Out += ' ';
  Out += S;
  if (Pad)
    Out += ' ';
  return Out + Fence;
}

static std::string mdCell(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '|' || C == '`' || C == '<' || C == '>' || C == '*' || C == '_')
      Out += '\\';
    Out += C;
  }
  return Out;
}

void writeMarkdown(const Audit &A, const ReportContext &C,
                   llvm::raw_ostream &OS) {
  std::vector<const Finding *> Shown = shown(A, C.OnlyNew);
  unsigned Lost = A.notAnalysed();
  bool Gate = !A.Baseline.empty();
  OS << "### gfp-audit: ";
  if (Gate)
    OS << A.newFindings() << " new finding" << (A.newFindings() == 1 ? "" : "s")
       << " (" << A.Findings.size() << " in all, "
       << A.Findings.size() - A.newFindings() << " in the baseline)";
  else
    OS << A.Findings.size() << " finding"
       << (A.Findings.size() == 1 ? "" : "s");
  OS << "\n\n"
     << A.Units.size() - Lost << " of " << A.Units.size()
     << " translation units analysed";
  if (Lost)
    OS << ", **" << Lost << " not analysed**";
  OS << ".\n\n";
  std::map<std::string, unsigned> ByCheck;
  for (const Finding *F : Shown)
    ++ByCheck[F->Check];
  if (!ByCheck.empty()) {
    OS << "| check | " << (Gate ? "new findings" : "findings") << " |\n"
       << "|---|---:|\n";
    for (const auto &[Check, N] : ByCheck)
      OS << "| `" << Check << "` | " << N << " |\n";
    OS << "\n";
  }
  constexpr size_t Limit = 50;
  if (!Shown.empty()) {
    OS << "<details><summary>" << (Gate ? "New findings" : "Findings")
       << "</summary>\n\n";
    for (size_t I = 0; I < Shown.size() && I < Limit; ++I) {
      const Finding &F = *Shown[I];
      OS << "- " << mdCode(where(F.Loc)) << " " << mdCell(F.Message) << " ("
         << mdCode(F.Check) << ")\n";
    }
    if (Shown.size() > Limit)
      OS << "- ... and " << Shown.size() - Limit << " more\n";
    OS << "\n</details>\n\n";
  }
  if (Lost) {
    OS << "<details><summary>Not analysed</summary>\n\n";
    for (const Unit &U : A.Units)
      if (!U.Analysed)
        OS << "- " << mdCode(U.File) << ": " << mdCell(U.Reason) << "\n";
    OS << "\n</details>\n";
  }
}

//===-- Writing files -----------------------------------------------------===//

/// Writes \p Path through a temporary file beside it and a rename; errors
/// name \p Shown.
static llvm::Error
writeRenamed(llvm::StringRef Path, llvm::StringRef Shown,
             llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  auto Failed = [&](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Shown.str().c_str(), EC.message().c_str());
  };
  llvm::SmallString<256> Temp(Path);
  Temp += ".tmp-%%%%%%";
  int FD = -1;
  llvm::SmallString<256> TempPath;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Temp, FD, TempPath))
    return Failed(EC);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      [[maybe_unused]] std::error_code Ignored =
          llvm::sys::fs::remove(TempPath);
      return Failed(EC);
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path)) {
    [[maybe_unused]] std::error_code Ignored = llvm::sys::fs::remove(TempPath);
    return Failed(EC);
  }
  return llvm::Error::success();
}

llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  return writeRenamed(Path, Path, Write);
}

llvm::Expected<OutputTarget> resolveOutput(llvm::StringRef PathIn) {
  auto Failed = [&](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   PathIn.str().c_str(), EC.message().c_str());
  };
  if (PathIn == "-" || PathIn == "/dev/stdout" || PathIn == "/dev/fd/1" ||
      PathIn == "/proc/self/fd/1")
    return OutputTarget{OutputTarget::Stdout, "-"};
  std::string Path = absolutePath(PathIn);
  // The kernel's own links (/dev/stdout -> /proc/self/fd/1 -> pipe:[...])
  // name no file: open them as they are.
  auto IsSpecialTree = [](llvm::StringRef P) {
    return P.starts_with("/dev/") || P.starts_with("/proc/");
  };
  if (IsSpecialTree(Path))
    return OutputTarget{OutputTarget::Stream, PathIn.str()};
  for (unsigned Hops = 0;; ++Hops) {
    struct stat St;
    if (::lstat(Path.c_str(), &St) != 0) {
      if (errno == ENOENT)
        return OutputTarget{OutputTarget::File, Path};
      return Failed(std::error_code(errno, std::generic_category()));
    }
    if (S_ISREG(St.st_mode))
      return OutputTarget{OutputTarget::File, Path};
    if (S_ISDIR(St.st_mode))
      return Failed(std::make_error_code(std::errc::is_a_directory));
    if (!S_ISLNK(St.st_mode))
      return OutputTarget{OutputTarget::Stream, Path};
    if (Hops == 40)
      return Failed(
          std::make_error_code(std::errc::too_many_symbolic_link_levels));
    llvm::SmallString<256> Target;
    Target.resize_for_overwrite(4096);
    ssize_t N = ::readlink(Path.c_str(), Target.data(), Target.size());
    if (N < 0)
      return Failed(std::error_code(errno, std::generic_category()));
    Target.truncate(N);
    Path = absolutePath(Target, llvm::sys::path::parent_path(Path));
    if (IsSpecialTree(Path))
      return OutputTarget{OutputTarget::Stream, PathIn.str()};
  }
}

llvm::Error writeOutput(llvm::StringRef Path,
                        llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  llvm::Expected<OutputTarget> T = resolveOutput(Path);
  if (!T)
    return T.takeError();
  auto Failed = [&](std::error_code EC) {
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  };
  switch (T->K) {
  case OutputTarget::File:
    return writeRenamed(T->Path, Path, Write);
  case OutputTarget::Stdout: {
    llvm::raw_fd_ostream &OS = llvm::outs();
    Write(OS);
    OS.flush();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      return Failed(EC);
    }
    return llvm::Error::success();
  }
  case OutputTarget::Stream: {
    std::error_code EC;
    llvm::raw_fd_ostream OS(T->Path, EC, llvm::sys::fs::OF_None);
    if (EC)
      return Failed(EC);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      EC = OS.error();
      OS.clear_error();
      return Failed(EC);
    }
    return llvm::Error::success();
  }
  }
  return llvm::Error::success();
}

std::string partialPath(llvm::StringRef Path) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  llvm::StringRef Stem = llvm::sys::path::stem(Path);
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  llvm::SmallString<256> Out(Dir);
  llvm::sys::path::append(Out, Stem + ".partial" + Ext);
  return std::string(Out);
}

} // namespace gfp::report
